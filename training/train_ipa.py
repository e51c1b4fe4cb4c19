#!/usr/bin/env python3
"""Phase 3: a phoneme (IPA) tower trained into the space of an already trained speech tower.

The speech tower stays frozen (batch-norm statistics included), so the shipped speech and text towers do not
change: the IPA tower only learns to put the espeak-ng (en-us) IPA of a word where the speech tower puts
recordings of it. The speech embeddings of every training clip are computed once (the clean clip and VIEWS
augmented copies), then the tower trains on them with a symmetric InfoNCE loss and a learned temperature.
Held-out words are never seen (their IPA is neither in training nor in the alphabet's source).

Usage: train_ipa.py CORPUS_DIR SPEECH_CHECKPOINT OUT.pt
  STEPS (3000), BATCH (256 distinct texts), LR (2e-3), SEED (1236), THREADS (2), VIEWS (1 augmented copy per clip),
  CHANNELS (192, the text tower's width), TRAIN_SETS (train,train_flite)
  TOWER=chars trains a character (spelling) tower the same way instead, and writes OUT.pt as a whole speech-text
  checkpoint (the frozen speech tower with the new text tower) that evaluate.py and export.py read; HARD_NEG=N
  then adds N misspelt copies of each text (20% of the characters replaced) as extra negatives for speech -> text;
  for the phoneme tower HARD_NEG=N adds N copies of each transcription with 20% of its phonemes replaced.
  DISTILL=IPA_CHECKPOINT (TOWER=chars only) adds a second, text-only task: reading the spelling of the words of
  CORPUS_DIR/lexicon.json (lexicon.py: 58,000 dictionary words outside the vocabulary, held-out words and their
  inflections left out) into the place where that phoneme tower puts the word's IPA. Each step then also takes
  DISTILL_BATCH (256) lexicon words, a symmetric InfoNCE between their spellings (with HARD_NEG misspelt copies as
  extra negatives) and the phoneme tower's embeddings of their IPA, weighted DISTILL_WEIGHT (1.0). The phoneme
  tower stays frozen; lexicon words whose IPA has a symbol outside its alphabet are skipped.
  NEAR=SHARE (0) draws that share of each batch, and of each lexicon batch, as pairs of words one letter apart
  (pit, pot): each is the other's hard negative, with a real target of its own rather than a misspelling.

Writes OUT.pt (the tower, its alphabet and settings) and, beside it, OUT.cache.npz (the cached embeddings; CACHE
names another file, for example the cache of an earlier run on the same checkpoint and sets).
Needs CORPUS_DIR/ipa.json from ipa.py (words and phrases).
"""
import hashlib
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

import model as M
import train as T
from evaluate import embed_clips, load, warps_of
from evaluate_ipa import NOT_PHONEMES, corrupt_phonemes, embed_ipa, load_ipa_tower


def env(name, default, cast=int):
    return cast(os.environ.get(name, default))


def ipa_alphabet(ipa_texts):
    """Every code point of the training IPA, in code-point order (space included when phrases have it)."""
    return "".join(sorted(set("".join(ipa_texts))))


def cache_embeddings(net, corpus, views, rng, path, source, vtlp):
    """The cached embeddings when they were made from the same checkpoint (source) and sets, else new ones.
    The augmented views use the speech tower's own vocal-tract-length perturbation (vtlp: share, factor range)."""
    if os.path.exists(path):
        d = np.load(path)
        if ("source" in d.files and int(d["views"]) == views and str(d["source"]) == source
                and len(d["text"]) == len(corpus.text) * (1 + views)):
            return d["emb"], d["text"]
    clips = [corpus.clip(i) for i in range(len(corpus.text))]
    embs, texts = [embed_clips(net, clips)], [corpus.text.astype(np.int64)]
    T.VTLP_P, T.VTLP_RANGE = vtlp[0], tuple(vtlp[1])
    for v in range(views):
        aug = [T.augment(c, rng, corpus) for c in clips]
        embs.append(embed_clips(net, aug))
        texts.append(corpus.text.astype(np.int64))
        print(f"train_ipa.py: view {v + 1} of {views} embedded", file=sys.stderr, flush=True)
    emb, text = np.concatenate(embs), np.concatenate(texts)
    tmp = path + ".part.npz"
    np.savez(tmp, emb=emb, text=text, views=views, source=source)
    os.replace(tmp, path)
    return emb, text


def lexicon_targets(corpus_dir, ipa_ckpt, held):
    """The lexicon's words and the frozen phoneme tower's embeddings of their IPA (words whose IPA has a symbol
    outside the tower's alphabet are left out)."""
    path = os.path.join(corpus_dir, "lexicon.json")
    if not os.path.exists(path):
        sys.exit(f"train_ipa.py: DISTILL needs {path}; run lexicon.py {corpus_dir} first")
    lex = json.load(open(path, encoding="utf-8"))
    tower, ck = load_ipa_tower(ipa_ckpt)
    alphabet = ck["alphabet"]
    keep = [(w, p) for w, p in zip(lex["words"], lex["ipa"]) if p and all(c in alphabet for c in p)]
    assert not any(w in held for w, _ in keep), "held-out word in the lexicon"
    words = [w for w, _ in keep]
    return words, torch.from_numpy(embed_ipa(tower, alphabet, [p for _, p in keep]))


