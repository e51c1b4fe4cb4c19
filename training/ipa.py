#!/usr/bin/env python3
"""IPA transcriptions of the vocabulary and the phrases (espeak-ng, en-us): evaluate.py counts homophones
with them (words whose transcriptions are equal once stress marks are removed, to/two/too, know/no, cannot be
told apart from speech alone) and train_ipa.py trains the phoneme tower on them. Transcriptions already in the
file are kept.

Usage: ipa.py CORPUS_DIR   (writes CORPUS_DIR/ipa.json)
"""
import json
import os
import sys

import synth


def main():
    d = sys.argv[1]
    meta = json.load(open(os.path.join(d, "texts.json"), encoding="utf-8"))
    path = os.path.join(d, "ipa.json")
    ipa = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else {}
    for w in meta["words"] + meta.get("phrases", []):
        if w not in ipa:
            ipa[w] = synth.ipa_en_us(w)
    tmp = os.path.join(d, "ipa.json.part")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(ipa, f, ensure_ascii=False)
    os.replace(tmp, os.path.join(d, "ipa.json"))


if __name__ == "__main__":
    main()
