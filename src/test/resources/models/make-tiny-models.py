#!/usr/bin/python3
"""Makes the tiny ONNX models the encoder tests load, and golden outputs computed with numpy from the same weights.

Run with Debian's /usr/bin/python3 (torch 1.13, onnx, numpy). Writes, next to this script:
  tiny-speech/       waveform [B, T] + lengths [B] -> per-sample features [B, T, 6] (tanh(w x + b), padding zeroed);
                     manifest pooling mean, normalize true
  tiny-chars/        characters [B, L] + lengths [B] -> embeddings [B, L, 5]; pooling mean, normalize false
  tiny-tokens/       input_ids + attention_mask [B, L] -> (embedding + position + mean of the real tokens) * mask
                     [B, L, 4]; pooling first, normalize true;
                     a hand-written word-level tokenizer.json
  nan-speech/        waveform [B, T] -> sqrt(waveform[:, :3]) [B, 3]: NaN for negative samples; pooling none
  nolen-speech/      waveform [B, T] without lengths -> [mean(x), mean(x^2)] [B, 2]: padding would change it, so
                     the encoder may only batch clips of equal length; pooling none
  tiny-logmel/       log-mel [B, F, 24] + lengths [B] -> the same features, padding zeroed; pooling mean, so the
                     encoder's vector is the mean log-mel frame
  logmel-golden.json log-mel features from torchaudio (MelSpectrogram, htk, no norm, power 2, then ln(x + offset))
                     for two parameter sets, the reference for the workbench's Java front end
  golden.json        inputs and expected vectors (numpy, independent of ONNX Runtime)
"""
import json
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(20261122)
rng = np.random.default_rng(20261122)


def out_dir(name):
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    return d


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


# ---- tiny-speech ----
class Speech(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.randn(6))
        self.b = torch.nn.Parameter(torch.randn(6) * 0.1)

    def forward(self, waveform, lengths):
        t = torch.arange(waveform.shape[1]).unsqueeze(0)
        mask = (t < lengths.unsqueeze(1)).float().unsqueeze(-1)
        return torch.tanh(waveform.unsqueeze(-1) * self.w + self.b) * mask


speech = Speech()
torch.onnx.export(speech, (torch.zeros(2, 7), torch.tensor([7, 5], dtype=torch.int64)),
                  os.path.join(out_dir("tiny-speech"), "tiny-speech.onnx"),
                  input_names=["waveform", "lengths"], output_names=["features"],
                  dynamic_axes={"waveform": {0: "batch", 1: "samples"}, "lengths": {0: "batch"},
                                "features": {0: "batch", 1: "samples"}}, opset_version=13)
write_json(os.path.join(HERE, "tiny-speech", "model.json"), {
    "format": 1, "name": "tiny-speech", "modality": "speech", "onnx": "tiny-speech.onnx",
    "input": {"kind": "waveform", "name": "waveform", "lengthsName": "lengths", "sampleRate": 8000},
    "output": {"name": "features", "pooling": "mean", "normalize": True, "dimension": 6},
    "sharedSpace": "tiny-space", "threads": 1,
    "provenance": {"source": "src/test/resources/models/make-tiny-models.py", "license": "GPL-3.0-or-later",
                   "trainingData": "none (random weights)"}})
w = speech.w.detach().numpy().astype(np.float64)
b = speech.b.detach().numpy().astype(np.float64)
speech_inputs = [rng.uniform(-1, 1, n).astype(np.float32) for n in (5, 17, 1, 40, 17)]
speech_expected = []
for x in speech_inputs:
    v = np.tanh(x.astype(np.float64)[:, None] * w + b).mean(axis=0)
    speech_expected.append((v / np.linalg.norm(v)).tolist())

# ---- tiny-chars ----
ALPHABET = "abcdefgh"


class Chars(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(len(ALPHABET) + 2, 5)

    def forward(self, chars, lengths):
        t = torch.arange(chars.shape[1]).unsqueeze(0)
        mask = (t < lengths.unsqueeze(1)).float().unsqueeze(-1)
        return self.emb(chars) * mask


chars = Chars()
torch.onnx.export(chars, (torch.ones(2, 4, dtype=torch.int64), torch.tensor([4, 2], dtype=torch.int64)),
                  os.path.join(out_dir("tiny-chars"), "tiny-chars.onnx"),
                  input_names=["chars", "lengths"], output_names=["embeddings"],
                  dynamic_axes={"chars": {0: "batch", 1: "chars"}, "lengths": {0: "batch"},
                                "embeddings": {0: "batch", 1: "chars"}}, opset_version=13)
write_json(os.path.join(HERE, "tiny-chars", "model.json"), {
    "format": 1, "name": "tiny-chars", "modality": "text", "onnx": "tiny-chars.onnx",
    "input": {"kind": "characters", "name": "chars", "lengthsName": "lengths", "alphabet": ALPHABET,
              "lowercase": True, "maxLength": 6},
    "output": {"name": "embeddings", "pooling": "mean", "normalize": False, "dimension": 5},
    "sharedSpace": "tiny-space",
    "provenance": {"source": "src/test/resources/models/make-tiny-models.py", "license": "GPL-3.0-or-later"}})
E = chars.emb.weight.detach().numpy().astype(np.float64)
char_texts = ["abc", "Hello", "", "gggggggggg", "a", "ÄBCDEFGH"]


def char_ids(text):
    ids = [ALPHABET.index(c) + 2 if c in ALPHABET else 1 for c in text.lower()][:6]
    return ids if ids else [0]


chars_expected = [E[char_ids(t)].mean(axis=0).tolist() for t in char_texts]

# ---- tiny-tokens ----
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "cat", "dog", "sat", "on", "the", "mat"]