def spelling_neighbours(words):
    """For each word, the indices of the other words that differ from it in exactly one letter (same length), and
    the indices of the words that have such a neighbour."""
    groups = {}
    for i, w in enumerate(words):
        for k in range(len(w)):
            groups.setdefault((w[:k], w[k + 1:]), []).append(i)
    near = [set() for _ in words]
    for members in groups.values():
        if len(members) > 1:
            for i in members:
                near[i].update(j for j in members if j != i)
    near = [sorted(n) for n in near]
    return near, [i for i, n in enumerate(near) if n]


def draw(n_items, size, neighbours, share, rng):
    """size distinct indices of range(n_items), at random; with share > 0, about share * size of them come in pairs
    of words one letter apart (an anchor drawn among the words that have such a neighbour, and one of its
    neighbours; neighbours is spelling_neighbours' answer)."""
    size = min(size, n_items)
    chosen, seen = [], set()
    if share > 0:
        near, with_near = neighbours
        for a in rng.choice(len(with_near), size=min(int(share * size) // 2, len(with_near)), replace=False):
            a = with_near[int(a)]
            b = near[a][int(rng.integers(len(near[a])))]
            for i in (a, b):
                if i not in seen and len(chosen) < size:
                    seen.add(i)
                    chosen.append(i)
    while len(chosen) < size:
        for i in rng.choice(n_items, size=size - len(chosen), replace=False):
            if int(i) not in seen and len(chosen) < size:
                seen.add(int(i))
                chosen.append(int(i))
    return chosen


def main():
    corpus_dir, speech_ckpt, out = sys.argv[1:4]
    torch.set_num_threads(env("THREADS", 2))
    seed = env("SEED", 1236)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    steps, batch, lr, views = env("STEPS", 3000), env("BATCH", 256), env("LR", 2e-3, float), env("VIEWS", 1)
    meta = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))
    ipa = json.load(open(os.path.join(corpus_dir, "ipa.json"), encoding="utf-8"))
    texts = meta["words"] + meta["phrases"]
    missing = [t for t in texts if t not in ipa]
    if missing:
        sys.exit(f"train_ipa.py: {len(missing)} texts have no IPA in {corpus_dir}/ipa.json (first: {missing[0]!r}); "
                 f"run ipa.py {corpus_dir} again")
    held = set(meta["heldout_words"])
    net, ck = load(speech_ckpt)
    for p in net.parameters():
        p.requires_grad_(False)
    t0 = time.time()
    sets = os.environ.get("TRAIN_SETS", "train,train_flite").split(",")
    corpus = T.Corpus(*[os.path.join(corpus_dir, n + ".npz") for n in sets])
    train_ids = sorted(set(int(t) for t in corpus.text))
    assert not any(texts[t] in held for t in train_ids), "held-out word in training data"
    chars = os.environ.get("TOWER", "ipa") == "chars"
    hard_neg = env("HARD_NEG", 0)
    # the tower's input for each text: its spelling, or its transcription
    inputs = {t: (texts[t] if chars else ipa[texts[t]]) for t in train_ids}
    alphabet = M.ALPHABET if chars else ipa_alphabet(list(inputs.values()))
    # the cache is valid for the same speech weights and training sets, whichever checkpoint file holds them
    digest = hashlib.sha256()
    for k, v in sorted(net.speech.state_dict().items()):
        digest.update(k.encode())
        digest.update(v.detach().contiguous().numpy().tobytes())
    origin = f"speech {digest.hexdigest()} sets {','.join(sets)}"
    warps = warps_of(net)
    if warps != [1.0]:
        origin += f" warps {warps}"
    cache = os.environ.get("CACHE") or (out[:-3] if out.endswith(".pt") else out) + ".cache.npz"
    # the augmented views draw from their own generator, so training draws the same batches whether or not the
    # cache was there already
    vtlp = (ck.get("vtlp_p") or 0.4, ck.get("vtlp_range", T.VTLP_DEFAULT_RANGE))
    emb, emb_text = cache_embeddings(net, corpus, views, np.random.default_rng(seed), cache, origin, vtlp)
    print(f"train_ipa.py: {len(emb)} cached speech embeddings of {len(train_ids)} texts in {time.time() - t0:.0f} s; "
          f"alphabet of {len(alphabet)} symbols", file=sys.stderr, flush=True)
    by_text = {}
    for i, t in enumerate(emb_text):
        by_text.setdefault(int(t), []).append(i)
    emb_t = torch.from_numpy(emb)

    channels = env("CHANNELS", 192)
    tower = M.TextTower(channels, emb.shape[1], n_symbols=len(alphabet))
    logit_scale = torch.nn.Parameter(net.logit_scale.detach().clone())
    opt = torch.optim.AdamW(list(tower.parameters()) + [logit_scale], lr=lr, weight_decay=0.01)
    lr_at = T.lr_schedule(lr, steps)

    ipa_ids = {t: M.encode_text(inputs[t], chars, M.MAX_CHARS, alphabet) for t in train_ids}
    inventory = [c for c in alphabet if c not in NOT_PHONEMES]
    distill = os.environ.get("DISTILL", "")
    if distill and not chars:
        sys.exit("train_ipa.py: DISTILL teaches a character tower; set TOWER=chars")
    if distill:
        lex_words, teacher = lexicon_targets(corpus_dir, distill, held)
        distill_batch, distill_weight = env("DISTILL_BATCH", 256), env("DISTILL_WEIGHT", 1.0, float)
        print(f"train_ipa.py: {len(lex_words)} lexicon words embedded by the phoneme tower {distill}",
              file=sys.stderr, flush=True)
    # NEAR=share: that share of each batch (and of each lexicon batch) comes as pairs of words one letter apart,
    # so the tower must tell pit from pot with both in the batch, each with its own target
    near_share = env("NEAR", 0.0, float)
    near_train = spelling_neighbours([texts[t] for t in train_ids]) if near_share > 0 else None
    near_lex = spelling_neighbours(lex_words) if distill and near_share > 0 else None
    if near_lex:
        print(f"train_ipa.py: NEAR {near_share}: {len(near_train[1])} training texts and {len(near_lex[1])} lexicon "
              f"words have a neighbour one letter away", file=sys.stderr, flush=True)
    t1 = time.time()
    tower.train()
    log = []
    for step in range(steps):
        opt.param_groups[0]["lr"] = lr_at(step)
        # (with NEAR=0, draw is one rng.choice without replacement, the batches of earlier runs)
        pick = [train_ids[i] for i in draw(len(train_ids), batch, near_train, near_share, rng)]
        rows = [by_text[t][int(rng.integers(len(by_text[t])))] for t in pick]
        s = emb_t[rows]
        ids = [ipa_ids[t] for t in pick]
        for _ in range(hard_neg):
            if chars:
                ids = ids + [M.encode_text(T.corrupt(texts[t], rng), True, M.MAX_CHARS, alphabet) for t in pick]
            else:
                ids = ids + [M.encode_text(corrupt_phonemes(inputs[t], rng, inventory), False, M.MAX_CHARS, alphabet)
                             for t in pick]
        e = tower(*M.pad_ids(ids))
        scale = logit_scale.exp().clamp(max=100)
        loss, logits = T.clip_loss(s, e, len(pick), scale)
        if distill:
            lex = np.array(draw(len(lex_words), distill_batch, near_lex, near_share, rng), dtype=np.int64)
            spelled = [lex_words[i] for i in lex]
            spelled = spelled + [T.corrupt(w, rng) for _ in range(hard_neg) for w in spelled[:len(lex)]]
            d_loss, _ = T.clip_loss(teacher[torch.from_numpy(lex)], tower(*M.text_batch(spelled)), len(lex), scale)
            loss = loss + distill_weight * d_loss
        target = torch.arange(len(pick))
        opt.zero_grad()
        loss.backward()
        opt.step()
        with torch.no_grad():
            logit_scale.clamp_(max=math.log(100))
        acc = (logits.argmax(1) == target).float().mean().item()
        log.append((step, loss.item(), acc))
        if step % 250 == 0 or step == steps - 1:
            print(f"step {step} loss {loss.item():.3f} batch-acc {acc:.3f} scale {scale.item():.1f} "
                  f"elapsed {time.time() - t1:.0f}s", file=sys.stderr, flush=True)
    tmp = out + ".part"
    info = {"steps": steps, "batch": batch, "lr": lr, "views": views, "seed": seed, "train_sets": sets,
            "train_seconds": time.time() - t1, "speech_checkpoint": os.path.basename(speech_ckpt), "hard_neg": hard_neg}
    if near_share > 0:
        info["near"] = near_share
    if warps != [1.0]:
        info["warps"] = warps
    if distill:
        info.update(distill=os.path.basename(distill), distill_words=len(lex_words), distill_batch=distill_batch,
                    distill_weight=distill_weight)
    if chars:
        # a whole checkpoint: the frozen speech tower and this text tower, read like train.py's
        whole = dict(ck)
        state = dict(ck["state"])
        for k, v in tower.state_dict().items():
            state["text." + k] = v
        state["logit_scale"] = logit_scale.detach().clone()
        whole["state"] = state
        whole["text_phase3"] = info
        torch.save(whole, tmp)
    else:
        torch.save({"state": tower.state_dict(), "alphabet": alphabet, "channels": channels, "dim": emb.shape[1],
                    "speech_step": ck["step"], "log": log, **info}, tmp)
    os.replace(tmp, out)
    print(f"train_ipa.py: done in {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
