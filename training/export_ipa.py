#!/usr/bin/env python3
"""Export the phoneme (IPA) tower of train_ipa.py to MODELS_DIR/builtin-ipa (ONNX + model.json, in the shared
space of the speech tower it was trained against) and write golden outputs computed by torch for the Java test.

Usage: export_ipa.py CORPUS_DIR IPA_CHECKPOINT EVAL_IPA_JSON MODELS_DIR GOLDEN_JSON
"""
import json
import os
import sys

import numpy as np
import onnx
import torch

import model as M
from evaluate_ipa import load_ipa_tower
from export import SHARED_SPACE, commit_id, export_characters, write_json


def main():
    corpus_dir, ckpt, eval_json, models_dir, golden_path = sys.argv[1:6]
    tower, ck = load_ipa_tower(ckpt)
    alphabet = ck["alphabet"]
    metrics = json.load(open(eval_json, encoding="utf-8")) if os.path.exists(eval_json) else {}
    meta = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))
    code = commit_id()
    if metrics:
        hv, hw, p = metrics["heldout_voices"], metrics["heldout_words_heldout_voices"], metrics["probes"]
        summary = (f"held-out voices, {metrics['vocabulary']} words ({metrics['distinct_transcriptions']} distinct "
                   f"transcriptions): speech->IPA P@1 {hv['speech_to_ipa']['P@1']:.3f}, P@5 "
                   f"{hv['speech_to_ipa']['P@5']:.3f}; held-out words: speech->IPA P@1 "
                   f"{hw['speech_to_ipa']['P@1']:.3f}; score drop at 20% replaced phonemes {p['phon20_drop']:.2f}, "
                   f"at 75% Gaussian noise {p['noise75_drop']:.2f} (docs/models.md)")
    else:
        summary = "not evaluated"
    out_dir = os.path.join(models_dir, "builtin-ipa")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "ipa.onnx")
    ids, il = M.text_batch(["h\u0259l\u02c8o\u028a", "ha\u026a"], alphabet, lowercase=False)
    export_characters(tower, ids, il, path)
    onnx.checker.check_model(onnx.load(path))
    write_json(os.path.join(out_dir, "model.json"), {
        "format": 1, "name": "builtin-ipa", "modality": "text", "onnx": "ipa.onnx",
        "input": {"kind": "characters", "name": "chars", "lengthsName": "lengths", "alphabet": alphabet,
                  "lowercase": False, "maxLength": M.MAX_CHARS},
        "output": {"name": "embedding", "pooling": "none", "normalize": True, "dimension": ck["dim"]},
        "sharedSpace": SHARED_SPACE, "threads": 2,
        "provenance": {
            "source": "trained by the Crossmodal Workbench project, training/train_ipa.py",
            "license": "GPL-3.0-or-later (weights and code of this project)",
            "reads": "IPA as espeak-ng writes it for US English (espeak-ng -q --ipa -v en-us), stress marks included",
            "trainingData": (f"the espeak-ng en-us IPA of the {len(meta['words']) - len(meta['heldout_words'])} "
                             f"training words and {len(meta['phrases'])} phrases, against the frozen builtin-speech "
                             f"tower's embeddings of their training clips (each clean and {ck['views']} augmented)"),
            "heldOut": {"words": meta["heldout_words"]},
            "seeds": {"training": ck["seed"]},
            "training": {"steps": ck["steps"], "batch": ck["batch"], "lr": ck["lr"],
                         "seconds": round(ck["train_seconds"]), "speechCheckpoint": ck["speech_checkpoint"]},
            "codeCommit": code,
            "metrics": summary}})

    ipa = json.load(open(os.path.join(corpus_dir, "ipa.json"), encoding="utf-8"))
    picks = [w for w in ("people", "hello", "good morning") if w in ipa] or list(ipa)[:3]
    texts = [ipa[w] for w in picks] + ["", "12345", "h\u00e9llo \U0001F600", "\u0259" * 100, "HELLO"]
    with torch.no_grad():
        emb = {t: tower(*M.text_batch([t], alphabet, lowercase=False))[0].numpy() for t in texts}
    golden = {
        "generator": "training/export_ipa.py (torch " + torch.__version__ + ")",
        "codeCommit": code,
        "text": [{"text": t, "ids": M.encode_text(t, False, M.MAX_CHARS, alphabet),
                  "embedding": [float(x) for x in emb[t]]} for t in texts],
    }
    os.makedirs(os.path.dirname(golden_path), exist_ok=True)
    write_json(golden_path, golden)
    print(f"export_ipa.py: {path} {os.path.getsize(path)} bytes, golden -> {golden_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
