#!/usr/bin/env python3
"""Evaluate the phoneme (IPA) tower of train_ipa.py against the speech tower it was trained on.

Usage: evaluate_ipa.py CORPUS_DIR SPEECH_CHECKPOINT IPA_CHECKPOINT OUT_JSON   (THREADS, SEED, PROBE_CLIPS)

Speech -> IPA retrieval over the full vocabulary: each clip of the held-out voices ranks the distinct espeak-ng
(en-us) transcriptions of all vocabulary words (words that sound the same share one transcription, so they are
one candidate); hit if its word's transcription is among the top k. IPA -> speech: per voice, each distinct
transcription ranks that voice's clips; hit if the top clip's word has that transcription.
Probes (PROBE_CLIPS clips of the held-out voices, fixed seed), as SCRAPS does for phonemes:
  phon20: relative drop of the mean matching score cos(speech, IPA) when round(20%) of the phoneme symbols of the
          transcription (at least one; stress and length marks and spaces are not phonemes) are replaced by other
          phoneme symbols of the tower's alphabet;
  noise75: the drop when the audio is mixed with 75% Gaussian noise, as in evaluate.py.
"""
import json
import os
import sys
import time

import numpy as np
import torch

import model as M
from evaluate import embed_clips, load, noisy75, p_at
from train import Corpus

NOT_PHONEMES = set("\u02c8\u02cc\u02d0 \u0329")  # primary and secondary stress, length, space, syllabic mark


def load_ipa_tower(path):
    ck = torch.load(path, map_location="cpu")
    tower = M.TextTower(ck["channels"], ck["dim"], n_symbols=len(ck["alphabet"]))
    tower.load_state_dict(ck["state"])
    tower.eval()
    return tower, ck


@torch.no_grad()
def embed_ipa(tower, alphabet, texts, bs=512):
    out = []
    for i in range(0, len(texts), bs):
        ids, lens = M.text_batch(texts[i:i + bs], alphabet, lowercase=False)
        out.append(tower(ids, lens))
    return torch.cat(out).numpy()


def corrupt_phonemes(ipa, rng, inventory, frac=0.2):
    chars = list(ipa)
    spots = [i for i, c in enumerate(chars) if c not in NOT_PHONEMES]
    if not spots:
        return ipa
    k = max(1, int(round(frac * len(spots))))
    for i in rng.choice(spots, size=min(k, len(spots)), replace=False):
        chars[i] = rng.choice([c for c in inventory if c != chars[i]])
    return "".join(chars)


