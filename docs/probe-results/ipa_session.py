#!/usr/bin/python3
"""The demo corpus written in IPA, for the "A session in IPA" figures in docs/models.md: every transcript of the
demo manifest and every demo word as espeak-ng writes it (`espeak-ng -q --ipa -v en-us`). Writes manifest-ipa.tsv
(absolute audio paths) and words-ipa.txt (one line per distinct transcription, in the order of the words) in the
current folder.

    mkdir /tmp/ipa && cd /tmp/ipa && /usr/bin/python3 $REPO/docs/probe-results/ipa_session.py $REPO/assets/demo
    (REPO is the workbench checkout; needs espeak-ng)
"""
import csv, os, subprocess, sys

demo = os.path.abspath(sys.argv[1])
rows = list(csv.DictReader(open(os.path.join(demo, "manifest.tsv"), encoding="utf-8"), delimiter="\t"))
words = [w.strip() for w in open(os.path.join(demo, "words.txt"), encoding="utf-8") if w.strip()]


def ipa(text):
    out = subprocess.run(["espeak-ng", "-q", "--ipa", "-v", "en-us", text], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


cache = {t: ipa(t) for t in sorted({r["transcript"] for r in rows} | set(words))}
distinct = list(dict.fromkeys(cache[w] for w in words))
with open("words-ipa.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(distinct) + "\n")
with open("manifest-ipa.tsv", "w", encoding="utf-8") as f:
    f.write("path\ttranscript\tspeaker\n")
    for r in rows:
        f.write(f"{os.path.join(demo, r['path'])}\t{cache[r['transcript']]}\t{r['speaker']}\n")
print(f"{len(rows)} recordings, {len(distinct)} distinct word transcriptions", file=sys.stderr)
