#!/usr/bin/env python3
"""Evaluate a trained checkpoint: retrieval over the full vocabulary and the SCRAPS probes.

Usage: evaluate.py CORPUS_DIR CHECKPOINT OUT_JSON   (THREADS, SEED, PROBE_CLIPS from the environment)

Metrics (all over the full word vocabulary of the corpus, N_WORDS words):
  speech->text P@1, P@5: each clip ranks every vocabulary word by cosine; hit if its own word is in the top k.
  text->speech P@1, P@5: per voice, each word ranks that voice's clips of all vocabulary words.
  Sets: held-out voices (all words), held-out words in held-out voices, held-out words in two
  training voices.
Probes (on PROBE_CLIPS clips of the held-out voices, fixed seed):
  char20: relative drop of the mean matching score cos(speech, text) when round(20%) of the
          characters of the text (at least one) are replaced by other random letters.
  noise75: relative drop when the audio is replaced by 0.25 * x / rms(x) + 0.75 * n,
          n ~ N(0, 1) (amplitude mix of 25% speech and 75% Gaussian noise, SNR -9.5 dB).
"""
import json
import os
import string
import sys
import time

import numpy as np
import torch

import model as M
from train import Corpus


def load(ckpt_path):
    ck = torch.load(ckpt_path, map_location="cpu")
    c = ck["config"]
    net = M.Clip(c["channels"], c["dim"], c["text_channels"])
    net.load_state_dict(ck["state"])
    net.eval()
    net.warps = checkpoint_warps(ck)
    return net, ck


@torch.no_grad()
def embed_texts(net, texts, bs=512):
    out = []
    for i in range(0, len(texts), bs):
        ids, lens = M.text_batch(texts[i:i + bs])
        out.append(net.text(ids, lens))
    return torch.cat(out).numpy()


# Multi-warp pooling: a clip's embedding is the normalised mean of the speech tower's embeddings of the clip
# resampled by each factor (model.WarpPooledSpeech, the graph export.py exports). A checkpoint whose speech tower was
# trained through pooling (train.py's TRAIN_WARPS) or whose text tower was trained against pooled embeddings
# (train_ipa.py under WARPS) is embedded with its own factors; WARPS (e.g. "1,0.8") overrides them, "1" is the
# plain embedding.
WARPS_ENV = os.environ.get("WARPS")


def checkpoint_warps(ck):
    """The pooling factors a checkpoint was trained with: phase 3's, else its speech training's, else [1.0]."""
    return [float(a) for a in (ck.get("text_phase3") or {}).get("warps") or ck.get("warps") or [1.0]]


def warps_of(net):
    """The factors a loaded net is embedded with: WARPS when set, else its checkpoint's."""
    if WARPS_ENV:
        return M.parse_warps(WARPS_ENV)
    return list(getattr(net, "warps", [1.0]))


def speech_graph(net, warps=None):
    """What embeds a waveform: the speech tower, or its multi-warp pooling over warps (default warps_of(net))."""
    return M.pooled_speech(net.speech, warps_of(net) if warps is None else warps).eval()


@torch.no_grad()
def embed_clips(net, clips, bs=64, warps=None):
    speech = speech_graph(net, warps)
    order = np.argsort([len(c) for c in clips])
    out = np.zeros((len(clips), net.speech.proj.out_features), dtype=np.float32)
    for i in range(0, len(order), bs):
        idx = order[i:i + bs]
        batch = [clips[j] for j in idx]
        n = max(len(c) for c in batch)
        wav = torch.zeros(len(batch), n)
        for r, c in enumerate(batch):
            wav[r, :len(c)] = torch.from_numpy(c)
        lens = torch.tensor([len(c) for c in batch], dtype=torch.long)
        out[idx] = speech(wav, lens).numpy()
    return out


def p_at(sim, truth, ks=(1, 5)):
    """sim [Q, G]; truth [Q] gallery index of the right answer. Returns {k: precision}."""
    right = sim[np.arange(len(truth)), truth]
    rank = (sim > right[:, None]).sum(axis=1)  # 0 = best
    return {k: float((rank < k).mean()) for k in ks}


