#!/usr/bin/env python3
"""Speech synthesis for the training corpus and the demo corpus.

Three engines, all Debian packages: espeak-ng (formant synthesis, many accents and
voice variants), flite (CMU diphone/clustergen voices kal, awb, rms, slt) and festival
(kal_diphone, ked_diphone and the cmu_us_slt_arctic_hts voice).  Every clip is returned as int16
mono at 16 kHz with leading and trailing silence trimmed to a 40 ms margin.

A fourth voice, `hts:ona`, is festival's Catalan HTS voice (a woman) speaking English through a mapping of
espeak-ng's en-us IPA onto Catalan phones (`ona_batch`).

A voice is written as `engine:name`, for example `espeak:en-gb-x-rp+f2`, `flite:awb`,
`festival:kal_diphone`.  Rate and pitch are given per clip: espeak takes words per
minute and pitch 0-99, flite and festival take a duration stretch and (flite) a mean F0.
"""
import io
import os
import subprocess
import tempfile
import wave

import numpy as np
from scipy.signal import firwin, resample_poly

SR = 16000

# Voices the model is trained on.
TRAIN_ESPEAK_ACCENTS = ["en-us", "en", "en-gb-x-rp", "en-gb-scotland", "en-029",
                        "en-gb-x-gbclan", "en-us-nyc"]
TRAIN_ESPEAK_VARIANTS = ["", "m1", "m2", "m3", "m4", "m5", "m6", "f1", "f2", "f3", "f5",
                         "klatt", "klatt2", "klatt3", "Andy", "Annie", "Alicia", "belinda",
                         "david", "edward", "linda", "max", "paul", "steph", "whisper"]
TRAIN_FLITE = ["kal", "awb", "rms"]
# Other human-derived training voices for the extra set (train_flite): festival's ked diphone voice
# (Debian package festvox-kdlpc16k), a speaker heard nowhere else.
TRAIN_EXTRA_FESTIVAL = ["ked_diphone"]

# Voices never heard in training: a whole accent (West Midlands), three variants,
# a whole speaker (slt, in flite) and a whole engine (festival).
HELDOUT_VOICES = ["espeak:en-gb-x-gbcwmd+f4", "espeak:en-us+m7", "espeak:en-gb-scotland+klatt4",
                  "flite:slt", "festival:kal_diphone"]


def _read_wav_bytes(data):
    with wave.open(io.BytesIO(data)) as w:
        sr = w.getframerate()
        n = w.getnframes()
        x = np.frombuffer(w.readframes(n), dtype="<i2").astype(np.float32)
        if w.getnchannels() > 1:
            x = x.reshape(-1, w.getnchannels()).mean(axis=1)
    return x, sr


_FIR = {}


def _to16k(x, sr):
    """Polyphase resampling to 16 kHz with scipy's default Kaiser (beta 5) low-pass, designed once."""
    if sr == SR:
        return x
    g = int(np.gcd(SR, sr))
    up, down = SR // g, sr // g
    if (up, down) not in _FIR:
        m = max(up, down)
        _FIR[(up, down)] = firwin(2 * 10 * m + 1, 1.0 / m, window=("kaiser", 5.0))
    return resample_poly(x, up, down, window=_FIR[(up, down)])


def trim(x, margin=0.04, rel_db=-40.0):
    """Cut leading and trailing silence (frames 40 dB below the loudest) keeping a margin."""
    if len(x) == 0:
        return x
    hop = 160
    n = len(x) // hop
    if n < 2:
        return x
    e = (x[: n * hop].reshape(n, hop) ** 2).mean(axis=1) + 1e-9
    db = 10 * np.log10(e / e.max())
    idx = np.nonzero(db > rel_db)[0]
    if len(idx) == 0:
        return x
    m = int(margin * SR)
    a = max(0, idx[0] * hop - m)
    b = min(len(x), (idx[-1] + 1) * hop + m)
    return x[a:b]


def finish(x, sr, rel_db=-40.0):
    y = trim(_to16k(x, sr), rel_db=rel_db)
    return np.clip(np.round(y), -32768, 32767).astype(np.int16)


