#!/usr/bin/env python3
"""IPA transcriptions of the vocabulary (espeak-ng, en-us), used by evaluate.py to count
homophones: words whose transcriptions are equal once stress marks are removed
(to/two/too, know/no) cannot be told apart from speech alone.

Usage: ipa.py CORPUS_DIR   (writes CORPUS_DIR/ipa.json)
"""
import json
import os
import subprocess
import sys


def main():
    d = sys.argv[1]
    words = json.load(open(os.path.join(d, "texts.json"), encoding="utf-8"))["words"]
    ipa = {}
    for w in words:
        ipa[w] = subprocess.run(["espeak-ng", "-v", "en-us", "-q", "--ipa", w], capture_output=True,
                                text=True, check=True).stdout.strip()
    tmp = os.path.join(d, "ipa.json.part")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(ipa, f, ensure_ascii=False)
    os.replace(tmp, os.path.join(d, "ipa.json"))


if __name__ == "__main__":
    main()
