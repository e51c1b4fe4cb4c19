#!/usr/bin/env python3
"""Weight interpolation between two checkpoints of the same network (WiSE-FT, Wortsman et al. 2022):
every float tensor (weights and batch-norm statistics) becomes (1 - ALPHA) * first + ALPHA * second; integer
buffers come from the second. Used to blend the phase-1 model with its phase-2 fine-tuning.

usage: ALPHA=0.5 /usr/bin/python3 interpolate.py first.pt second.pt out.pt
"""
import os
import sys

import torch


def main():
    first, second, out = sys.argv[1:4]
    alpha = float(os.environ.get("ALPHA", "0.5"))
    if not 0.0 <= alpha <= 1.0:
        sys.exit(f"interpolate.py: ALPHA must be in [0, 1], got {alpha}")
    a = torch.load(first, map_location="cpu")
    b = torch.load(second, map_location="cpu")
    sa, sb = a["state"], b["state"]
    if sa.keys() != sb.keys() or any(sa[k].shape != sb[k].shape for k in sa):
        sys.exit(f"interpolate.py: {first} and {second} are not the same network; nothing written")
    state = {k: ((1 - alpha) * sa[k] + alpha * sb[k]) if sa[k].is_floating_point() else sb[k].clone() for k in sa}
    blended = dict(b)
    blended["state"] = state
    blended["interpolated"] = {"first": os.path.basename(first), "second": os.path.basename(second), "alpha": alpha}
    tmp = out + ".part"
    torch.save(blended, tmp)
    os.replace(tmp, out)
    print(f"interpolate.py: {out} = {1 - alpha:g} x {first} + {alpha:g} x {second}", file=sys.stderr)


if __name__ == "__main__":
    main()