class _EspeakLib:
    """libespeak-ng in this process (ctypes), synchronous output collected by a callback.
    Same synthesiser as the espeak-ng command, without a process start per clip."""

    def __init__(self):
        import ctypes
        self.ct = ctypes
        self.lib = ctypes.CDLL("libespeak-ng.so.1")
        self.sr = self.lib.espeak_Initialize(2, 0, None, 0)  # AUDIO_OUTPUT_SYNCHRONOUS
        if self.sr <= 0:
            raise RuntimeError("espeak_Initialize failed")
        self.chunks = []
        proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)

        def cb(wav, n, events):
            if n > 0 and wav:
                self.chunks.append(np.ctypeslib.as_array(wav, shape=(n,)).copy())
            return 0

        self.cb = proto(cb)
        self.lib.espeak_SetSynthCallback(self.cb)
        self.lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
                                          ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        self.voice = None

    def synth(self, voice, text, rate, pitch):
        if voice != self.voice:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise RuntimeError(f"espeak-ng has no voice '{voice}'")
            self.voice = voice
        self.lib.espeak_SetParameter(1, int(rate), 0)  # espeakRATE
        self.lib.espeak_SetParameter(3, int(pitch), 0)  # espeakPITCH
        self.chunks = []
        data = text.encode("utf-8") + b"\0"
        # position 0, POS_CHARACTER, end 0, espeakCHARS_UTF8 | espeakENDPAUSE (as the command does)
        if self.lib.espeak_Synth(data, len(data), 0, 1, 0, 1 | 0x1000, None, None) != 0:
            raise RuntimeError(f"espeak_Synth failed for '{text}'")
        self.lib.espeak_Synchronize()
        x = np.concatenate(self.chunks).astype(np.float32) if self.chunks else np.zeros(0, np.float32)
        return x, self.sr


_ESPEAK = None


def espeak(voice, text, rate=160, pitch=50):
    global _ESPEAK
    if _ESPEAK is None:
        _ESPEAK = _EspeakLib()
    return finish(*_ESPEAK.synth(voice, text, rate, pitch))


def espeak_cli(voice, text, rate=160, pitch=50):
    out = subprocess.run(["espeak-ng", "-v", voice, "-s", str(int(rate)), "-p", str(int(pitch)),
                          "--stdout", text], capture_output=True, check=True).stdout
    return finish(*_read_wav_bytes(out))


def flite(voice, text, stretch=1.0, f0=None):
    cmd = ["flite", "-voice", voice, "--setf", f"duration_stretch={stretch:.3f}"]
    if f0 is not None:
        cmd += ["--setf", f"int_f0_target_mean={f0:.1f}"]
    with tempfile.NamedTemporaryFile(suffix=".wav", dir=_tmpdir()) as t:
        subprocess.run(cmd + ["-t", text, "-o", t.name], capture_output=True, check=True)
        with open(t.name, "rb") as f:
            data = f.read()
    return finish(*_read_wav_bytes(data))


def _tmpdir():
    return "/dev/shm" if os.path.isdir("/dev/shm") else None


