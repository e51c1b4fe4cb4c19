#!/usr/bin/env python3
"""Golden values of VoiceShiftTest: PyTorch's linear interpolation and training/model.py's warp_batch, which the
exported speech graph uses, on small ramps. Run from the repository root with /usr/bin/python3 (python3-torch 1.13)."""
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, "training")
import model as M  # noqa: E402

for a, x in ((0.8, torch.arange(10.0)), (1.3, torch.arange(10.0)), (0.5, torch.tensor([0.0, 2.0, 4.0]))):
    ref = F.interpolate(x[None, None], scale_factor=1 / a, mode="linear", align_corners=False)[0, 0]
    num, den = M.warp_fraction(a)
    ours, n = M.warp_batch(x[None], torch.tensor([len(x)]), num, den)
    print(f"a = {a}: F.interpolate {[round(v, 6) for v in ref.tolist()]}")
    print(f"a = {a}: warp_batch    {[round(v, 6) for v in ours[0, :int(n)].tolist()]}")
