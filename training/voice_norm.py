#!/usr/bin/env python3
"""Voice normalisation per speaker, measured on the evaluation sets: the reference for the workbench's
VoiceNormalisation (embed --normalise-voices, and the "Normalise each speaker's voice" box in the window).

Usage: voice_norm.py CORPUS_DIR CHECKPOINT OUT_JSON   (THREADS, SAMPLE, DRAWS, SEED, EVAL_SET from the environment)

EVAL_SET (e.g. fresh_voices, made by fresh_voices.py) measures one other set instead: speech -> text P@1 per voice
over the full vocabulary, as recorded, with the factor only, and with the factor and centring.
IPA (a phoneme tower checkpoint, e.g. work/model_ipa.pt) measures speech -> IPA instead, on eval_voices, with the
vocabulary's distinct espeak-ng transcriptions as the gallery (for the choice too), as evaluate_ipa.py ranks them.

For each voice of eval_voices (the held-out voices) and of eval_seen (held-out words in two training voices):
  1. SAMPLE (48) of the voice's clips, evenly spaced through its clips in file order (index floor((i + 0.5) * n / s)),
     are resampled by each factor a of 0.7, 0.8, ..., 1.2 (every frequency times a, the duration times 1 / a; the
     workbench's VoiceShift.resample, linear interpolation) and embedded by the checkpoint's speech graph;
  2. the score of a factor is the mean over the sample of each clip's margin: its best cosine with any of the
     vocabulary's word texts (the retrieval gallery; the clips' own words are not used) minus the mean of the next
     RIVALS (10) best;
  3. the best coarse factor and its neighbours 0.05 either side are compared, ties going to the factor nearer 1;
     the best is applied only when it scores at least MIN_GAIN (10%) above a = 1, else the voice is left as it is;
  4. every clip of the voice is embedded resampled by the chosen factor;
  5. when two voices or more have CENTRE_MIN (100) clips or more, each of them is centred: its mean embedding is moved
     onto the mean of those voices' means, and every embedding scaled back to unit length (VoiceNormalisation.centre).
Retrieval is then measured exactly as evaluate.py does (same sets, same gallery), so the figures compare with
eval.json. DRAWS > 0 also repeats the choice on DRAWS random samples of SAMPLE clips per voice (seeded) and reports
the factors chosen and the mean speech -> text P@1 they give, to show how much the choice depends on the sample.
"""
import json
import os
import sys
import time

import numpy as np
import torch

import evaluate as E
from train import Corpus

COARSE = [0.7, 0.8, 0.9, 1.0, 1.1, 1.2]
FINE_STEP = 0.05
RIVALS = 10
MIN_GAIN = float(os.environ.get("MIN_GAIN", 0.10))
CENTRE_MIN = int(os.environ.get("CENTRE_MIN", 100))
MIN_FACTOR, MAX_FACTOR = 0.5, 1.5


def resample(x, a):
    """The workbench's VoiceShift.resample: output sample i reads the input at (i + 0.5) * a - 0.5 (clamped at 0),
    linear interpolation, floor(n / a) samples (at least 1)."""
    if a == 1.0:
        return x.copy()
    n = len(x)
    m = max(1, int(np.floor(n / a * (1 + 1e-12))))
    p = np.maximum(0.0, (np.arange(m) + 0.5) * a - 0.5)
    i0 = np.minimum(np.floor(p), n - 1).astype(np.int64)
    i1 = np.minimum(i0 + 1, n - 1)
    w = p - np.floor(p)
    return (x[i0] * (1 - w) + x[i1] * w).astype(np.float32)


def choose(score):
    """Coarse to fine, as VoiceNormalisation.choose: returns (factor applied, best factor, {factor: score})."""
    s = {a: score(a) for a in COARSE}

    def best(among):
        return max(among, key=lambda a: (s[a], -abs(a - 1), -a))

    b = best(COARSE)
    near = [b] + [round(b + d, 6) for d in (-FINE_STEP, FINE_STEP) if MIN_FACTOR <= round(b + d, 6) <= MAX_FACTOR]
    for a in near:
        if a not in s:
            s[a] = score(a)
    top = best(near)
    applied = top if s[top] > s[1.0] and s[top] >= s[1.0] * (1 + MIN_GAIN) else 1.0
    return applied, top, s