def _scheme_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _festival(prelude, utterances, rel_db=-40.0):
    """One festival process: the Scheme lines of prelude, then for each (setting, text) of utterances the setting
    line and the synthesis of text. Returns the clips as int16 arrays at 16 kHz, trimmed at rel_db."""
    with tempfile.TemporaryDirectory(dir=_tmpdir()) as d:
        lines = list(prelude)
        for i, (setting, t) in enumerate(utterances):
            lines.append(setting)
            lines.append(f"(utt.save.wave (SynthText {_scheme_string(t)}) "
                         f"{_scheme_string(os.path.join(d, f'{i}.wav'))} 'riff)")
        script = os.path.join(d, "run.scm")
        with open(script, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        subprocess.run(["festival", "-b", script], capture_output=True, check=True)
        res = []
        for i in range(len(utterances)):
            with open(os.path.join(d, f"{i}.wav"), "rb") as f:
                res.append(finish(*_read_wav_bytes(f.read()), rel_db=rel_db))
    return res


def festival_batch(voice, texts, stretch=None):
    """Synthesise many texts with one festival process; returns a list of int16 arrays."""
    stretch = stretch or [1.0] * len(texts)
    return _festival([f"(voice_{voice})"],
                     [(f"(Parameter.set 'Duration_Stretch {s:.3f})", t) for t, s in zip(texts, stretch)])


# --- English IPA (espeak-ng en-us) spoken by a Catalan voice ---------------------------------------------------------
# The one adult woman's voice made from recordings that Debian has besides flite's slt (held out) is festival's
# Catalan HTS voice `upc_ca_ona_hts` (package festvox-ca-ona-hts). It speaks English words through a lexicon entry
# per word: the word's en-us IPA mapped phone by phone to the nearest Catalan phones, syllabified, with the IPA's
# primary stress. The result is a Catalan-accented English (no h, th said t/d, v said b), but the vocal tract,
# the pitch and the vocoder are a woman's.
ONA_VOICE = "upc_ca_ona_hts"
_IPA_UNITS = ["aɪ", "aʊ", "eɪ", "oʊ", "ɔɪ", "tʃ", "dʒ", "ɪə", "eə", "ʊə", "iː", "uː", "ɑː", "ɔː", "ɜː"]
_CONS = {"p": ["p"], "b": ["b"], "t": ["t"], "d": ["d"], "k": ["k"], "ɡ": ["g"], "g": ["g"], "f": ["f"],
         "v": ["b"], "θ": ["t"], "ð": ["d"], "s": ["s"], "z": ["z"], "ʃ": ["S"], "ʒ": ["Z"], "tʃ": ["t", "S"],
         "dʒ": ["d", "Z"], "h": [], "m": ["m"], "n": ["n"], "ŋ": ["n"], "l": ["l"], "ɹ": ["r"], "ɾ": ["r"],
         "r": ["r"], "w": ["w"], "j": ["j"], "ʔ": ["t"], "x": ["k"]}
# vowel -> (nucleus vowel, glide after it or None); the nucleus gets its stressed form ("a" -> "a1") when stressed
_VOW = {"i": ("i", None), "iː": ("i", None), "ɪ": ("i", None), "ᵻ": ("i", None), "e": ("e", None),
        "eɪ": ("e", "j"), "ɛ": ("E", None), "æ": ("E", None), "a": ("a", None), "ɑ": ("a", None), "ɑː": ("a", None),
        "aɪ": ("a", "j"), "aʊ": ("a", "w"), "ɔ": ("O", None), "ɔː": ("O", None), "ɒ": ("O", None),
        "ɔɪ": ("O", "j"), "o": ("o", None), "oʊ": ("o", "w"), "ʊ": ("u", None), "u": ("u", None), "uː": ("u", None),
        "ʌ": ("a", None), "ə": ("ax", None), "ɐ": ("ax", None), "ɜ": ("E", "r"), "ɜː": ("E", "r"),
        "ɚ": ("ax", "r"), "ɪə": ("i", None), "eə": ("E", None), "ʊə": ("u", None)}


def ipa_syllables(ipa):
    """One word's en-us IPA -> [(phones, stress)], Catalan phones of upc_ca_ona_hts, syllables split before the
    last consonant between two vowels (all of a word's initial and final consonants stay with its first and last
    syllable). Returns [] when the word has no vowel."""
    units, i, stress_next = [], 0, False
    while i < len(ipa):
        ch = ipa[i]
        if ch == "ˈ":
            stress_next, i = True, i + 1
            continue
        if ch in "ˌ̩-":
            i += 1
            continue
        two = ipa[i:i + 2]
        u = two if two in _IPA_UNITS else ch
        i += len(u)
        if u in _VOW:
            v, g = _VOW[u]
            units.append(("V", v, g, stress_next))
            stress_next = False
        elif u in _CONS:
            units.extend(("C", p, None, False) for p in _CONS[u])
    nuclei = [k for k, u in enumerate(units) if u[0] == "V"]
    if not nuclei:
        return []
    bounds = [0]
    for a, b in zip(nuclei, nuclei[1:]):
        bounds.append(b if b - a == 1 else b - 1)  # the consonant before a vowel begins its syllable
    bounds.append(len(units))
    sylls = []
    for a, b in zip(bounds, bounds[1:]):
        phones, st = [], 0
        for kind, p, g, stressed in units[a:b]:
            if kind == "V":
                st = 1 if stressed else 0
                phones.append(p + "1" if stressed and p != "ax" else ("E1" if stressed else p))
                if g:
                    phones.append(g)
            else:
                phones.append(p)
        sylls.append((phones, st))
    return sylls


_TOKEN_SYLLABLES = [c + v for c in "bdfklmnprst" for v in "aeiou"]


def _token(i):
    """A made-up word for lexicon entry i, spelt as consonant-vowel syllables so that festival's Catalan text
    analysis reads it as a word (a token without a vowel, such as "zqb", is spelt out letter by letter)."""
    out = "zu"
    i += 1
    while i:
        i, r = divmod(i - 1, len(_TOKEN_SYLLABLES))
        out += _TOKEN_SYLLABLES[r]
    return out


def _scheme_entry(token, sylls):
    return "(lex.add.entry '(\"%s\" nil (%s)))" % (
        token, " ".join("((%s) %d)" % (" ".join(p), st) for p, st in sylls))


def ona_batch(ipas, stretch=None):
    """Synthesise each en-us IPA text (words separated by spaces) with festival's Catalan HTS voice through
    the phone mapping above, in one festival process; stretch is a duration factor per text as for
    festival_batch (> 1 is slower). Returns int16 arrays at 16 kHz."""
    stretch = stretch or [1.0] * len(ipas)
    entries, texts = {}, []
    for ipa in ipas:
        toks = []
        for w in ipa.split():
            sylls = ipa_syllables(w)
            if not sylls:
                continue
            key = tuple((tuple(p), st) for p, st in sylls)
            if key not in entries:
                entries[key] = _token(len(entries))
            toks.append(entries[key])
        texts.append(" ".join(toks) if toks else "a")
    prelude = [f"(voice_{ONA_VOICE})", "(set! ona_params hts_engine_params)"]
    prelude += [_scheme_entry(tok, [(list(p), st) for p, st in key]) for key, tok in entries.items()]
    # festival's HTS voices ignore Duration_Stretch; the engine's speed (-r) sets the rate. The voice's leading and
    # trailing pauses hold a breathy noise about 35 dB under the speech, which the usual 40 dB rule would keep.
    return _festival(prelude, [(f"(set! hts_engine_params (append ona_params (list (list \"-r\" {1.0 / s:.3f}))))", t)
                               for t, s in zip(texts, stretch)], rel_db=-30.0)


def ipa_en_us(text):
    """espeak-ng's en-us IPA of a text, words separated by spaces (ipa.py's transcriptions): espeak-ng breaks long
    input into lines, which are joined into one transcription."""
    out = subprocess.run(["espeak-ng", "-v", "en-us", "-q", "--ipa", text], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


# flite's male voices whose mean F0 follows int_f0_target_mean (rms keeps its own), so they can also speak in a
# raised, female register
FLITE_RAISABLE = ["kal", "awb"]


def synth_one(voice, text, rate_factor=1.0, pitch=None):
    """One clip. rate_factor > 1 is faster speech; pitch in 0..1 (None = voice default).

    For flite's male voices (kal, awb, rms) pitch 0..1 spans their own register, F0 90-150 Hz, and 1..2 a
    raised, female one, F0 150-230 Hz (only FLITE_RAISABLE voices follow it)."""
    engine, name = voice.split(":", 1)
    if engine == "espeak":
        return espeak(name, text, rate=160 * rate_factor, pitch=50 if pitch is None else 20 + 60 * pitch)
    if engine == "flite":
        if pitch is None:
            f0 = None
        elif name in ("kal", "awb", "rms"):
            f0 = 90 + 60 * pitch if pitch <= 1 else 150 + 80 * (pitch - 1)
        else:
            f0 = 150 + 80 * pitch
        return flite(name, text, stretch=1.0 / rate_factor, f0=f0)
    if engine == "festival":
        return festival_batch(name, [text], [1.0 / rate_factor])[0]
    if engine == "hts" and name == "ona":
        return ona_batch([ipa_en_us(text)], [1.0 / rate_factor])[0]
    raise ValueError(f"unknown engine in voice '{voice}'")


def synth_many(jobs):
    """jobs: list of (voice, text, rate_factor, pitch). Festival jobs are batched per voice."""
    out = [None] * len(jobs)
    fest = {}
    ona = []
    for i, (voice, text, rf, p) in enumerate(jobs):
        if voice.startswith("festival:"):
            fest.setdefault(voice.split(":", 1)[1], []).append(i)
        elif voice == "hts:ona":
            ona.append(i)
        else:
            out[i] = synth_one(voice, text, rf, p)
    for name, idx in fest.items():
        clips = festival_batch(name, [jobs[i][1] for i in idx], [1.0 / jobs[i][2] for i in idx])
        for i, c in zip(idx, clips):
            out[i] = c
    if ona:
        clips = ona_batch([ipa_en_us(jobs[i][1]) for i in ona], [1.0 / jobs[i][2] for i in ona])
        for i, c in zip(ona, clips):
            out[i] = c
    return out