def retrieval(sp, voices, word_of_clip, tx, query_words=None):
    """sp clip embeddings, tx [V, d] text embeddings of the vocabulary, word_of_clip vocab index."""
    res = {"per_voice": {}}
    sel_all = np.ones(len(sp), bool) if query_words is None else np.isin(word_of_clip, query_words)
    s2t = p_at(sp[sel_all] @ tx.T, word_of_clip[sel_all])
    res["speech_to_text"] = {"P@1": s2t[1], "P@5": s2t[5], "queries": int(sel_all.sum())}
    t2s_all = {1: [], 5: []}
    for v in sorted(set(voices)):
        m = voices == v
        g = sp[m]
        gw = word_of_clip[m]
        pos = {w: i for i, w in enumerate(gw)}
        q = [w for w in (gw if query_words is None else query_words) if w in pos]
        t2s = p_at(tx[q] @ g.T, np.array([pos[w] for w in q]))
        sv = p_at(sp[m & sel_all] @ tx.T, word_of_clip[m & sel_all])
        res["per_voice"][v] = {"speech_to_text_P@1": sv[1], "speech_to_text_P@5": sv[5],
                               "text_to_speech_P@1": t2s[1], "text_to_speech_P@5": t2s[5],
                               "queries": len(q), "gallery": int(m.sum())}
        t2s_all[1].append(t2s[1])
        t2s_all[5].append(t2s[5])
    res["text_to_speech"] = {"P@1": float(np.mean(t2s_all[1])), "P@5": float(np.mean(t2s_all[5])),
                             "note": "mean over voices; gallery = that voice's clips of the vocabulary"}
    return res


def corrupt(word, rng, frac=0.2):
    letters = string.ascii_lowercase
    chars = list(word)
    k = max(1, int(round(frac * len(chars))))
    for i in rng.choice(len(chars), size=min(k, len(chars)), replace=False):
        chars[i] = rng.choice([c for c in letters if c != chars[i]])
    return "".join(chars)


def noisy75(clip, rng):
    """The noise probe's input: 0.25 * x / rms(x) + 0.75 * n, n ~ N(0, 1), scaled to a peak of 0.9."""
    x = clip.astype(np.float64)
    x = x / (np.sqrt((x ** 2).mean()) + 1e-12)
    y = 0.25 * x + 0.75 * rng.standard_normal(len(x))
    return (y / np.abs(y).max() * 0.9).astype(np.float32)


