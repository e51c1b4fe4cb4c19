"""The built-in speech and text towers (torch 1.13, exportable to ONNX opset 13).

Speech tower: raw 16 kHz waveform [B, T] in [-1, 1] plus valid sample counts [B] ->
log-mel (a conv1d with fixed Hann-windowed DFT weights, power, mel matrix, log) ->
per-utterance mean removal over the valid frames -> 1-D conv net with masked residual
blocks -> masked mean and max pooling -> linear -> L2-normalised embedding.

Text tower: character ids [B, L] (0 pad, 1 unknown, alphabet[i] -> i + 2) plus lengths [B]
-> embedding -> masked 1-D conv net -> masked mean and max pooling -> linear -> L2 norm.

Everything after the inputs is computed only from valid frames/characters: padding a
batch never changes an item's embedding (up to float rounding).
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SR = 16000
N_FFT = 400
HOP = 160
N_MELS = 64
FMIN = 20.0
FMAX = 8000.0
LOG_OFFSET = 1e-6
ALPHABET = "abcdefghijklmnopqrstuvwxyz' -"
MAX_CHARS = 64


def mel_matrix(n_mels=N_MELS, n_fft=N_FFT, sr=SR, fmin=FMIN, fmax=FMAX):
    """Triangular HTK-scale mel filters, shape [n_mels, n_fft // 2 + 1]."""
    def hz2mel(f):
        return 2595.0 * np.log10(1.0 + f / 700.0)

    def mel2hz(m):
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)

    n_bins = n_fft // 2 + 1
    freqs = np.arange(n_bins) * sr / n_fft
    pts = mel2hz(np.linspace(hz2mel(fmin), hz2mel(fmax), n_mels + 2))
    m = np.zeros((n_mels, n_bins), dtype=np.float64)
    for i in range(n_mels):
        lo, c, hi = pts[i], pts[i + 1], pts[i + 2]
        up = (freqs - lo) / (c - lo)
        down = (hi - freqs) / (hi - c)
        m[i] = np.maximum(0.0, np.minimum(up, down))
    return m.astype(np.float32)