class Tokens(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(len(VOCAB), 4)
        self.pos = torch.nn.Parameter(torch.randn(8, 4) * 0.1)

    def forward(self, input_ids, attention_mask):
        m = attention_mask.unsqueeze(-1).float()
        e = self.emb(input_ids)
        context = (e * m).sum(1, keepdim=True) / m.sum(1, keepdim=True)  # mean of the real tokens
        return (e + self.pos[: input_ids.shape[1]] + context) * m


tokens = Tokens()
torch.onnx.export(tokens, (torch.ones(2, 3, dtype=torch.int64), torch.ones(2, 3, dtype=torch.int64)),
                  os.path.join(out_dir("tiny-tokens"), "tiny-tokens.onnx"),
                  input_names=["input_ids", "attention_mask"], output_names=["hidden"],
                  dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                "hidden": {0: "batch", 1: "tokens"}}, opset_version=13)
vocab = {t: i for i, t in enumerate(VOCAB)}
special = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
            "special": True} for i, t in enumerate(VOCAB[:4])]
write_json(os.path.join(HERE, "tiny-tokens", "tokenizer.json"), {
    "version": "1.0", "truncation": None, "padding": None, "added_tokens": special,
    "normalizer": {"type": "Lowercase"},
    "pre_tokenizer": {"type": "Whitespace"},
    "post_processor": {
        "type": "TemplateProcessing",
        "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                   {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
        "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                 {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                 {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
        "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                           "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
    "decoder": None,
    "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"}})
write_json(os.path.join(HERE, "tiny-tokens", "model.json"), {
    "format": 1, "name": "tiny-tokens", "modality": "text", "onnx": "tiny-tokens.onnx",
    "input": {"kind": "tokens", "name": "input_ids", "maskName": "attention_mask", "tokenizer": "tokenizer.json",
              "maxLength": 8},
    "output": {"name": "hidden", "pooling": "first", "normalize": True, "dimension": 4},
    "provenance": {"source": "src/test/resources/models/make-tiny-models.py", "license": "GPL-3.0-or-later"}})
TE = tokens.emb.weight.detach().numpy().astype(np.float64)
P = tokens.pos.detach().numpy().astype(np.float64)
token_texts = ["the cat sat on the mat", "Dog", "a zebra", "cat cat cat cat cat cat cat cat cat"]


def token_ids(text):
    ids = [vocab.get(w, 1) for w in text.lower().split()]
    return [2] + ids[:6] + [3]  # maxLength 8 including [CLS] and [SEP]


tokens_expected = []
for t in token_texts:
    v = TE[2] + P[0] + TE[token_ids(t)].mean(axis=0)  # first token: [CLS] at position 0, plus the context
    tokens_expected.append((v / np.linalg.norm(v)).tolist())

# ---- nan-speech ----
class Nan(torch.nn.Module):
    def forward(self, waveform):
        return torch.sqrt(waveform[:, :3])


torch.onnx.export(Nan(), (torch.ones(1, 5),), os.path.join(out_dir("nan-speech"), "nan-speech.onnx"),
                  input_names=["waveform"], output_names=["embedding"],
                  dynamic_axes={"waveform": {0: "batch", 1: "samples"}, "embedding": {0: "batch"}}, opset_version=13)
write_json(os.path.join(HERE, "nan-speech", "model.json"), {
    "format": 1, "name": "nan-speech", "modality": "speech", "onnx": "nan-speech.onnx",
    "input": {"kind": "waveform", "name": "waveform", "sampleRate": 8000},
    "output": {"name": "embedding", "pooling": "none", "normalize": False, "dimension": 3},
    "provenance": {"source": "src/test/resources/models/make-tiny-models.py", "license": "GPL-3.0-or-later"}})

# ---- nolen-speech ----
class NoLen(torch.nn.Module):
    def forward(self, waveform):
        return torch.stack([waveform.mean(dim=1), (waveform * waveform).mean(dim=1)], dim=1)