def margin(sp, tx):
    """Per clip: best cosine with a word minus the mean of the next RIVALS (VoiceNormalisation.meanBestMargin)."""
    return margins(sp @ tx.T)


def margins(sim):
    """margin() from the clips' cosines with the words, sim [clips, words]."""
    k = min(RIVALS, sim.shape[1] - 1)
    top = -np.sort(np.partition(-sim, k, axis=1)[:, :k + 1], axis=1)  # the k + 1 best, decreasing
    return top[:, 0] - top[:, 1:].mean(axis=1)


def centre(sp, voices, min_clips=None):
    """VoiceNormalisation.centre: a copy of sp with every voice of at least min_clips clips centred, when there are
    two such voices or more."""
    min_clips = CENTRE_MIN if min_clips is None else min_clips
    out = sp.copy()
    groups = [np.flatnonzero(voices == v) for v in sorted(set(voices.tolist()))]
    groups = [g for g in groups if min_clips > 0 and len(g) >= min_clips]
    if len(groups) < 2:
        return out
    means = [sp[g].astype(np.float64).mean(axis=0) for g in groups]
    glob = np.mean(means, axis=0)
    for g, m in zip(groups, means):
        v = sp[g] - m + glob
        out[g] = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
    return out


def even_sample(n, s):
    return np.arange(n) if n <= s else np.floor((np.arange(s) + 0.5) * n / s).astype(np.int64)


class Voice:
    """A voice's clips, with their embeddings at each factor computed once."""

    def __init__(self, net, clips):
        self.net, self.clips, self.memo = net, clips, {}

    def embed(self, a, idx):
        key = (round(a, 6), tuple(idx.tolist()))
        if key not in self.memo:
            self.memo[key] = E.embed_clips(self.net, [resample(self.clips[i], a) for i in idx])
        return self.memo[key]


def normalise(net, clips, voices, tx, sample, rng=None):
    """Per voice: the chosen factor, its scores, and the embeddings of all clips at that factor."""
    out = np.zeros((len(clips), tx.shape[1]), dtype=np.float32)
    factors, bests, scores = {}, {}, {}
    for v in sorted(set(voices.tolist())):
        idx = np.flatnonzero(voices == v)
        pick = idx[even_sample(len(idx), sample)] if rng is None else np.sort(rng.choice(idx, min(sample, len(idx)), replace=False))
        voice = Voice(net, clips)
        a, top, s = choose(lambda a: float(margin(voice.embed(a, pick), tx).mean()))
        factors[v], bests[v], scores[v] = a, top, {f"{k:g}": round(x, 5) for k, x in sorted(s.items())}
        out[idx] = voice.embed(a, idx)
    return out, factors, bests, scores


