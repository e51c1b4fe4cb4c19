#!/usr/bin/env python3
"""Export a checkpoint to models/builtin-speech and models/builtin-text (ONNX + model.json),
and write golden outputs computed by torch at export time for the Java encoder test.

Usage: export.py CORPUS_DIR CHECKPOINT EVAL_JSON MODELS_DIR GOLDEN_JSON
"""
import json
import os
import subprocess
import sys

import numpy as np
import onnx
import torch

import model as M
from train import VTLP_DEFAULT_RANGE
from evaluate import checkpoint_warps, load, speech_graph

SHARED_SPACE = "builtin-v3"  # v1: the first run (1,500 steps); v2: the 6,000-step run; v3: phase 2 trained through multi-warp pooling
OPSET = 13


class SpeechExport(torch.nn.Module):
    def __init__(self, speech):
        super().__init__()
        self.t = speech

    def forward(self, waveform, lengths):
        return self.t(waveform, lengths)


class TextExport(torch.nn.Module):
    """A character or phoneme tower as the ONNX graph sees it: (chars, lengths) -> embedding."""
    def __init__(self, tower):
        super().__init__()
        self.t = tower

    def forward(self, chars, lengths):
        return self.t(chars, lengths)


def export_characters(tower, ids, lengths, path):
    """Writes a tower over character ids to path (through a .part file), with batch and length dynamic."""
    torch.onnx.export(TextExport(tower).eval(), (ids, lengths), path + ".part", opset_version=OPSET,
                      input_names=["chars", "lengths"], output_names=["embedding"],
                      dynamic_axes={"chars": {0: "batch", 1: "length"}, "lengths": {0: "batch"},
                                    "embedding": {0: "batch"}})
    os.replace(path + ".part", path)


