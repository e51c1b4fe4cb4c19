package org.crossmodal.workbench.audio;

import java.util.Objects;

/**
 * Decoded audio: interleaved float samples in [-1, 1].
 *
 * @param samples    interleaved samples, {@code frames() * channels} values
 * @param sampleRate frames per second
 * @param channels   channel count (1 = mono)
 * @param source     where it came from (a file path or "microphone"), for messages and provenance
 */
public record Audio(float[] samples, int sampleRate, int channels, String source) {
    public Audio {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) throw new IllegalArgumentException("Sample rate must be positive, got " + sampleRate);
        if (channels <= 0) throw new IllegalArgumentException("Channel count must be positive, got " + channels);
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples do not split into " + channels + " channels");
        }
        source = source == null ? "audio" : source;
    }

    /** Frames (samples per channel). */
    public int frames() {
        return samples.length / channels;
    }

    public double durationSeconds() {
        return frames() / (double) sampleRate;
    }

    /** The mean of the channels; this object itself when already mono. */
    public Audio toMono() {
        if (channels == 1) return this;
        int n = frames();
        float[] m = new float[n];
        float inv = 1f / channels;
        for (int i = 0, k = 0; i < n; i++) {
            float s = 0;
            for (int c = 0; c < channels; c++) s += samples[k++];
            m[i] = s * inv;
        }
        return new Audio(m, sampleRate, 1, source);
    }

    /** Mono, resampled to {@code rate} with the default band-limited {@link Resampler}. */
    public Audio toMono(int rate) {
        Audio m = toMono();
        if (m.sampleRate == rate) return m;
        return new Audio(Resampler.DEFAULT.resample(m.samples, m.sampleRate, rate), rate, 1, source);
    }
}
