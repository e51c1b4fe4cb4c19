#!/usr/bin/env python3
"""Synthesise the training and evaluation corpora (int16, 16 kHz) into .npz stores.

Usage: corpus.py OUT_DIR   (settings from the environment, see run.sh)
  N_WORDS        vocabulary size, most frequent first (default 5000)
  ESPEAK_CLIPS   espeak-ng clips per training word, random accent x variant x rate x pitch (default 12)
  FLITE_CLIPS    flite clips per training word, random voice of kal/awb/rms, rate and pitch (default 1)
  FLITE_EXTRA    further flite clips per training word, in the set train_flite (default 2)
  FESTIVAL_EXTRA festival clips (voices synth.TRAIN_EXTRA_FESTIVAL) per training word, also in train_flite
                 (default 0: festival stays an engine wholly held out of training, as the evaluation needs)
  FLITE_HIGH     flite clips per training word in a raised, female register (F0 150-230 Hz, voices
                 synth.FLITE_RAISABLE), in the set train_high (default 0: tried, did not help, see docs/models.md)
  PHRASE_CLIPS   clips per phrase (default 6)
  HOLDOUT_EVERY  every k-th word (offset k-3) is held out of training entirely (default 10)
  PROCS          synthesis processes (default 2)
  SEED           default 1234
  ONA_EXTRA      clips per training word of festival's Catalan HTS voice ona, a woman, speaking English through
                 a phone mapping (synth.ona_batch), in the set train_ona (default 0: tried, did not help, see
                 docs/models.md)
  SETS           comma-separated subset of train,train_flite,train_high,train_ona,eval_voices,eval_seen to build (default all)

Writes OUT_DIR/texts.json (texts, word/phrase flags, held-out word list) and
OUT_DIR/{train,eval_voices,eval_seen}.npz with audio (int16 concatenated), offsets, text, voice.
  train        training words and phrases in training voices (random rate and pitch)
  train_flite  FLITE_EXTRA more flite clips and FESTIVAL_EXTRA festival clips of each training word
               (human-derived voices, drawn more often by FLITE_P)
  train_ona    ONA_EXTRA clips of each training word in the voice hts:ona, rate 0.8-1.25
  train_high   FLITE_HIGH flite clips of each training word with the male voices raised to a female F0
  eval_voices  every vocabulary word in the held-out voices (synth.HELDOUT_VOICES), default rate/pitch
  eval_seen    the held-out words in two training voices (to separate new words from new voices)
"""
import json
import os
import random
import sys
import time
from multiprocessing import Pool

import numpy as np

import synth


def env_int(name, default):
    return int(os.environ.get(name, default))


def work(chunk):
    jobs = [(v, t, rf, p) for (_, v, t, rf, p) in chunk]
    clips = synth.synth_many(jobs)
    return [(c[0], c[1], clip) for c, clip in zip(chunk, clips)]


