#!/usr/bin/env bash
# Makes the table of docs/alignment.md, "On the project's own spaces": the shipped speech tower against MiniLM, and
# the speech tower of the first built-in run (taken from git history) against the shipped text tower, each aligned
# with every method and evaluated with NN and CSLS. Run from anywhere; work files go to $OUT (default /tmp/alignment-runs).
# Prints one line per session and retrieval: label, retrieval, speech->text P@1 P@5 P@10 MRR, text->speech P@1 P@5.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
W="$root/bin/workbench"; D="$root/assets/demo"
OUT=${OUT:-/tmp/alignment-runs}; FIRST_RUN=${FIRST_RUN:-15a7e83}
mkdir -p "$OUT/builtin-speech-run1"; cd "$OUT"
# the first run's speech tower, renamed so that it is a model of its own (its space is builtin-v1)
git -C "$root" show "$FIRST_RUN:models/builtin-speech/speech.onnx" > builtin-speech-run1/speech.onnx
git -C "$root" show "$FIRST_RUN:models/builtin-speech/model.json" \
  | sed 's/"name": "builtin-speech"/"name": "builtin-speech-run1"/' > builtin-speech-run1/model.json
"$W" embed --audio "$D/manifest.tsv" --text "$D/words.txt" --out shared.cmw >/dev/null 2>&1
"$W" embed --audio "$D/manifest.tsv" --text "$D/words.txt" --text-model all-minilm-l6-v2-q --out minilm.cmw >/dev/null 2>&1
"$W" embed --audio "$D/manifest.tsv" --speech-model "$OUT/builtin-speech-run1" --text "$D/words.txt" \
  --text-model builtin-text --out cross.cmw >/dev/null 2>&1
row() { # label session
  for r in nn csls; do
    "$W" evaluate "$2" --retrieval $r --json 2>/dev/null | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin); f, b = d["speech_to_text"], d["text_to_speech"]
print("\t".join([sys.argv[1], sys.argv[2]] + ["%.3f" % v for v in (f["p_at_1"], f["p_at_5"], f["p_at_10"], f["mrr"], b["p_at_1"], b["p_at_5"])]))' "$1" "$r"
  done
}
row shared shared.cmw
for base in cross minilm; do
  "$W" align $base.cmw --method procrustes --out $base-pr.cmw > $base-pr.log 2>&1; row "$base procrustes" $base-pr.cmw
  "$W" align $base.cmw --method procrustes --refine 5 --out $base-pr5.cmw > $base-pr5.log 2>&1; row "$base procrustes+5" $base-pr5.cmw
  for m in self-learning adversarial; do
    # --keep-failed stores a map that reports failure, so that it can be evaluated; the verdict is in the log
    "$W" align $base.cmw --method $m --keep-failed --out $base-$m.cmw > $base-$m.log 2>&1 || true
    grep -o "$m [A-Za-z ]*\(found a mapping\|FAILED\)[^(]*" $base-$m.log | head -1 | sed "s/^/# $base: /"
    row "$base $m" $base-$m.cmw
  done
done
