// Independent reference for the built-in MiniLM text encoder.
// Tokenises with @huggingface/tokenizers (tokenizers.js, a JavaScript implementation, not the Rust tokenizers the
// workbench uses through DJL), runs the same quantised ONNX file with onnxruntime-node, mean-pools over the
// attention mask and L2-normalises in plain JavaScript. Each phrase is run alone.
// onnxruntime-node is pinned to the version of the Java runtime in pom.xml (1.29.0): the int8 model's outputs
// change by up to 2.5e-2 on some inputs between onnxruntime 1.29 and 1.30.
// Usage: node minilm-golden.mjs MODEL_DIR OUT.json   (MODEL_DIR holds the two files from the Maven jar)
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { Tokenizer } from '@huggingface/tokenizers';

const [modelDir, outFile] = process.argv.slice(2);
const tokenizerJson = JSON.parse(fs.readFileSync(path.join(modelDir, 'all-minilm-l6-v2-q-tokenizer.json'), 'utf8'));
const tokenizer = new Tokenizer(tokenizerJson, {});
const session = await ort.InferenceSession.create(path.join(modelDir, 'all-minilm-l6-v2-q.onnx'),
    { intraOpNumThreads: 1 });

const long = Array.from({ length: 300 }, (_, i) => `word${i % 17}`).join(' ');
const phrases = [
  'hello', 'Hello, world!', 'the quick brown fox jumps over the lazy dog', 'cat', 'dog', 'a cat sat on the mat',
  'Café au lait, naïve façade', 'ÜBER-STRAẞE', 'numbers 12345 and 3.14159', 'speech and text embeddings',
  'unbelievably', '東京 is a city', "don't stop believin'", '  spaced   out  ', '', long,
];

const records = [];
for (const text of phrases) {
  // Truncate to 256 tokens as Hugging Face's Python and Rust tokenizers do: keep [CLS] and the final [SEP].
  const full = tokenizer.encode(text).ids.map(Number);
  const ids = full.length <= 256 ? full : [...full.slice(0, 255), full[full.length - 1]];
  const n = ids.length;
  const toTensor = (arr) => new ort.Tensor('int64', BigInt64Array.from(arr.map(BigInt)), [1, n]);
  const feeds = {
    input_ids: toTensor(ids),
    attention_mask: toTensor(new Array(n).fill(1)),
    token_type_ids: toTensor(new Array(n).fill(0)),
  };
  const out = (await session.run(feeds)).last_hidden_state;
  const dim = out.dims[2];
  const v = new Float64Array(dim);
  for (let t = 0; t < n; t++) for (let k = 0; k < dim; k++) v[k] += out.data[t * dim + k];
  let norm = 0;
  for (let k = 0; k < dim; k++) { v[k] /= n; norm += v[k] * v[k]; }
  norm = Math.sqrt(norm);
  records.push({ text, tokenIds: ids, vector: Array.from(v, (x) => Number((x / norm).toPrecision(9))) });
}
// Token ids only, for strings that stress normalisation and pre-tokenisation.
const tricky = [
  'naïve café résumé', 'Ångström', 'ﬁne ligature', 'straße STRASSE', 'İstanbul', 'Ελληνικά κείμενο',
  'русский текст', 'العربية', 'עברית', 'हिन्दी', 'ไทย', '한국어 문장', 'かなカナ', '中文字符测试',
  'emoji 😀👍🏽', 'zero\u200bwidth', 'no\u00a0break', 'tab\there', 'new\nline', 'e\u0301 combining',
  '“quoted” ‘single’', 'em—dash – en', 'ellipsis…', 'http://example.org/a?b=c', '#hashtag @user',
  '1,234.56 and 7/8', "rock'n'roll", 'ALLCAPS MiXeD', '   ', 'supercalifragilisticexpialidocious',
  'x'.repeat(120), 'a.b.c.d', '(parentheses) [brackets] {braces}', '¿qué? ¡sí!', 'ﬀ ﬃ', 'Ⅻ ½ ²',
];
const tokenRecords = tricky.map((text) => ({ text, tokenIds: tokenizer.encode(text).ids.map(Number) }));

const doc = {
  generator: 'src/test/resources/golden/minilm-golden.mjs',
  onnxruntimeNode: JSON.parse(fs.readFileSync('node_modules/onnxruntime-node/package.json', 'utf8')).version,
  tokenizersJs: JSON.parse(fs.readFileSync('node_modules/@huggingface/tokenizers/package.json', 'utf8')).version,
  pooling: 'mean over attention mask, L2-normalised',
  records,
  tokenRecords,
};
fs.writeFileSync(outFile, JSON.stringify(doc, null, 1) + '\n');
console.error(`wrote ${records.length} vectors of dimension ${records[0].vector.length} to ${outFile}`);
