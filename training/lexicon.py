#!/usr/bin/env python3
"""A text-only pronunciation lexicon for teaching the character tower to read spelling: the lower-case a-z words of
Debian's wamerican list that are not in the vocabulary, each with its espeak-ng (en-us) IPA. No audio is made for
them; train_ipa.py (TOWER=chars with DISTILL) uses them to pull the character tower towards the phoneme tower's
embedding of the same word's pronunciation.

The held-out words stay unseen: a lexicon word is dropped when it is a held-out word or a held-out word plus a
common inflection or derivation ending (pit -> pits, pitted, pitting; use -> used, using), so the held-out words
test reading new words, not their inflected forms.

Usage: lexicon.py CORPUS_DIR [DICT_FILE]   (writes CORPUS_DIR/lexicon.json: {"words": [...], "ipa": [...]})
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ENDINGS = ("s", "es", "d", "ed", "ing", "er", "ers", "est", "ly", "y", "ness", "ment", "ments", "ful", "less")


def near_heldout(word, held):
    """True when word is a held-out word, or one plus an ending (with a doubled final consonant or a dropped
    final e, as English spelling does)."""
    if word in held:
        return True
    for end in ENDINGS:
        if not word.endswith(end) or len(word) <= len(end):
            continue
        stem = word[:-len(end)]
        if stem in held or stem + "e" in held:
            return True
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in held:
            return True
    return False


def phonemize(words):
    """espeak-ng (en-us) IPA of each word, one process for all: a word per line, each closed by a full stop,
    gives one transcription per line, the same as transcribing each word alone (checked against ipa.json)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("".join(w + ".\n" for w in words))
        name = f.name
    try:
        out = subprocess.run(["espeak-ng", "-v", "en-us", "-q", "--ipa", "-f", name], capture_output=True,
                             text=True, check=True).stdout.splitlines()
    finally:
        os.unlink(name)
    if len(out) != len(words):
        sys.exit(f"lexicon.py: espeak-ng gave {len(out)} transcriptions for {len(words)} words; "
                 "check that espeak-ng (en-us) is installed")
    return [" ".join(o.split()) for o in out]


def main():
    corpus_dir = sys.argv[1]
    dict_file = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/dict/american-english"
    meta = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))
    vocab, held = set(meta["words"]), set(meta["heldout_words"])
    with open(dict_file, encoding="utf-8") as f:
        candidates = sorted({w.strip() for w in f if re.fullmatch(r"[a-z]+", w.strip())})
    words = [w for w in candidates if w not in vocab and not near_heldout(w, held)]
    ipa = phonemize(words)
    # a check on the batch transcription: the vocabulary words transcribed the same way must match ipa.json
    known = json.load(open(os.path.join(corpus_dir, "ipa.json"), encoding="utf-8"))
    sample = [w for w in meta["words"] if w in known][:200]
    mismatch = [w for w, p in zip(sample, phonemize(sample)) if p != known[w]]
    if mismatch:
        sys.exit(f"lexicon.py: batch transcription differs from ipa.json for {len(mismatch)} words "
                 f"(first: {mismatch[0]!r})")
    path = os.path.join(corpus_dir, "lexicon.json")
    with open(path + ".part", "w", encoding="utf-8") as f:
        json.dump({"source": os.path.basename(dict_file), "words": words, "ipa": ipa}, f, ensure_ascii=False)
    os.replace(path + ".part", path)
    print(f"lexicon.py: {len(words)} words of {len(candidates)} in {dict_file} "
          f"({len(candidates) - len(words)} are vocabulary words or held-out words and their inflections)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