def save(path, results, texts_index):
    results = sorted(results, key=lambda r: r[0])
    lens = np.array([len(r[2]) for r in results], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
    audio = np.concatenate([r[2] for r in results]) if results else np.zeros(0, np.int16)
    text = np.array([texts_index[r[3]] for r in results], dtype=np.int64)
    voice = np.array([r[1] for r in results])
    tmp = path + ".part.npz"
    np.savez(tmp, audio=audio, offsets=offsets, text=text, voice=voice)
    os.replace(tmp, path)


def main():
    out = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    n_words = env_int("N_WORDS", 5000)
    espeak_clips = env_int("ESPEAK_CLIPS", 12)
    flite_clips = env_int("FLITE_CLIPS", 1)
    flite_extra = env_int("FLITE_EXTRA", 2)
    festival_extra = env_int("FESTIVAL_EXTRA", 0)
    flite_high = env_int("FLITE_HIGH", 0)
    ona_extra = env_int("ONA_EXTRA", 0)
    phrase_clips = env_int("PHRASE_CLIPS", 6)
    every = env_int("HOLDOUT_EVERY", 10)
    procs = env_int("PROCS", 2)
    seed = env_int("SEED", 1234)
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)

    words = [w.strip() for w in open(os.path.join(here, "data/words.txt"), encoding="utf-8") if w.strip()][:n_words]
    phrases = [p.strip() for p in open(os.path.join(here, "data/phrases.txt"), encoding="utf-8") if p.strip()]
    heldout = [w for i, w in enumerate(words) if i % every == every - 3]
    held = set(heldout)
    texts = words + phrases
    texts_index = {t: i for i, t in enumerate(texts)}
    with open(os.path.join(out, "texts.json"), "w", encoding="utf-8") as f:
        json.dump({"words": words, "phrases": phrases, "heldout_words": heldout,
                   "heldout_voices": synth.HELDOUT_VOICES, "seed": seed,
                   "espeak_clips": espeak_clips, "phrase_clips": phrase_clips}, f)

    def rand_espeak():
        a = rng.choice(synth.TRAIN_ESPEAK_ACCENTS)
        v = rng.choice(synth.TRAIN_ESPEAK_VARIANTS)
        return "espeak:" + a + ("+" + v if v else "")

    sets = {"train": [], "eval_voices": [], "eval_seen": []}
    for w in words:
        if w in held:
            continue
        for _ in range(espeak_clips):
            sets["train"].append((rand_espeak(), w, rng.uniform(0.75, 1.35), rng.random()))
        for _ in range(flite_clips):  # flite voices are slow to synthesise: a few per word
            sets["train"].append(("flite:" + rng.choice(synth.TRAIN_FLITE), w, rng.uniform(0.8, 1.25),
                                  rng.random() if rng.random() < 0.5 else None))
    for p in phrases:
        for k in range(phrase_clips):
            v = rand_espeak() if k % 3 else "flite:" + rng.choice(synth.TRAIN_FLITE)
            sets["train"].append((v, p, rng.uniform(0.8, 1.25), rng.random()))
    # A second pass of flite clips, drawn from its own random stream so the sets above stay as they were.
    rng2 = random.Random(seed + 1)
    sets["train_flite"] = []
    for w in words:
        if w in held:
            continue
        for _ in range(flite_extra):
            sets["train_flite"].append(("flite:" + rng2.choice(synth.TRAIN_FLITE), w, rng2.uniform(0.8, 1.25),
                                        rng2.random() if rng2.random() < 0.5 else None))
        for _ in range(festival_extra):  # another human-derived speaker, from a third engine
            sets["train_flite"].append(("festival:" + rng2.choice(synth.TRAIN_EXTRA_FESTIVAL), w,
                                        rng2.uniform(0.8, 1.25), None))
    # Every human-derived training voice is male; these clips give the model male voices in a female register.
    # Own random stream again, so the sets above stay as they were.
    rng3 = random.Random(seed + 2)
    if flite_high > 0:
        sets["train_high"] = []
    for w in words:
        if w in held or flite_high == 0:
            continue
        for _ in range(flite_high):
            sets["train_high"].append(("flite:" + rng3.choice(synth.FLITE_RAISABLE), w, rng3.uniform(0.8, 1.25),
                                       1.0 + rng3.random()))
    # A woman's voice made from recordings: festival's Catalan HTS voice speaking the English words through a phone
    # mapping (synth.ona_batch), in its own set and random stream so the sets above stay as they were.
    rng4 = random.Random(seed + 3)
    if ona_extra > 0:
        sets["train_ona"] = [("hts:ona", w, rng4.uniform(0.8, 1.25), None)
                             for w in words if w not in held for _ in range(ona_extra)]
    for v in synth.HELDOUT_VOICES:
        for w in words:
            sets["eval_voices"].append((v, w, 1.0, None))
    for v in ["espeak:en-us+m3", "flite:kal"]:
        for w in heldout:
            sets["eval_seen"].append((v, w, 1.0, None))

    only = os.environ.get("SETS")
    for name, jobs in sets.items():
        if only and name not in only.split(","):
            continue
        t0 = time.time()
        numbered = [(i, v, t, rf, p) for i, (v, t, rf, p) in enumerate(jobs)]
        # festival jobs are batched per chunk; keep chunks single-voice-engine friendly
        chunks = [numbered[i:i + 200] for i in range(0, len(numbered), 200)]
        with Pool(procs) as pool:
            parts = pool.map(work, chunks, chunksize=1)
        results = [(i, v, clip, jobs[i][1]) for part in parts for (i, v, clip) in part]
        save(os.path.join(out, name + ".npz"), results, texts_index)
        print(f"corpus.py: {name}: {len(results)} clips in {time.time() - t0:.0f} s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
