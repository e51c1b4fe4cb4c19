// Independent check of the exported ONNX files: run them with onnxruntime-node on the golden
// inputs and compare with the embeddings torch computed at export time.
// Usage: NODE_PATH=<dir with onnxruntime-node> node check_onnx.js MODELS_DIR GOLDEN_JSON
const ort = require('onnxruntime-node');
const fs = require('fs');
const path = require('path');

async function main() {
  const [modelsDir, goldenPath] = process.argv.slice(2);
  const golden = JSON.parse(fs.readFileSync(goldenPath, 'utf8'));
  const opts = { intraOpNumThreads: 1, interOpNumThreads: 1 };
  const speech = await ort.InferenceSession.create(path.join(modelsDir, 'builtin-speech', 'speech.onnx'), opts);
  const text = await ort.InferenceSession.create(path.join(modelsDir, 'builtin-text', 'text.onnx'), opts);
  let worst = 0;
  for (const item of golden.speech) {
    const x = Float32Array.from(item.samplesInt16, (v) => v / 32768.0);
    const out = await speech.run({
      waveform: new ort.Tensor('float32', x, [1, x.length]),
      lengths: new ort.Tensor('int64', BigInt64Array.from([BigInt(x.length)]), [1]),
    });
    const e = out.embedding.data;
    const d = Math.max(...item.embedding.map((v, i) => Math.abs(v - e[i])));
    worst = Math.max(worst, d);
    console.log(`speech ${item.name}: max abs diff ${d.toExponential(2)}`);
  }
  for (const item of golden.text) {
    const ids = item.ids.length ? item.ids : [0];
    const out = await text.run({
      chars: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]),
      lengths: new ort.Tensor('int64', BigInt64Array.from([BigInt(ids.length)]), [1]),
    });
    const e = out.embedding.data;
    const d = Math.max(...item.embedding.map((v, i) => Math.abs(v - e[i])));
    worst = Math.max(worst, d);
    console.log(`text ${JSON.stringify(item.text).slice(0, 30)}: max abs diff ${d.toExponential(2)}`);
  }
  console.log(`worst ${worst.toExponential(2)}`);
  if (worst > 1e-4) process.exit(1);
}
main().catch((e) => { console.error(e); process.exit(2); });