def main():
    corpus_dir, speech_ckpt, ipa_ckpt, out = sys.argv[1:5]
    torch.set_num_threads(int(os.environ.get("THREADS", 2)))
    seed = int(os.environ.get("SEED", 1234))
    n_probe = int(os.environ.get("PROBE_CLIPS", 1000))
    t0 = time.time()
    net, _ = load(speech_ckpt)
    tower, ck = load_ipa_tower(ipa_ckpt)
    alphabet = ck["alphabet"]
    meta = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))
    ipa = json.load(open(os.path.join(corpus_dir, "ipa.json"), encoding="utf-8"))
    words = meta["words"]
    held = set(words.index(w) for w in meta["heldout_words"])
    gallery = sorted(set(ipa[w] for w in words))
    gi = {g: i for i, g in enumerate(gallery)}
    word_to_g = np.array([gi[ipa[w]] for w in words])
    ge = embed_ipa(tower, alphabet, gallery)

    ev = Corpus(os.path.join(corpus_dir, "eval_voices.npz"))
    clips = [ev.clip(i) for i in range(len(ev.text))]
    sp = embed_clips(net, clips)
    wv = ev.text.astype(np.int64)
    truth = word_to_g[wv]
    report = {"ipa_checkpoint": os.path.basename(ipa_ckpt), "speech_checkpoint": os.path.basename(speech_ckpt),
              "vocabulary": len(words), "distinct_transcriptions": len(gallery), "alphabet": alphabet}
    sim = sp @ ge.T
    for name, sel in (("heldout_voices", np.ones(len(wv), bool)),
                      ("heldout_words_heldout_voices", np.isin(wv, list(held)))):
        r = p_at(sim[sel], truth[sel])
        per_voice = {}
        t2s = {1: [], 5: []}
        for v in sorted(set(ev.voice.tolist())):
            m = ev.voice == v
            rv = p_at(sim[m & sel], truth[m & sel])
            # IPA -> speech: each distinct transcription of the voice's (selected) words ranks the voice's clips
            g_of_clip = truth[m]
            qs = sorted(set(truth[m & sel].tolist()))
            top = np.argmax(ge[qs] @ sp[m].T, axis=1)
            hit1 = float(np.mean(g_of_clip[top] == np.array(qs)))
            order = np.argsort(-(ge[qs] @ sp[m].T), axis=1)[:, :5]
            hit5 = float(np.mean([(g_of_clip[o] == q).any() for o, q in zip(order, qs)]))
            t2s[1].append(hit1)
            t2s[5].append(hit5)
            per_voice[v] = {"speech_to_ipa_P@1": rv[1], "speech_to_ipa_P@5": rv[5], "ipa_to_speech_P@1": hit1,
                            "ipa_to_speech_P@5": hit5}
        report[name] = {"speech_to_ipa": {"P@1": r[1], "P@5": r[5], "queries": int(sel.sum())},
                        "ipa_to_speech": {"P@1": float(np.mean(t2s[1])), "P@5": float(np.mean(t2s[5]))},
                        "per_voice": per_voice}

    rng = np.random.default_rng(seed)
    pick = rng.choice(len(clips), size=min(n_probe, len(clips)), replace=False)
    base = np.sum(sp[pick] * ge[truth[pick]], axis=1)
    inventory = [c for c in alphabet if c not in NOT_PHONEMES]
    bad = [corrupt_phonemes(gallery[truth[i]], rng, inventory) for i in pick]
    s_bad = np.sum(sp[pick] * embed_ipa(tower, alphabet, bad), axis=1)
    noisy = [noisy75(clips[i], rng) for i in pick]
    s_noise = np.sum(embed_clips(net, noisy) * ge[truth[pick]], axis=1)
    rand = np.sum(sp[pick] * ge[rng.integers(len(gallery), size=len(pick))], axis=1)
    report["probes"] = {
        "clips": int(len(pick)), "match_score_mean": float(base.mean()), "random_pair_score_mean": float(rand.mean()),
        "phon20_score_mean": float(s_bad.mean()), "phon20_drop": float(1 - s_bad.mean() / base.mean()),
        "noise75_score_mean": float(s_noise.mean()), "noise75_drop": float(1 - s_noise.mean() / base.mean()),
        "examples_phon20": [[gallery[truth[i]], b] for i, b in zip(pick[:10], bad[:10])]}
    report["seconds"] = time.time() - t0
    tmp = out + ".part"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
    os.replace(tmp, out)
    print("| set | queries | speech -> IPA P@1 | P@5 | IPA -> speech P@1 | P@5 |")
    print("|---|---|---|---|---|---|")
    for name, label in (("heldout_voices", "held-out voices, all words"),
                        ("heldout_words_heldout_voices", "held-out words, held-out voices")):
        r = report[name]
        print(f"| {label} | {r['speech_to_ipa']['queries']} | {r['speech_to_ipa']['P@1']:.3f} | "
              f"{r['speech_to_ipa']['P@5']:.3f} | {r['ipa_to_speech']['P@1']:.3f} | {r['ipa_to_speech']['P@5']:.3f} |")
    print()
    print("| voice | speech -> IPA P@1 (all words / held-out words) |")
    print("|---|---|")
    for v in report["heldout_voices"]["per_voice"]:
        a = report["heldout_voices"]["per_voice"][v]["speech_to_ipa_P@1"]
        b = report["heldout_words_heldout_voices"]["per_voice"][v]["speech_to_ipa_P@1"]
        print(f"| `{v}` | {a:.3f} / {b:.3f} |")
    p = report["probes"]
    print()
    print(f"Probes on {p['clips']} clips: matching cosine {p['match_score_mean']:.3f} (random transcription "
          f"{p['random_pair_score_mean']:.3f}); 20% of the phonemes replaced {p['phon20_score_mean']:.3f}, drop "
          f"{100 * p['phon20_drop']:.1f}%; 75% Gaussian noise {p['noise75_score_mean']:.3f}, drop "
          f"{100 * p['noise75_drop']:.1f}%.")
    print("Examples: " + ", ".join(f"{a} -> {b}" for a, b in p["examples_phon20"]))


if __name__ == "__main__":
    main()
