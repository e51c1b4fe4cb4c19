package org.crossmodal.workbench.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.crossmodal.workbench.core.WorkbenchException;

/**
 * How uncompressed samples are laid out in a file, and the conversion of such bytes to floats in [-1, 1].
 *
 * @param channels     interleaved channels
 * @param bytesPerSample container bytes of one sample (1, 2, 3, 4 or 8)
 * @param floating     IEEE float samples (4 or 8 bytes)
 * @param bigEndian    byte order
 * @param unsigned8    8-bit samples are unsigned with offset 128 (WAV) rather than signed (AIFF)
 * @param g711         'u' for mu-law or 'a' for A-law 8-bit samples (ITU-T G.711), 0 for linear PCM
 */
record PcmLayout(int channels, int bytesPerSample, boolean floating, boolean bigEndian, boolean unsigned8, char g711) {

    PcmLayout(int channels, int bytesPerSample, boolean floating, boolean bigEndian, boolean unsigned8) {
        this(channels, bytesPerSample, floating, bigEndian, unsigned8, (char) 0);
    }

    /** G.711 mu-law byte to a linear value in [-32124, 32124]. */
    static int ulaw(int b) {
        int u = ~b & 0xFF;
        int exponent = (u >> 4) & 7, mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** G.711 A-law byte to a linear value in [-32256, 32256]. */
    static int alaw(int b) {
        int a = (b ^ 0x55) & 0xFF;
        int exponent = (a >> 4) & 7, mantissa = a & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    int frameBytes() {
        return channels * bytesPerSample;
    }

    /**
     * Reads {@code frames} frames starting at {@code offset} and converts them; mixes to mono when asked.
     * The caller has checked that the bytes are there.
     */
    float[] read(FileChannel ch, long offset, long frames, boolean mono, Path file) throws IOException {
        int outCh = mono ? 1 : channels;
        long total = frames * outCh;
        if (total > Integer.MAX_VALUE - 16) {
            throw new WorkbenchException("Audio file " + file + " has too many samples (" + total
                    + ") to hold in memory. Cut it into shorter clips.");
        }
        float[] out = AudioLoader.allocate(total, file);
        int fb = frameBytes();
        int framesPerBlock = Math.max(1, (1 << 20) / fb);
        ByteBuffer buf = ByteBuffer.allocate(framesPerBlock * fb);
        long pos = offset;
        long done = 0;
        int o = 0;
        float invCh = 1f / channels;
        while (done < frames) {
            int want = (int) Math.min(framesPerBlock, frames - done);
            buf.clear().limit(want * fb);
            while (buf.hasRemaining()) {
                int r = ch.read(buf, pos + buf.position());
                if (r < 0) {
                    throw new WorkbenchException("Audio file " + file + " ended early while reading samples."
                            + " The file is truncated; export it again.");
                }
            }
            pos += (long) want * fb;
            byte[] b = buf.array();
            int p = 0;
            for (int f = 0; f < want; f++) {
                if (mono) {
                    float s = 0;
                    for (int c = 0; c < channels; c++) {
                        s += sample(b, p);
                        p += bytesPerSample;
                    }
                    out[o++] = s * invCh;
                } else {
                    for (int c = 0; c < channels; c++) {
                        out[o++] = sample(b, p);
                        p += bytesPerSample;
                    }
                }
            }
            done += want;
        }
        return out;
    }

    float sample(byte[] b, int p) {
        switch (bytesPerSample) {
            case 1 -> {
                if (g711 == 'u') return ulaw(b[p] & 0xFF) / 32768f;
                if (g711 == 'a') return alaw(b[p] & 0xFF) / 32768f;
                return unsigned8 ? ((b[p] & 0xFF) - 128) / 128f : b[p] / 128f;
            }
            case 2 -> {
                int v = bigEndian ? (b[p] << 8) | (b[p + 1] & 0xFF) : (b[p + 1] << 8) | (b[p] & 0xFF);
                return v / 32768f;
            }
            case 3 -> {
                int v = bigEndian
                        ? (b[p] << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF)
                        : (b[p + 2] << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p] & 0xFF);
                return v / 8388608f;
            }
            case 4 -> {
                int v = bigEndian
                        ? (b[p] << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF)
                        : (b[p + 3] << 24) | ((b[p + 2] & 0xFF) << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p] & 0xFF);
                return floating ? Float.intBitsToFloat(v) : (float) (v / 2147483648.0);
            }
            case 8 -> {
                long v = 0;
                for (int i = 0; i < 8; i++) {
                    int idx = bigEndian ? p + i : p + 7 - i;
                    v = (v << 8) | (b[idx] & 0xFF);
                }
                return (float) Double.longBitsToDouble(v);
            }
            default -> throw new IllegalStateException("bytesPerSample " + bytesPerSample);
        }
    }
}