def commit_id():
    try:
        here = os.path.dirname(os.path.abspath(__file__))
        return subprocess.run(["git", "-C", here, "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except Exception:
        return "unknown"


def write_json(path, obj):
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)


def main():
    corpus_dir, ckpt, eval_json, models_dir, golden_path = sys.argv[1:6]
    torch.set_num_threads(int(os.environ.get("THREADS", 1)))
    net, ck = load(ckpt)
    metrics = json.load(open(eval_json, encoding="utf-8")) if os.path.exists(eval_json) else {}
    corpus_meta = json.load(open(os.path.join(corpus_dir, "texts.json"), encoding="utf-8"))
    dim = net.speech.proj.out_features
    # the speech graph: the tower itself, or its multi-warp pooling when the checkpoint was trained through it
    warps = checkpoint_warps(ck)
    speech = speech_graph(net, warps).eval()
    code = commit_id()

    def summary():
        if not metrics:
            return "not evaluated"
        hv = metrics["heldout_voices"]
        hw = metrics["heldout_words_heldout_voices"]
        p = metrics["probes"]
        return (f"held-out voices, {metrics['vocabulary']} words: speech->text P@1 {hv['speech_to_text']['P@1']:.3f}, "
                f"P@5 {hv['speech_to_text']['P@5']:.3f}; text->speech P@1 {hv['text_to_speech']['P@1']:.3f}; "
                f"held-out words: speech->text P@1 {hw['speech_to_text']['P@1']:.3f}; "
                f"score drop at 20% replaced characters {p['char20_drop']:.2f}, at 75% Gaussian noise "
                f"{p['noise75_drop']:.2f} (docs/models.md)")

    provenance = {
        "source": "trained by the Crossmodal Workbench project, training/run.sh",
        "license": "GPL-3.0-or-later (weights and code of this project)",
        "trainingData": (f"{len(corpus_meta.get('words', [])) - len(corpus_meta.get('heldout_words', []))} "
                         f"of the {len(corpus_meta.get('words', []))} most frequent SUBTLEX-US words "
                         f"(filtered by Debian's wamerican list) and {len(corpus_meta.get('phrases', []))} short "
                         f"phrases, synthesised with espeak-ng (accents x variants, random rate and pitch) and "
                         f"flite (kal, awb, rms), augmented on the fly (noise, babble, reverberation, telephone "
                         f"band, gain, clipping, time shift)"),
        "heldOut": {"voices": corpus_meta.get("heldout_voices", []),
                    "words": corpus_meta.get("heldout_words", [])},
        "seeds": {"corpus": corpus_meta.get("seed"), "training": ck["seed"]},
        "training": {"steps": ck["step"], "batch": ck["batch"], "lr": ck["lr"],
                     "seconds": round(ck["train_seconds"]), "sets": ck.get("train_sets", ["train"]),
                     "flitePreference": ck.get("flite_p", 0.0), "misspeltNegatives": bool(ck.get("hard_neg", 0)),
                     "vocalTractPerturbation": ck.get("vtlp_p", 0.0),
                     "vocalTractPerturbationRange": list(ck.get("vtlp_range", VTLP_DEFAULT_RANGE))},
        "codeCommit": code,
        "metrics": summary(),
    }

    if ck.get("init") and os.path.exists(ck["init"]):
        first = torch.load(ck["init"], map_location="cpu")
        provenance["seeds"]["trainingPhase1"] = first["seed"]
        provenance["trainingPhase1"] = {"steps": first["step"], "batch": first["batch"], "lr": first["lr"],
                                        "seconds": round(first["train_seconds"]),
                                        "sets": first.get("train_sets", ["train"])}
        provenance["trainingData"] += (f"; phase 2 adds {corpus_meta.get('flite_extra', 2)} more flite clips per "
                                       f"training word (set train_flite)")
        if "train_ona" in ck.get("train_sets", []):
            provenance["trainingData"] += ("; and clips of each training word in festival's Catalan HTS voice ona "
                                           "(a woman), which speaks them through a mapping of espeak-ng's en-us IPA "
                                           "onto Catalan phones (set train_ona, training/synth.py ona_batch)")
    if warps != [1.0]:
        provenance["speechWarps"] = warps
        provenance["trainingData"] += (f"; the speech graph pools the tower's embeddings of the input resampled by "
                                       f"each factor of {warps} (multi-warp pooling"
                                       + (", which the speech tower was trained through)" if ck.get("warps") else ")"))
    if ck.get("text_phase3"):
        t3 = ck["text_phase3"]
        provenance["textPhase3"] = {"steps": t3["steps"], "batch": t3["batch"], "lr": t3["lr"],
                                    "seconds": round(t3["train_seconds"]), "seed": t3["seed"],
                                    "misspeltNegatives": t3["hard_neg"], "augmentedViews": t3["views"],
                                    "sets": t3["train_sets"]}
        if t3.get("near"):
            provenance["textPhase3"]["nearSpellingPairShare"] = t3["near"]
        provenance["trainingData"] += ("; phase 3 trains the text tower afresh against the frozen speech tower's "
                                       "embeddings of the training clips (training/train_ipa.py, TOWER=chars)")
        if t3.get("distill"):
            provenance["textPhase3"].update(phonemeTeacher=t3["distill"], lexiconWords=t3["distill_words"],
                                            lexiconBatch=t3["distill_batch"], lexiconWeight=t3["distill_weight"])
            provenance["trainingData"] += (f", and to read the spelling of {t3['distill_words']} words of Debian's "
                                           f"wamerican list outside the vocabulary (held-out words and their "
                                           f"inflections left out) into the phoneme tower's embeddings of their "
                                           f"espeak-ng IPA (training/lexicon.py, text only)")
    os.makedirs(os.path.join(models_dir, "builtin-speech"), exist_ok=True)
    os.makedirs(os.path.join(models_dir, "builtin-text"), exist_ok=True)
    sp_path = os.path.join(models_dir, "builtin-speech", "speech.onnx")
    tx_path = os.path.join(models_dir, "builtin-text", "text.onnx")

    wav = torch.randn(2, 12000) * 0.1
    wl = torch.tensor([12000, 9000], dtype=torch.long)
    torch.onnx.export(SpeechExport(speech).eval(), (wav, wl), sp_path + ".part", opset_version=OPSET,
                      input_names=["waveform", "lengths"], output_names=["embedding"],
                      dynamic_axes={"waveform": {0: "batch", 1: "samples"}, "lengths": {0: "batch"},
                                    "embedding": {0: "batch"}})
    os.replace(sp_path + ".part", sp_path)
    ids, il = M.text_batch(["hello", "hi"])
    export_characters(net.text, ids, il, tx_path)
    net.eval()
    for p in (sp_path, tx_path):
        onnx.checker.check_model(onnx.load(p))

    write_json(os.path.join(models_dir, "builtin-speech", "model.json"), {
        "format": 1, "name": "builtin-speech", "modality": "speech", "onnx": "speech.onnx",
        "input": {"kind": "waveform", "name": "waveform", "lengthsName": "lengths", "sampleRate": M.SR},
        "output": {"name": "embedding", "pooling": "none", "normalize": True, "dimension": dim},
        "sharedSpace": SHARED_SPACE, "threads": 2, "provenance": provenance})
    write_json(os.path.join(models_dir, "builtin-text", "model.json"), {
        "format": 1, "name": "builtin-text", "modality": "text", "onnx": "text.onnx",
        "input": {"kind": "characters", "name": "chars", "lengthsName": "lengths", "alphabet": M.ALPHABET,
                  "lowercase": True, "maxLength": M.MAX_CHARS},
        "output": {"name": "embedding", "pooling": "none", "normalize": True, "dimension": dim},
        "sharedSpace": SHARED_SPACE, "threads": 2, "provenance": provenance})

    # Golden values: embeddings computed by torch, one item at a time and as a padded batch.
    rng = np.random.default_rng(7)
    t = np.arange(8000) / M.SR
    waves = {
        "tone_440hz_0.5s": (0.3 * np.sin(2 * np.pi * 440 * t)),
        "noise_0.3s": rng.standard_normal(4800) * 0.05,
        "silence_0.2s": np.zeros(3200),
        "chirp_1.2s": 0.2 * np.sin(2 * np.pi * (200 + 800 * np.arange(19200) / 19200) * np.arange(19200) / M.SR),
        "short_100_samples": rng.standard_normal(100) * 0.1,
    }
    waves = {k: (np.round(v * 32767) / 32768.0).astype(np.float32) for k, v in waves.items()}
    texts = ["hello", "people", "Hello, World!", "", "12345", "caf\u00e9 \U0001F600", "x" * 100,
             "the day after tomorrow"]
    speech_single = {}
    with torch.no_grad():
        for k, v in waves.items():
            e = speech(torch.from_numpy(v)[None], torch.tensor([len(v)]))[0].numpy()
            speech_single[k] = e
        names = list(waves)
        n = max(len(waves[k]) for k in names)
        batch = torch.zeros(len(names), n)
        for i, k in enumerate(names):
            batch[i, :len(waves[k])] = torch.from_numpy(waves[k])
        eb = speech(batch, torch.tensor([len(waves[k]) for k in names])).numpy()
        te = {}
        for s in texts:
            ids, il = M.text_batch([s])
            te[s] = net.text(ids, il)[0].numpy()
    batch_diff = max(float(np.abs(eb[i] - speech_single[k]).max()) for i, k in enumerate(names))
    golden = {
        "generator": "training/export.py (torch " + torch.__version__ + ")",
        "checkpointStep": ck["step"],
        "codeCommit": code,
        "note": "waveforms are int16 sample values; the encoder input is value / 32768.0 at 16 kHz",
        "maxBatchVersusSingleDifference": batch_diff,
        "speech": [{"name": k, "samplesInt16": [int(round(x * 32768)) for x in waves[k]],
                    "embedding": [float(x) for x in speech_single[k]]} for k in names],
        "text": [{"text": s, "ids": M.encode_text(s), "embedding": [float(x) for x in te[s]]} for s in texts],
    }
    os.makedirs(os.path.dirname(golden_path), exist_ok=True)
    write_json(golden_path, golden)
    sizes = {p: os.path.getsize(p) for p in (sp_path, tx_path)}
    print(f"export.py: {sizes}, batch-vs-single max diff {batch_diff:.2e}, golden -> {golden_path}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
