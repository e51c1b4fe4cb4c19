#!/usr/bin/env python3
"""Contrastive (InfoNCE, learned temperature) training of the speech and text towers.

Usage: train.py CORPUS_DIR OUT_CHECKPOINT   (settings from the environment, see run.sh)
  STEPS (default 1500), BATCH (256), LR (2e-3), CHANNELS (256), DIM (256), SEED (1234), THREADS (1)
  TRAIN_SETS  corpus sets to draw from (default train)
  INIT        checkpoint to start from (a second phase)
  FLITE_P     probability of drawing one of the text's flite or festival clips instead of any clip (default 0)
  HARD_NEG    N: N misspelt copies of each batch text are extra negatives for speech -> text (default 0)
  VTLP_P      probability of a vocal-tract-length and pitch perturbation of a clip (resampling; default 0)
  VTLP_MIN, VTLP_MAX  range of its resampling factor, drawn log-uniformly (default 0.8 and 1.25)
  TRAIN_WARPS resampling factors, e.g. "1,0.8": the speech embedding trained is the multi-warp pooling of the
              tower over them (model.WarpPooledSpeech, as evaluate.py's WARPS embeds); default "1", the tower alone

Each step takes BATCH distinct training texts, one random training clip of each, augments the
waveforms on the fly (see augment()) and optimises the symmetric InfoNCE loss between the
speech and text embeddings.
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from scipy.signal import fftconvolve, resample

import model as M


BUCKETS = 4
PHRASE_EVERY = 6


def env(name, default, cast=int):
    return cast(os.environ.get(name, default))


class Corpus:
    def __init__(self, path, *more):
        parts = [np.load(p) for p in (path,) + more]
        self.audio = np.concatenate([d["audio"] for d in parts]) if more else parts[0]["audio"]
        offs, base = [], 0
        for d in parts:
            offs.append(d["offsets"][:-1] + base)
            base += int(d["offsets"][-1])
        self.offsets = np.concatenate(offs + [np.array([base])]).astype(np.int64)
        self.text = np.concatenate([d["text"] for d in parts])
        self.voice = np.concatenate([d["voice"] for d in parts])
        self.flite_by_text = {}
        for i, (t, v) in enumerate(zip(self.text, self.voice)):
            if str(v).startswith(("flite:", "festival:", "hts:")):  # the human-derived voices
                self.flite_by_text.setdefault(int(t), []).append(i)
        self.by_text = {}
        for i, t in enumerate(self.text):
            self.by_text.setdefault(int(t), []).append(i)

    def clip(self, i):
        return self.audio[self.offsets[i]:self.offsets[i + 1]].astype(np.float32) / 32768.0


def pink_noise(rng, n):
    white = rng.standard_normal(n)
    spec = np.fft.rfft(white)
    f = np.arange(len(spec))
    spec[1:] /= np.sqrt(f[1:])
    spec[0] = 0
    x = np.fft.irfft(spec, n)
    return x / (x.std() + 1e-9)


def reverb_ir(rng):
    rt60 = rng.uniform(0.15, 0.8)
    n = int(min(rt60, 0.5) * M.SR)
    t = np.arange(n) / M.SR
    ir = rng.standard_normal(n) * np.exp(-6.9 * t / rt60)
    ir[0] = 1.0 + abs(ir[0])
    pre = int(rng.uniform(0, 0.003) * M.SR)
    return np.concatenate([np.zeros(pre), ir]) / np.sqrt((ir ** 2).sum())


VTLP_DEFAULT_RANGE = (0.8, 1.25)  # the resampling factors of the perturbation unless VTLP_MIN / VTLP_MAX say otherwise
VTLP_P = 0.0  # set from the environment in main()
VTLP_RANGE = VTLP_DEFAULT_RANGE


def augment(x, rng, corpus):
    """One clip, float32 in [-1, 1] -> augmented copy (numpy)."""
    if VTLP_P > 0 and rng.random() < VTLP_P:
        # vocal-tract-length and pitch perturbation: resampling by a factor a in VTLP_RANGE scales every
        # frequency (pitch and formants) by a and the duration by 1 / a, so male voices also sound as
        # shorter vocal tracts (nearer female and child voices) and the other way round
        a = math.exp(rng.uniform(math.log(VTLP_RANGE[0]), math.log(VTLP_RANGE[1])))
        x = resample(x, max(160, int(round(len(x) / a))))
    # time shift: leading and trailing silence of 0-250 ms / 0-150 ms
    x = np.concatenate([np.zeros(int(rng.uniform(0, 0.25) * M.SR)), x, np.zeros(int(rng.uniform(0, 0.15) * M.SR))])
    rms = np.sqrt((x ** 2).mean()) + 1e-9
    if rng.random() < 0.3:  # reverberation, synthetic exponentially decaying impulse response
        y = fftconvolve(x, reverb_ir(rng))[: len(x)]
        x = y * rms / (np.sqrt((y ** 2).mean()) + 1e-9)
    if rng.random() < 0.15:  # telephone band 300-3400 Hz
        spec = np.fft.rfft(x)
        f = np.fft.rfftfreq(len(x), 1 / M.SR)
        spec[(f < 300) | (f > 3400)] = 0
        x = np.fft.irfft(spec, len(x))
        x = x * rms / (np.sqrt((x ** 2).mean()) + 1e-9)
    if rng.random() < 0.7:  # additive noise
        kind = rng.integers(3)
        n = len(x)
        if kind == 0:
            noise = rng.standard_normal(n)
        elif kind == 1:
            noise = pink_noise(rng, n)
        else:  # babble: three other clips mixed
            noise = np.zeros(n)
            for _ in range(3):
                c = corpus.clip(int(rng.integers(len(corpus.text))))
                start = int(rng.integers(0, max(1, n - len(c) + 1))) if len(c) < n else 0
                c = c[:n]
                noise[start:start + len(c)] += c / (np.sqrt((c ** 2).mean()) + 1e-9)
        noise = noise / (np.sqrt((noise ** 2).mean()) + 1e-9)
        snr = rng.uniform(-10, 30) if rng.random() < 0.3 else rng.uniform(5, 30)
        x = x + noise * rms * 10 ** (-snr / 20)
    if rng.random() < 0.05:  # clipping
        peak = np.abs(x).max() + 1e-9
        x = np.clip(x, -0.3 * peak, 0.3 * peak)
    gain_db = rng.uniform(-20, 6)
    x = x * 10 ** (gain_db / 20)
    peak = np.abs(x).max()
    if peak > 1.0:
        x = x / peak
    return x.astype(np.float32)


def lr_schedule(lr, steps):
    """Linear warm-up over the first tenth of the steps (at most 100), then cosine decay to 0: step -> rate."""
    warm = min(100, steps // 10)

    def lr_at(s):
        if s < warm:
            return lr * (s + 1) / warm
        return lr * 0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, steps - warm)))
    return lr_at


def clip_loss(s, e_all, n, scale):
    """Symmetric InfoNCE of n speech rows against the first n text rows; text rows past n (misspelt copies) are
    extra negatives for speech -> text only. Returns the loss and the n x n logits."""
    logits = scale * s @ e_all[:n].t()
    target = torch.arange(n)
    s2t = F.cross_entropy(scale * s @ e_all.t(), target) if e_all.shape[0] > n else F.cross_entropy(logits, target)
    return 0.5 * (s2t + F.cross_entropy(logits.t(), target)), logits


def corrupt(word, rng, frac=0.2):
    """Replace round(frac * length) characters (at least one) by other random letters."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    chars = list(word)
    k = max(1, int(round(frac * len(chars))))
    for i in rng.choice(len(chars), size=min(k, len(chars)), replace=False):
        chars[i] = letters[(letters.find(chars[i]) + 1 + int(rng.integers(25))) % 26] if chars[i] in letters \
            else letters[int(rng.integers(26))]
    return "".join(chars)


