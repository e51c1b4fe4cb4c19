#!/usr/bin/env python3
"""How speech -> text retrieval changes when the held-out voices are resampled (pitch and formants scaled together).

Usage: warp_probe.py CORPUS_DIR CHECKPOINT   (FACTORS, CLIPS, THREADS, SEED from the environment)

For each held-out voice, CLIPS (1000) random clips of eval_voices are resampled by each factor a in FACTORS
(default 0.6,0.65,0.7,0.75,0.8,0.9,1,1.1,1.25: a < 1 scales every frequency down by a and the duration up by 1 / a,
through model.warp_batch) and rank all vocabulary words; prints speech -> text P@1 and P@5 per voice and factor.
A voice whose best factor is far from 1 lies outside the range of vocal tracts the speech tower learnt.
"""
import json
import os
import sys

import numpy as np
import torch

import evaluate as E
from train import Corpus


def main():
    corpus_dir, ckpt = sys.argv[1:3]
    torch.set_num_threads(int(os.environ.get("THREADS", 2)))
    factors = [float(f) for f in os.environ.get("FACTORS", "0.6,0.65,0.7,0.75,0.8,0.9,1,1.1,1.25").split(",")]
    n = int(os.environ.get("CLIPS", 1000))
    net, _ = E.load(ckpt)
    words = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))["words"]
    tx = E.embed_texts(net, words)
    ev = Corpus(os.path.join(corpus_dir, "eval_voices.npz"))
    print("| voice | " + " | ".join(f"{a:g}" for a in factors) + " |")
    print("|---|" + "---|" * len(factors))
    for v in sorted(set(ev.voice.tolist())):
        idx = np.flatnonzero(ev.voice == v)
        idx = np.random.default_rng(int(os.environ.get("SEED", 0))).choice(idx, min(n, len(idx)), replace=False)
        truth = ev.text[idx].astype(np.int64)
        cells = []
        for a in factors:
            sp = E.embed_clips(net, [ev.clip(i) for i in idx], warps=[a])
            p = E.p_at(sp @ tx.T, truth)
            cells.append(f"{p[1]:.3f} / {p[5]:.3f}")
        print(f"| `{v}` | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
