#!/usr/bin/env python3
"""How the rule of voice_norm.py was chosen: scores and minimum gains compared on random samples.

Usage: voice_norm_rules.py CORPUS_DIR CHECKPOINT GRID_DIR   (THREADS, DRAWS, SAMPLE from the environment)

Every clip of eval_voices and eval_seen is embedded resampled by each factor 0.65, 0.7, ..., 1.25 (as voice_norm.py
resamples; one .npy per set and factor in GRID_DIR, computed once, about 100 s per factor on two threads). Then, for
each voice, DRAWS (40) random samples of SAMPLE (48) clips choose a factor as voice_norm.py does (coarse 0.7-1.2,
then 0.05 either side), with three scores of a factor (the mean over the sample of: each clip's best cosine with a
word; its margin over the next ten best; its best cosine as a z-score over all the words) and minimum gains of 0, 5,
10 and 20%; printed per voice: the mean and the worst speech -> text P@1 over the draws, and the factors chosen.
Last, per set, centring (voice_norm.centre) with each voice's mean taken from 8, 20, 48, 100 or 300 random clips
(five draws each; flite:slt at 0.8, every other voice at 1).
"""
import json
import os
import sys
import time

import numpy as np
import torch

import evaluate as E
import voice_norm as V
from train import Corpus

GRID = [round(0.65 + 0.05 * i, 2) for i in range(13)]


def embed_grid(net, corpus_dir, grid_dir, name):
    ev = Corpus(os.path.join(corpus_dir, name + ".npz"))
    clips = None
    out = {}
    for a in GRID:
        path = os.path.join(grid_dir, f"{name}_{a:.2f}.npy")
        if not os.path.exists(path):
            clips = clips or [ev.clip(i) for i in range(len(ev.text))]
            t0 = time.time()
            e = E.embed_clips(net, [V.resample(c, a) for c in clips]).astype(np.float16)
            np.save(path + ".part.npy", e)
            os.replace(path + ".part.npy", path)
            print(f"{name} x{a:g}: {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
        out[a] = np.load(path).astype(np.float32)
    return out, ev.text.astype(np.int64), ev.voice


def scores(sim):
    """The three scores of every clip, from its cosines with the words (sim [clips, words])."""
    best = sim.max(axis=1)
    return {"best cosine": best, "margin": V.margins(sim), "z-score": (best - sim.mean(axis=1)) / sim.std(axis=1)}


def main():
    corpus_dir, ckpt, grid_dir = sys.argv[1:4]
    torch.set_num_threads(int(os.environ.get("THREADS", 2)))
    draws, sample = int(os.environ.get("DRAWS", 40)), int(os.environ.get("SAMPLE", 48))
    os.makedirs(grid_dir, exist_ok=True)
    net, _ = E.load(ckpt)
    words = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))["words"]
    tx = E.embed_texts(net, words)
    for name in ("eval_voices", "eval_seen"):
        embs, truth, voice = embed_grid(net, corpus_dir, grid_dir, name)
        feat, hit = {}, {}
        for a, e in embs.items():
            sim = e @ tx.T
            feat[a] = scores(sim)
            hit[a] = (sim > sim[np.arange(len(truth)), truth][:, None]).sum(axis=1) == 0
        for kind in ("best cosine", "margin", "z-score"):
            for gain in (0.0, 0.05, 0.10, 0.20):
                V.MIN_GAIN = gain
                cells = []
                for v in sorted(set(voice.tolist())):
                    idx = np.flatnonzero(voice == v)
                    rng = np.random.default_rng(0)
                    p, chosen = [], []
                    for _ in range(draws):
                        pick = rng.choice(idx, min(sample, len(idx)), replace=False)
                        a = V.choose(lambda a: float(feat[a][kind][pick].mean()))[0]
                        chosen.append(a)
                        p.append(hit[a][idx].mean())
                    cells.append(f"{v} {np.mean(p):.3f} (worst {np.min(p):.3f}; x{min(chosen):g}-{max(chosen):g})")
                print(f"{name} | {kind} | gain {gain:.0%} | " + " | ".join(cells), flush=True)
        # centring with each voice's mean taken from n random clips (flite:slt at 0.8, every other voice at 1)
        base = embs[1.0].copy()
        slt = voice == "flite:slt"
        base[slt] = embs[0.8][slt]
        none = np.mean([hit[0.8][i] if slt[i] else hit[1.0][i] for i in range(len(truth))])
        rng = np.random.default_rng(0)
        for n in (8, 20, 48, 100, 300):
            res = []
            for _ in range(5):
                picks = {v: rng.choice(np.flatnonzero(voice == v), min(n, int((voice == v).sum())), replace=False) for v in sorted(set(voice.tolist()))}
                means = {v: base[p].mean(axis=0) for v, p in picks.items()}
                glob = np.mean(list(means.values()), axis=0)
                out = base.copy()
                for v, m in means.items():
                    sel = voice == v
                    out[sel] = base[sel] - m + glob
                out /= np.linalg.norm(out, axis=1, keepdims=True)
                sim = out @ tx.T
                res.append(((sim > sim[np.arange(len(truth)), truth][:, None]).sum(axis=1) == 0).mean())
            print(f"{name} | centring, each voice's mean from {n} clips (5 draws) | speech -> text P@1 {np.mean(res):.3f} "
                  f"(worst {np.min(res):.3f}); without centring {none:.3f}", flush=True)


if __name__ == "__main__":
    main()