def main():
    corpus_dir, ckpt, out_path = sys.argv[1:4]
    torch.set_num_threads(int(os.environ.get("THREADS", 2)))
    sample = int(os.environ.get("SAMPLE", 48))
    draws = int(os.environ.get("DRAWS", 0))
    seed = int(os.environ.get("SEED", 1234))
    t0 = time.time()
    net, ck = E.load(ckpt)
    meta = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))
    words = meta["words"]
    held_idx = np.array([words.index(w) for w in meta["heldout_words"]])
    tx = E.embed_texts(net, words)
    if os.environ.get("IPA"):
        return ipa_set(net, ck, corpus_dir, os.environ["IPA"], words, sample, out_path, t0)
    if os.environ.get("EVAL_SET"):
        return other_set(net, ck, corpus_dir, os.environ["EVAL_SET"], words, tx, sample, out_path, t0)
    report = {"checkpoint_step": ck["step"], "warps": E.warps_of(net), "sample": sample,
              "coarse": COARSE, "fine_step": FINE_STEP, "rivals": RIVALS, "min_gain": MIN_GAIN}

    ev = Corpus(os.path.join(corpus_dir, "eval_voices.npz"))
    clips = [ev.clip(i) for i in range(len(ev.text))]
    wv = ev.text.astype(np.int64)
    sp_warp, factors, bests, scores = normalise(net, clips, ev.voice, tx, sample)
    sp = centre(sp_warp, ev.voice)
    report["warp_only"] = {"heldout_voices": E.retrieval(sp_warp, ev.voice, wv, tx),
                           "heldout_words_heldout_voices": E.retrieval(sp_warp, ev.voice, wv, tx, query_words=held_idx)}
    report["centre_min"] = CENTRE_MIN
    report["voice_factors"] = factors
    report["voice_best_factors"] = bests
    report["voice_scores"] = scores
    report["heldout_voices"] = E.retrieval(sp, ev.voice, wv, tx)
    report["heldout_words_heldout_voices"] = E.retrieval(sp, ev.voice, wv, tx, query_words=held_idx)

    es = Corpus(os.path.join(corpus_dir, "eval_seen.npz"))
    clips_seen = [es.clip(i) for i in range(len(es.text))]
    sp_seen_warp, f_seen, b_seen, s_seen = normalise(net, clips_seen, es.voice, tx, sample)
    sp_seen = centre(sp_seen_warp, es.voice)
    rw = E.p_at(sp_seen_warp @ tx.T, es.text.astype(np.int64))
    report["warp_only"]["heldout_words_training_voices"] = {"speech_to_text": {"P@1": rw[1], "P@5": rw[5]}}
    report["voice_factors"].update(f_seen)
    report["voice_best_factors"].update(b_seen)
    report["voice_scores"].update(s_seen)
    r = E.p_at(sp_seen @ tx.T, es.text.astype(np.int64))
    report["heldout_words_training_voices"] = {"speech_to_text": {"P@1": r[1], "P@5": r[5], "queries": len(es.text)},
                                               "voices": sorted(set(es.voice.tolist()))}
    if draws:
        rng = np.random.default_rng(seed)
        per = {}
        for name, cl, vo, truth in (("eval_voices", clips, ev.voice, wv), ("eval_seen", clips_seen, es.voice, es.text.astype(np.int64))):
            for _ in range(draws):
                spd, fd, _, _ = normalise(net, cl, vo, tx, sample, rng)
                spd = centre(spd, vo)
                for v in fd:
                    m = vo == v
                    per.setdefault(v, {"factors": [], "P@1": []})
                    per[v]["factors"].append(fd[v])
                    per[v]["P@1"].append(E.p_at(spd[m] @ tx.T, truth[m])[1])
        report["draws"] = {v: {"factors": d["factors"], "mean_P@1": float(np.mean(d["P@1"])),
                               "min_P@1": float(np.min(d["P@1"])), "max_P@1": float(np.max(d["P@1"]))} for v, d in per.items()}
    report["seconds"] = round(time.time() - t0, 1)
    with open(out_path + ".part", "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    os.replace(out_path + ".part", out_path)
    hv = report["heldout_voices"]
    wo = report["warp_only"]
    print(f"voice factors: {factors | f_seen}")
    print(f"warp only: held-out voices P@1 {wo['heldout_voices']['speech_to_text']['P@1']:.3f} P@5 {wo['heldout_voices']['speech_to_text']['P@5']:.3f}; "
          f"text -> speech P@1 {wo['heldout_voices']['text_to_speech']['P@1']:.3f}; held-out words {wo['heldout_words_heldout_voices']['speech_to_text']['P@1']:.3f}; "
          f"training voices {wo['heldout_words_training_voices']['speech_to_text']['P@1']:.3f}")
    print("warped and centred:")
    print(f"held-out voices: speech -> text P@1 {hv['speech_to_text']['P@1']:.3f} P@5 {hv['speech_to_text']['P@5']:.3f}; "
          f"text -> speech P@1 {hv['text_to_speech']['P@1']:.3f} P@5 {hv['text_to_speech']['P@5']:.3f}")
    hw = report["heldout_words_heldout_voices"]["speech_to_text"]
    print(f"held-out words (held-out voices): P@1 {hw['P@1']:.3f} P@5 {hw['P@5']:.3f}; "
          f"training voices: P@1 {report['heldout_words_training_voices']['speech_to_text']['P@1']:.3f}")
    for v, d in hv["per_voice"].items():
        print(f"  {v}: x{factors[v]:g}  speech -> text P@1 {d['speech_to_text_P@1']:.3f} P@5 {d['speech_to_text_P@5']:.3f}"
              f"  text -> speech P@1 {d['text_to_speech_P@1']:.3f}")
    print(f"{report['seconds']} s")


def ipa_set(net, ck, corpus_dir, ipa_ckpt, words, sample, out_path, t0):
    import evaluate_ipa as EI
    tower, ick = EI.load_ipa_tower(ipa_ckpt)
    ipa = json.load(open(os.path.join(corpus_dir, "ipa.json"), encoding="utf-8"))
    meta = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))
    held = np.array([words.index(w) for w in meta["heldout_words"]])
    gallery = sorted(set(ipa[w] for w in words))
    gi = {g: i for i, g in enumerate(gallery)}
    word_to_g = np.array([gi[ipa[w]] for w in words])
    ge = EI.embed_ipa(tower, ick["alphabet"], gallery)
    ev = Corpus(os.path.join(corpus_dir, "eval_voices.npz"))
    clips = [ev.clip(i) for i in range(len(ev.text))]
    wv = ev.text.astype(np.int64)
    truth = word_to_g[wv]
    sel_held = np.isin(wv, held)
    plain = E.embed_clips(net, clips)
    warped, factors, bests, _ = normalise(net, clips, ev.voice, ge, sample)
    both = centre(warped, ev.voice)
    report = {"ipa_checkpoint": os.path.basename(ipa_ckpt), "voice_factors": factors, "voice_best_factors": bests,
              "distinct_transcriptions": len(gallery)}
    print(f"speech -> IPA, {len(gallery)} distinct transcriptions; factors {factors}")
    for label, sp in (("as recorded", plain), ("factor only", warped), ("factor and centring", both)):
        sim = sp @ ge.T
        r, rh = E.p_at(sim, truth), E.p_at(sim[sel_held], truth[sel_held])
        per = {v: E.p_at(sim[ev.voice == v], truth[ev.voice == v])[1] for v in sorted(set(ev.voice.tolist()))}
        report[label] = {"heldout_voices_P@1": r[1], "heldout_voices_P@5": r[5], "heldout_words_P@1": rh[1], "per_voice_P@1": per}
        print(f"{label}: held-out voices P@1 {r[1]:.3f} P@5 {r[5]:.3f}; held-out words P@1 {rh[1]:.3f}; "
              + ", ".join(f"{v} {x:.3f}" for v, x in per.items()))
    report["seconds"] = round(time.time() - t0, 1)
    with open(out_path + ".part", "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    os.replace(out_path + ".part", out_path)
    print(f"{report['seconds']} s")


def other_set(net, ck, corpus_dir, name, words, tx, sample, out_path, t0):
    ev = Corpus(os.path.join(corpus_dir, name + ".npz"))
    clips = [ev.clip(i) for i in range(len(ev.text))]
    truth = ev.text.astype(np.int64)
    plain = E.embed_clips(net, clips)
    warped, factors, bests, scores = normalise(net, clips, ev.voice, tx, sample)
    both = centre(warped, ev.voice)
    report = {"checkpoint_step": ck["step"], "set": name, "sample": sample, "min_gain": MIN_GAIN, "centre_min": CENTRE_MIN,
              "voice_factors": factors, "voice_best_factors": bests, "voice_scores": scores, "per_voice": {}}
    rows = []
    for label, sp in (("as recorded", plain), ("factor only", warped), ("factor and centring", both)):
        r = E.p_at(sp @ tx.T, truth)
        report[label] = {"P@1": r[1], "P@5": r[5]}
        rows.append(f"{label}: speech -> text P@1 {r[1]:.3f} P@5 {r[5]:.3f}")
        for v in sorted(set(ev.voice.tolist())):
            m = ev.voice == v
            report["per_voice"].setdefault(v, {})[label] = E.p_at(sp[m] @ tx.T, truth[m])[1]
    report["seconds"] = round(time.time() - t0, 1)
    with open(out_path + ".part", "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    os.replace(out_path + ".part", out_path)
    print(f"{name}: {len(truth)} clips; factors {factors} (best {bests})")
    print("\n".join(rows))
    for v, d in report["per_voice"].items():
        print(f"  {v}: " + ", ".join(f"{k} {x:.3f}" for k, x in d.items()))
    print(f"{report['seconds']} s")


if __name__ == "__main__":
    main()