def wave_batch(clips, max_len):
    clips = [c[:max_len] for c in clips]
    n = max(len(c) for c in clips)
    out = torch.zeros(len(clips), n)
    for i, c in enumerate(clips):
        out[i, :len(c)] = torch.from_numpy(c)
    return out, torch.tensor([len(c) for c in clips], dtype=torch.long)


def main():
    corpus_dir, out = sys.argv[1], sys.argv[2]
    steps = env("STEPS", 1500)
    batch = env("BATCH", 256)
    lr = env("LR", 2e-3, float)
    seed = env("SEED", 1234)
    torch.set_num_threads(env("THREADS", 1))
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    meta = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))
    texts = meta["words"] + meta["phrases"]
    sets = os.environ.get("TRAIN_SETS", "train").split(",")
    corpus = Corpus(*[os.path.join(corpus_dir, n + ".npz") for n in sets])
    flite_p = env("FLITE_P", 0.0, float)
    hard_neg = env("HARD_NEG", 0)
    global VTLP_P, VTLP_RANGE
    VTLP_P = env("VTLP_P", 0.0, float)
    VTLP_RANGE = (env("VTLP_MIN", VTLP_DEFAULT_RANGE[0], float), env("VTLP_MAX", VTLP_DEFAULT_RANGE[1], float))
    assert 0 < VTLP_RANGE[0] <= VTLP_RANGE[1], "VTLP_MIN must be positive and at most VTLP_MAX"
    init = os.environ.get("INIT")
    warps = M.parse_warps(os.environ.get("TRAIN_WARPS", "1"))
    train_texts = sorted(corpus.by_text)
    held = set(meta["heldout_words"])
    assert not any(texts[t] in held for t in train_texts), "held-out word in training data"

    net = M.Clip(env("CHANNELS", 256), env("DIM", 256), env("TEXT_CHANNELS", 256))
    if init:
        net.load_state_dict(torch.load(init, map_location="cpu")["state"])
    n_params = sum(p.numel() for p in net.parameters())
    speech = M.pooled_speech(net.speech, warps)
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=0.01)
    lr_at = lr_schedule(lr, steps)

    word_texts = [t for t in train_texts if t < len(meta["words"])]
    phrase_texts = [t for t in train_texts if t >= len(meta["words"])]
    queue = []

    def make_batches():
        """BUCKETS batches at once: distinct texts, one augmented clip each, grouped by length
        so that little padding is computed; every PHRASE_EVERY-th group is phrases only."""
        nonlocal_state["groups"] += 1
        pool = word_texts
        n = min(BUCKETS * batch, len(pool))
        if phrase_texts and nonlocal_state["groups"] % PHRASE_EVERY == 0:
            pool = phrase_texts
            n = len(pool)
        pick = [pool[i] for i in rng.choice(len(pool), size=n, replace=False)]
        items = []
        for t in pick:
            idx = corpus.by_text[t]
            if flite_p > 0 and t in corpus.flite_by_text and rng.random() < flite_p:
                idx = corpus.flite_by_text[t]
            items.append((t, augment(corpus.clip(idx[int(rng.integers(len(idx)))]), rng, corpus)))
        items.sort(key=lambda it: len(it[1]))
        k = max(1, round(len(items) / batch))
        groups = [items[i * len(items) // k:(i + 1) * len(items) // k] for i in range(k)]
        order = rng.permutation(len(groups))
        return [([t for t, _ in groups[j]], [c for _, c in groups[j]]) for j in order]

    nonlocal_state = {"groups": 0}
    print(f"train.py: {len(train_texts)} texts, {len(corpus.text)} clips, {n_params} parameters, "
          f"{steps} steps of {batch}" + (f", speech pooled over warps {warps}" if warps != [1.0] else ""), file=sys.stderr, flush=True)
    t0 = time.time()
    net.train()
    log = []
    for step in range(steps):
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        if not queue:
            queue.extend(make_batches())
        tids, clips = queue.pop()
        wav, wlen = wave_batch(clips, int(2.5 * M.SR))
        batch_texts = [texts[t] for t in tids]
        for _ in range(hard_neg):
            # HARD_NEG misspelt copies of each text (20% of the characters replaced) as extra text
            # negatives for speech -> text
            batch_texts = batch_texts + [corrupt(x, rng) for x in batch_texts[:len(tids)]]
        ids, ilen = M.text_batch(batch_texts)
        s = speech(wav, wlen)
        e_all = net.text(ids, ilen)
        scale = net.logit_scale.exp().clamp(max=100)
        loss, logits = clip_loss(s, e_all, len(tids), scale)
        target = torch.arange(len(tids))
        opt.zero_grad()
        loss.backward()
        opt.step()
        with torch.no_grad():
            net.logit_scale.clamp_(max=math.log(100))
            acc = (logits.argmax(1) == target).float().mean().item()
        log.append((step, loss.item(), acc))
        if step % 25 == 0 or step == steps - 1:
            el = time.time() - t0
            print(f"step {step} loss {loss.item():.3f} batch-acc {acc:.3f} scale {scale.item():.1f} "
                  f"lr {lr_at(step):.2e} elapsed {el:.0f}s eta {el / (step + 1) * (steps - step - 1):.0f}s",
                  file=sys.stderr, flush=True)
        if (step + 1) % 250 == 0 or step == steps - 1:
            tmp = out + ".part"
            torch.save({"state": net.state_dict(), "step": step + 1, "config": {
                "channels": env("CHANNELS", 256), "dim": env("DIM", 256),
                "text_channels": env("TEXT_CHANNELS", 256)}, "seed": seed, "steps": steps,
                "batch": batch, "lr": lr, "train_seconds": time.time() - t0, "log": log,
                "init": init, "train_sets": sets, "flite_p": flite_p, "hard_neg": hard_neg, "vtlp_p": VTLP_P,
                "vtlp_range": list(VTLP_RANGE), **({"warps": warps} if warps != [1.0] else {})}, tmp)
            os.replace(tmp, out)
    print(f"train.py: done in {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
