#!/usr/bin/python3
"""Clean, noisy (white noise at 0 dB SNR) and wrong-word versions of 100 demo recordings of one voice, for the
intelligibility figures in docs/models.md. Writes wav/ and manifest.tsv in the current folder.

    mkdir /tmp/cases && cd /tmp/cases && /usr/bin/python3 $REPO/docs/probe-results/intelligibility_cases.py $REPO/assets/demo
    (REPO is the workbench checkout; needs sox)
"""
import csv, os, subprocess, sys, wave
import numpy as np

demo = sys.argv[1]
voice = "espeak-en-gb-x-rp-f2"
rows = [r for r in csv.DictReader(open(os.path.join(demo, "manifest.tsv")), delimiter="\t") if r["speaker"] == voice]
rows = [r for r in rows if " " not in r["transcript"]][:100]
rng = np.random.default_rng(7)
os.makedirs("wav", exist_ok=True)
out = [("path", "transcript", "speaker")]
for i, r in enumerate(rows):
    src = os.path.join(demo, r["path"])
    clean = f"wav/{i:03d}-clean.wav"
    subprocess.run(["sox", src, "-b", "16", clean], check=True)
    with wave.open(clean) as w:
        x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float64)
        rate = w.getframerate()
    n = rng.standard_normal(len(x))
    n *= np.sqrt(np.mean(x ** 2) / np.mean(n ** 2))  # 0 dB SNR
    y = np.clip(x + n, -32768, 32767).astype(np.int16)
    noisy = f"wav/{i:03d}-noisy.wav"
    with wave.open(noisy, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate); w.writeframes(y.tobytes())
    out.append((clean, r["transcript"], "clean"))
    out.append((noisy, r["transcript"], "noisy-0dB"))
    wrong = f"wav/{i:03d}-wrong.wav"  # the clean recording, labelled with the next word
    subprocess.run(["cp", clean, wrong], check=True)
    out.append((wrong, rows[(i + 1) % len(rows)]["transcript"], "wrong-word"))
with open("manifest.tsv", "w") as f:
    for o in out:
        f.write("\t".join(o) + "\n")
