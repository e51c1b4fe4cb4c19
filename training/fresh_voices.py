#!/usr/bin/env python3
"""A set of voices no model of the project was trained, evaluated or tuned on, to check voice normalisation's rule.

Usage: fresh_voices.py CORPUS_DIR   (EVERY, PROCS from the environment)

Writes CORPUS_DIR/fresh_voices.npz (the corpus.py format) with every EVERY-th (5) vocabulary word, most frequent
first, in each of FRESH_VOICES at its default rate and pitch: festival's second diphone voice ked_diphone (festival
is wholly held out of training; kal_diphone is the evaluation's festival voice) and espeak-ng variants used neither
in training nor in eval_voices (m8, klatt5) or in another accent (f4). Then run
  EVAL_SET=fresh_voices voice_norm.py CORPUS_DIR CHECKPOINT OUT_JSON
"""
import json
import os
import sys
import time
from multiprocessing import Pool

import numpy as np

import corpus
import synth

FRESH_VOICES = ["festival:ked_diphone", "espeak:en-us+f4", "espeak:en+klatt5", "espeak:en-gb-x-rp+m8"]


def work(args):
    voice, numbered = args
    clips = synth.synth_many([(voice, w, 1.0, None) for _, w in numbered])
    return [(i, voice, clip, w) for (i, w), clip in zip(numbered, clips)]


def main():
    out_dir = sys.argv[1]
    every = int(os.environ.get("EVERY", 5))
    procs = int(os.environ.get("PROCS", 2))
    t0 = time.time()
    meta = json.load(open(os.path.join(out_dir, "texts.json"), encoding="utf-8"))
    words = meta["words"]
    index = {w: i for i, w in enumerate(words)}
    chosen = words[::every]
    numbered = {v: [(k * len(chosen) + j, w) for j, w in enumerate(chosen)] for k, v in enumerate(FRESH_VOICES)}
    tasks = [(v, numbered[v][i:i + 100]) for v in FRESH_VOICES for i in range(0, len(chosen), 100)]
    with Pool(procs) as pool:
        results = [r for part in pool.map(work, tasks) for r in part]
    corpus.save(os.path.join(out_dir, "fresh_voices.npz"), results, index)
    print(f"fresh_voices: {len(results)} clips, {len(chosen)} words x {len(FRESH_VOICES)} voices, {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
