#!/usr/bin/env python3
"""Build the demo corpus in assets/demo: common words and a few phrases in four voices.

Usage: demo.py WORDS_TXT PHRASES_TXT OUT_DIR [N_WORDS] [N_PHRASES] [PROCESSES]
The words are the N_WORDS most frequent of WORDS_TXT with at least three letters, leaving out the words of
PROFANITY; the phrases are the first N_PHRASES lines of PHRASES_TXT that contain no such word.
Writes OUT_DIR/audio/<speaker>/<text>.flac (16 kHz mono, via sox), OUT_DIR/manifest.tsv
(path, transcript, speaker; paths relative to the manifest) and OUT_DIR/words.txt.
"""
import os
import subprocess
import sys
import tempfile
import wave
from multiprocessing import Pool

import synth

VOICES = ["espeak:en-us+m3", "espeak:en-gb-x-rp+f2", "flite:slt", "flite:awb"]

# Words left out of the demo: the demo is shown to classes, and the subtitle word counts it is drawn from rank
# profanity among the commonest words. The next most frequent words take their places, so the demo keeps its size.
# Ordinary words that can be rude in context ("kill", "dead", "god", "screw", "jerk") are kept.
PROFANITY = frozenset("""
    ass asshole bastard bitch bitches bloody bullshit cock crap cunt damn damned dammit dick fag faggot fuck fucked
    fucker fuckers fuckin fucking goddamn goddamned hell motherfucker motherfuckers nigger piss pissed pussy retard
    shit shits shitty slut whore
""".split())


def speaker_name(voice):
    return voice.replace(":", "-").replace("+", "-")


def write_flac(x, path):
    with tempfile.NamedTemporaryFile(suffix=".wav", dir=synth._tmpdir()) as t:
        with wave.open(t.name, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(synth.SR)
            w.writeframes(x.tobytes())
        tmp = path + ".part.flac"
        subprocess.run(["sox", t.name, "-b", "16", tmp], check=True)
        os.replace(tmp, path)


def work(args):
    voice, texts, out_dir = args
    clips = synth.synth_many([(voice, t, 1.0, None) for t in texts])
    rows = []
    for t, c in zip(texts, clips):
        rel = f"audio/{speaker_name(voice)}/{t.replace(' ', '_')}.flac"
        write_flac(c, os.path.join(out_dir, rel))
        rows.append((rel, t, speaker_name(voice)))
    return rows


def main():
    words_txt, phrases_txt, out_dir = sys.argv[1:4]
    n_words = int(sys.argv[4]) if len(sys.argv) > 4 else 300
    n_phrases = int(sys.argv[5]) if len(sys.argv) > 5 else 12
    procs = int(sys.argv[6]) if len(sys.argv) > 6 else 2
    vocab = [w.strip() for w in open(words_txt, encoding="utf-8") if w.strip()]
    words = [w for w in vocab if len(w) >= 3 and w.lower() not in PROFANITY][:n_words]
    phrases = [p.strip() for p in open(phrases_txt, encoding="utf-8")
               if p.strip() and not PROFANITY.intersection(p.lower().split())][:n_phrases]
    for v in VOICES:
        os.makedirs(os.path.join(out_dir, "audio", speaker_name(v)), exist_ok=True)
    tasks = []
    for v in VOICES:
        items = words + phrases
        for i in range(0, len(items), 100):
            tasks.append((v, items[i:i + 100], out_dir))
    with Pool(procs) as pool:
        results = pool.map(work, tasks)
    rows = [r for res in results for r in res]
    with open(os.path.join(out_dir, "manifest.tsv.part"), "w", encoding="utf-8") as f:
        f.write("path\ttranscript\tspeaker\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    os.replace(os.path.join(out_dir, "manifest.tsv.part"), os.path.join(out_dir, "manifest.tsv"))
    with open(os.path.join(out_dir, "words.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(words) + "\n")
    print(f"demo.py: {len(rows)} clips, {len(words)} words, {len(phrases)} phrases, "
          f"{len(VOICES)} voices -> {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