def main():
    corpus_dir, ckpt, out = sys.argv[1:4]
    torch.set_num_threads(int(os.environ.get("THREADS", 1)))
    seed = int(os.environ.get("SEED", 1234))
    n_probe = int(os.environ.get("PROBE_CLIPS", 1000))
    t0 = time.time()
    net, ck = load(ckpt)
    meta = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))
    words = meta["words"]
    texts = words + meta["phrases"]
    held_idx = np.array([words.index(w) for w in meta["heldout_words"]])
    tx = embed_texts(net, words)
    report = {"checkpoint_step": ck["step"], "vocabulary": len(words), "heldout_words": len(held_idx)}
    warps = warps_of(net)
    if warps != [1.0]:
        report["warps"] = warps
    if ck.get("text_phase3"):
        report["text_phase3_steps"] = ck["text_phase3"]["steps"]
        if ck["text_phase3"].get("distill_words"):
            report["text_phase3_lexicon_words"] = ck["text_phase3"]["distill_words"]

    ev = Corpus(os.path.join(corpus_dir, "eval_voices.npz"))
    clips = [ev.clip(i) for i in range(len(ev.text))]
    sp = embed_clips(net, clips)
    wv = ev.text.astype(np.int64)
    assert wv.max() < len(words)
    report["heldout_voices"] = retrieval(sp, ev.voice, wv, tx)
    report["heldout_words_heldout_voices"] = retrieval(sp, ev.voice, wv, tx, query_words=held_idx)

    es = Corpus(os.path.join(corpus_dir, "eval_seen.npz"))
    sp_seen = embed_clips(net, [es.clip(i) for i in range(len(es.text))])
    r = p_at(sp_seen @ tx.T, es.text.astype(np.int64))
    report["heldout_words_training_voices"] = {"speech_to_text": {"P@1": r[1], "P@5": r[5],
                                                                  "queries": len(es.text)},
                                               "voices": sorted(set(es.voice.tolist()))}

    # SCRAPS probes
    rng = np.random.default_rng(seed)
    pick = rng.choice(len(clips), size=min(n_probe, len(clips)), replace=False)
    base = np.sum(sp[pick] * tx[wv[pick]], axis=1)
    bad_text = [corrupt(words[w], rng) for w in wv[pick]]
    tx_bad = embed_texts(net, bad_text)
    s_char = np.sum(sp[pick] * tx_bad, axis=1)
    noisy = [noisy75(clips[i], rng) for i in pick]
    sp_noisy = embed_clips(net, noisy)
    s_noise = np.sum(sp_noisy * tx[wv[pick]], axis=1)
    rand_pairs = np.sum(sp[pick] * tx[rng.integers(len(words), size=len(pick))], axis=1)
    report["probes"] = {
        "clips": int(len(pick)),
        "match_score_mean": float(base.mean()),
        "random_pair_score_mean": float(rand_pairs.mean()),
        "char20_score_mean": float(s_char.mean()),
        "char20_drop": float(1 - s_char.mean() / base.mean()),
        "noise75_score_mean": float(s_noise.mean()),
        "noise75_drop": float(1 - s_noise.mean() / base.mean()),
        "noise75_speech_to_text_P@1": p_at(sp_noisy @ tx.T, wv[pick])[1],
        "examples_char20": list(zip([words[w] for w in wv[pick[:10]]], bad_text[:10])),
    }
    ipa_path = os.path.join(corpus_dir, "ipa.json")
    if os.path.exists(ipa_path):
        # Homophone-tolerant speech->text P@1: the top word counts if it sounds the same as the
        # right one (equal espeak-ng en-us IPA without stress marks).
        ipa = json.load(open(ipa_path, encoding="utf-8"))
        key = [ipa[w].replace("\u02c8", "").replace("\u02cc", "") for w in words]
        groups = {}
        for i, k in enumerate(key):
            groups.setdefault(k, []).append(i)
        top = np.argmax(sp @ tx.T, axis=1)
        ok = np.array([key[a] == key[b] for a, b in zip(top, wv)])
        report["homophones"] = {
            "words_sharing_a_pronunciation": int(sum(len(g) for g in groups.values() if len(g) > 1)),
            "heldout_voices_speech_to_text_P@1_homophone_tolerant": float(ok.mean()),
            "examples": [[words[i] for i in g] for g in groups.values() if len(g) > 1][:15]}
    report["seconds"] = time.time() - t0
    tmp = out + ".part"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    os.replace(tmp, out)
    hv, hw = report["heldout_voices"], report["heldout_words_heldout_voices"]
    print(f"held-out voices: speech->text P@1 {hv['speech_to_text']['P@1']:.3f} P@5 {hv['speech_to_text']['P@5']:.3f}"
          f" | text->speech P@1 {hv['text_to_speech']['P@1']:.3f} P@5 {hv['text_to_speech']['P@5']:.3f}")
    print(f"held-out words (held-out voices): speech->text P@1 {hw['speech_to_text']['P@1']:.3f} "
          f"P@5 {hw['speech_to_text']['P@5']:.3f} | text->speech P@1 {hw['text_to_speech']['P@1']:.3f}")
    print(f"held-out words (training voices): speech->text P@1 "
          f"{report['heldout_words_training_voices']['speech_to_text']['P@1']:.3f}")
    p = report["probes"]
    print(f"probes: char20 drop {p['char20_drop']:.3f}, noise75 drop {p['noise75_drop']:.3f} "
          f"(match {p['match_score_mean']:.3f}, random pair {p['random_pair_score_mean']:.3f})")
    for v, m in hv["per_voice"].items():
        print(f"  {v}: s->t P@1 {m['speech_to_text_P@1']:.3f} t->s P@1 {m['text_to_speech_P@1']:.3f}")


if __name__ == "__main__":
    main()