torch.onnx.export(NoLen(), (torch.ones(2, 5),), os.path.join(out_dir("nolen-speech"), "nolen-speech.onnx"),
                  input_names=["waveform"], output_names=["stats"],
                  dynamic_axes={"waveform": {0: "batch", 1: "samples"}, "stats": {0: "batch"}}, opset_version=13)
write_json(os.path.join(HERE, "nolen-speech", "model.json"), {
    "format": 1, "name": "nolen-speech", "modality": "speech", "onnx": "nolen-speech.onnx",
    "input": {"kind": "waveform", "name": "waveform", "sampleRate": 8000},
    "output": {"name": "stats", "pooling": "none", "normalize": False, "dimension": 2},
    "provenance": {"source": "src/test/resources/models/make-tiny-models.py", "license": "GPL-3.0-or-later"}})

# ---- tiny-logmel and the torchaudio reference for the log-mel front end ----
import torchaudio  # noqa: E402


class LogMelId(torch.nn.Module):
    def forward(self, mel, lengths):
        t = torch.arange(mel.shape[1]).unsqueeze(0)
        mask = (t < lengths.unsqueeze(1)).float().unsqueeze(-1)
        return mel * mask


torch.onnx.export(LogMelId(), (torch.zeros(2, 3, 24), torch.tensor([3, 2], dtype=torch.int64)),
                  os.path.join(out_dir("tiny-logmel"), "tiny-logmel.onnx"),
                  input_names=["mel", "lengths"], output_names=["frames"],
                  dynamic_axes={"mel": {0: "batch", 1: "frames"}, "lengths": {0: "batch"},
                                "frames": {0: "batch", 1: "frames"}}, opset_version=13)
LOGMEL_SETS = [
    {"sampleRate": 8000, "nMels": 24, "nFft": 256, "hop": 80, "win": 200, "fmin": 0.0, "fmax": 4000.0,
     "logOffset": 1e-6, "center": True},
    {"sampleRate": 16000, "nMels": 40, "nFft": 400, "hop": 160, "win": 400, "fmin": 20.0, "fmax": 7600.0,
     "logOffset": 1e-5, "center": False},
]
write_json(os.path.join(HERE, "tiny-logmel", "model.json"), {
    "format": 1, "name": "tiny-logmel", "modality": "speech", "onnx": "tiny-logmel.onnx",
    "input": dict({"kind": "logmel", "name": "mel", "lengthsName": "lengths"}, **LOGMEL_SETS[0]),
    "output": {"name": "frames", "pooling": "mean", "normalize": False, "dimension": 24},
    "provenance": {"source": "src/test/resources/models/make-tiny-models.py", "license": "GPL-3.0-or-later"}})


def torch_logmel(x, p):
    mel = torchaudio.transforms.MelSpectrogram(
        sample_rate=p["sampleRate"], n_fft=p["nFft"], win_length=p["win"], hop_length=p["hop"], f_min=p["fmin"],
        f_max=p["fmax"], n_mels=p["nMels"], window_fn=torch.hann_window, power=2.0, center=p["center"],
        pad_mode="reflect", norm=None, mel_scale="htk").to(torch.float64)(torch.from_numpy(x.astype(np.float64)))
    return torch.log(mel + p["logOffset"]).T.numpy()  # [frames, nMels]


logmel_cases = []
for p, lengths in zip(LOGMEL_SETS, [(200, 777, 1500), (400, 999, 1700)]):
    for n in lengths:
        t = np.arange(n) / p["sampleRate"]
        x = (0.3 * np.sin(2 * np.pi * 440 * t) + 0.1 * np.sin(2 * np.pi * 1900 * t)
             + 0.02 * rng.standard_normal(n)).astype(np.float32)
        f = torch_logmel(x, p)
        logmel_cases.append({"params": p, "waveform": [float(v) for v in x],
                             "features": [[float("%.8g" % v) for v in row] for row in f],
                             "meanFrame": [float("%.8g" % v) for v in f.mean(axis=0)]})
with open(os.path.join(HERE, "logmel-golden.json"), "w") as fh:
    json.dump({"generator": "src/test/resources/models/make-tiny-models.py (torchaudio " + torchaudio.__version__
               + ")", "cases": logmel_cases}, fh)
    fh.write("\n")

write_json(os.path.join(HERE, "golden.json"), {
    "generator": "src/test/resources/models/make-tiny-models.py (numpy from the exported weights)",
    "speech": [{"waveform": x.tolist(), "vector": v} for x, v in zip(speech_inputs, speech_expected)],
    "chars": [{"text": t, "ids": char_ids(t), "vector": v} for t, v in zip(char_texts, chars_expected)],
    "tokens": [{"text": t, "ids": token_ids(t), "vector": v} for t, v in zip(token_texts, tokens_expected)],
})
print("ok")