def dft_kernels(n_fft=N_FFT):
    """Real and imaginary DFT rows times a periodic Hann window, shape [2 * bins, 1, n_fft]."""
    n = np.arange(n_fft)
    win = 0.5 - 0.5 * np.cos(2 * np.pi * n / n_fft)
    k = np.arange(n_fft // 2 + 1)[:, None]
    ang = 2 * np.pi * k * n[None, :] / n_fft
    w = np.concatenate([np.cos(ang) * win, -np.sin(ang) * win], axis=0)
    return w[:, None, :].astype(np.float32)


def frame_mask(valid, n):
    """Boolean [B, n]: position < valid."""
    pos = torch.arange(n, device=valid.device).unsqueeze(0)
    return pos < valid.unsqueeze(1)


class LogMel(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("dft", torch.from_numpy(dft_kernels()))
        self.register_buffer("mel", torch.from_numpy(mel_matrix()))

    def forward(self, wav, lengths):
        # Pad N_FFT zeros on the right so that any input, even shorter than a frame, has a frame.
        x = F.pad(wav.unsqueeze(1), (0, N_FFT))
        spec = F.conv1d(x, self.dft, stride=HOP)  # [B, 2*bins, F]
        bins = N_FFT // 2 + 1
        power = spec[:, :bins] ** 2 + spec[:, bins:] ** 2
        mel = torch.matmul(self.mel, power)  # [B, n_mels, F]
        logmel = torch.log(mel + LOG_OFFSET)
        valid = torch.clamp((lengths - N_FFT) // HOP + 1, min=1)
        valid = torch.minimum(valid, torch.full_like(valid, logmel.shape[2]))
        return logmel, valid


def masked_pool(x, mask):
    """x [B, C, N], mask [B, N] bool -> concat(mean, max) [B, 2C] over valid positions."""
    m = mask.unsqueeze(1).to(x.dtype)
    count = torch.clamp(m.sum(dim=2), min=1.0)
    mean = (x * m).sum(dim=2) / count
    mx = (x * m + (m - 1.0) * 1e4).max(dim=2).values
    return torch.cat([mean, mx], dim=1)


class ConvBlock(nn.Module):
    def __init__(self, cin, cout, k=5, stride=1, residual=True):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, k, stride=stride, padding=k // 2)
        self.bn = nn.BatchNorm1d(cout)
        self.residual = residual and cin == cout and stride == 1
        self.stride = stride

    def forward(self, x, valid):
        y = F.relu(self.bn(self.conv(x)))
        if self.stride > 1:
            valid = (valid + self.stride - 1) // self.stride
        if self.residual:
            y = y + x
        mask = frame_mask(valid, y.shape[2])
        return y * mask.unsqueeze(1).to(y.dtype), valid, mask


class SpeechTower(nn.Module):
    def __init__(self, channels=256, dim=256, n_blocks=6):
        super().__init__()
        self.front = LogMel()
        self.in_norm = nn.BatchNorm1d(N_MELS)
        self.stem = ConvBlock(N_MELS, channels, residual=False)
        strides = [1, 2, 1, 2, 1, 1, 1, 1][:n_blocks]
        self.blocks = nn.ModuleList([ConvBlock(channels, channels, stride=s) for s in strides])
        self.proj = nn.Linear(2 * channels, dim)

    def features(self, wav, lengths):
        return self.front(wav, lengths)

    def forward(self, wav, lengths):
        logmel, valid = self.front(wav, lengths)
        mask = frame_mask(valid, logmel.shape[2]).unsqueeze(1).to(logmel.dtype)
        count = torch.clamp(mask.sum(dim=2, keepdim=True), min=1.0)
        mean = (logmel * mask).sum(dim=2, keepdim=True) / count
        x = (self.in_norm(logmel - mean)) * mask
        x, valid, m = self.stem(x, valid)
        for b in self.blocks:
            x, valid, m = b(x, valid)
        e = self.proj(masked_pool(x, m))
        return F.normalize(e, dim=1)


def warp_batch(wav, lengths, num, den):
    """Each row resampled by the factor a = num / den (a < 1 lowers every frequency by a and stretches the
    duration by 1 / a): linear interpolation inside the row's valid samples, output sample i read at input
    position (i + 0.5) * a - 0.5, as F.interpolate(scale_factor=1 / a, align_corners=False) does on the row
    alone, so a row's result does not depend on the padding around it. Returns ([B, T * den // num], lengths)."""
    a = num / den
    n_out = torch.div(torch._shape_as_tensor(wav)[1] * den, num, rounding_mode="floor")
    pos = torch.clamp((torch.arange(n_out, dtype=torch.float32) + 0.5) * a - 0.5, min=0.0)
    i0 = torch.floor(pos)
    w = (pos - i0).unsqueeze(0)
    last = torch.clamp(lengths - 1, min=0).unsqueeze(1)
    i0 = torch.minimum(i0.long().unsqueeze(0), last)
    i1 = torch.minimum(i0 + 1, last)
    out = torch.gather(wav, 1, i0) * (1.0 - w) + torch.gather(wav, 1, i1) * w
    new_len = torch.clamp(torch.div(lengths * den, num, rounding_mode="floor"), min=1)
    return out * frame_mask(new_len, out.shape[1]).to(out.dtype), new_len


class WarpPooledSpeech(nn.Module):
    """Multi-warp pooling: the normalised mean of a speech tower's embeddings of the input resampled by each
    factor (num, den) in warps; (1, 1) is the input as it is."""

    def __init__(self, tower, warps):
        super().__init__()
        self.tower = tower
        self.warps = [tuple(w) for w in warps]

    def forward(self, wav, lengths):
        acc = None
        for num, den in self.warps:
            x, n = (wav, lengths) if num == den else warp_batch(wav, lengths, num, den)
            e = self.tower(x, n)
            acc = e if acc is None else acc + e
        return F.normalize(acc, dim=1)


def warp_fraction(a):
    """A resampling factor as the small fraction (num, den) the graph uses."""
    from fractions import Fraction
    f = Fraction(a).limit_denominator(20)
    return f.numerator, f.denominator


def parse_warps(text):
    """Resampling factors written as in TRAIN_WARPS and WARPS, e.g. "1,0.8"."""
    return [float(a) for a in text.split(",")]


def pooled_speech(tower, warps):
    """What embeds a waveform: the tower itself for warps [1.0], else its multi-warp pooling over warps."""
    warps = [float(a) for a in warps]
    return tower if warps == [1.0] else WarpPooledSpeech(tower, [warp_fraction(a) for a in warps])


class TextTower(nn.Module):
    def __init__(self, channels=256, dim=256, n_blocks=4, emb=64, n_symbols=len(ALPHABET)):
        super().__init__()
        self.embed = nn.Embedding(n_symbols + 2, emb, padding_idx=0)
        self.stem = ConvBlock(emb, channels, k=3, residual=False)
        self.blocks = nn.ModuleList([ConvBlock(channels, channels, k=3) for _ in range(n_blocks)])
        self.proj = nn.Linear(2 * channels, dim)

    def forward(self, ids, lengths):
        valid = torch.clamp(lengths, min=1)
        valid = torch.minimum(valid, torch.full_like(valid, ids.shape[1]))
        mask = frame_mask(valid, ids.shape[1])
        x = self.embed(ids).transpose(1, 2) * mask.unsqueeze(1).to(torch.float32)
        x, valid, m = self.stem(x, valid)
        for b in self.blocks:
            x, valid, m = b(x, valid)
        e = self.proj(masked_pool(x, m))
        return F.normalize(e, dim=1)


def encode_text(text, lowercase=True, max_len=MAX_CHARS, alphabet=ALPHABET):
    """The documented input rule: lowercase, alphabet[i] -> i + 2, anything else -> 1, cut at max_len."""
    if lowercase:
        text = text.lower()
    ids = [alphabet.index(c) + 2 if c in alphabet else 1 for c in text][:max_len]
    return ids


def text_batch(texts, alphabet=ALPHABET, lowercase=True):
    return pad_ids([encode_text(t, lowercase, MAX_CHARS, alphabet) for t in texts])


def pad_ids(ids):
    """Id lists as a zero-padded [batch, longest] tensor (at least one column) and their lengths."""
    n = max(1, max(len(i) for i in ids))
    out = torch.zeros(len(ids), n, dtype=torch.long)
    for r, i in enumerate(ids):
        out[r, :len(i)] = torch.tensor(i, dtype=torch.long)
    return out, torch.tensor([len(i) for i in ids], dtype=torch.long)


class Clip(nn.Module):
    def __init__(self, channels=256, dim=256, text_channels=256):
        super().__init__()
        self.speech = SpeechTower(channels, dim)
        self.text = TextTower(text_channels, dim)
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))
