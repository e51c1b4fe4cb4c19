package org.crossmodal.workbench.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Audio held in memory as the bytes of a WAV file, and back, without loss: 16-bit PCM when every sample is
 * exactly a 16-bit value (what a microphone gives: {@code k / 32768}), else 32-bit IEEE float, so that the
 * samples read back are the ones written, bit for bit. Used to keep recordings inside session files; any WAV
 * reader (and {@link AudioLoader}) reads the result.
 */
public final class WavCodec {
    /** The two encodings written. */
    public static final String PCM16 = "pcm16", FLOAT32 = "float32";

    private static final int PCM = 1, FLOAT = 3;

    private WavCodec() { }

    /** The encoding {@link #encode} chooses for these samples. */
    public static String encodingFor(float[] samples) {
        for (float f : samples) {
            float v = f * 32768f;
            if (!(v >= -32768f && v <= 32767f) || v != Math.rint(v)) return FLOAT32;
            // -0 (and any value that does not come back identical) needs floats
            if (Float.floatToRawIntBits((short) v / 32768f) != Float.floatToRawIntBits(f)) return FLOAT32;
        }
        return PCM16;
    }

    /** A RIFF/WAVE file holding {@code audio} (interleaved channels) in the encoding of {@link #encodingFor}. */
    public static byte[] encode(Audio audio) {
        float[] s = audio.samples();
        boolean pcm = encodingFor(s).equals(PCM16);
        int bytesPerSample = pcm ? 2 : 4;
        long dataLen = (long) s.length * bytesPerSample;
        int fmtLen = pcm ? 16 : 18;
        int factLen = pcm ? 0 : 12;
        long total = 12 + 8 + fmtLen + factLen + 8 + dataLen;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Audio of " + s.length + " samples is too long for one WAV entry.");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (total - 8)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(fmtLen);
        b.putShort((short) (pcm ? PCM : FLOAT)).putShort((short) audio.channels()).putInt(audio.sampleRate())
                .putInt(audio.sampleRate() * audio.channels() * bytesPerSample)
                .putShort((short) (audio.channels() * bytesPerSample)).putShort((short) (bytesPerSample * 8));
        if (!pcm) {
            b.putShort((short) 0); // cbSize
            b.put(ascii("fact")).putInt(4).putInt(audio.frames());
        }
        b.put(ascii("data")).putInt((int) dataLen);
        if (pcm) {
            for (float f : s) b.putShort((short) (f * 32768f));
        } else {
            for (float f : s) b.putInt(Float.floatToRawIntBits(f));
        }
        return b.array();
    }

    /**
     * Reads a WAV file written by {@link #encode} (16-bit PCM or 32-bit float, any channel count).
     *
     * @param source recorded in the result's {@link Audio#source()}
     * @throws IllegalArgumentException saying what is wrong with the bytes
     */
    public static Audio decode(byte[] bytes, String source) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !WavReader.fourcc(b, 0).equals("RIFF") || !WavReader.fourcc(b, 8).equals("WAVE")) {
            throw new IllegalArgumentException("it is not a RIFF/WAVE file");
        }
        int format = -1, channels = 0, rate = 0, bits = 0;
        long pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = WavReader.fourcc(b, (int) pos);
            long len = b.getInt((int) pos + 4) & 0xFFFFFFFFL;
            long body = pos + 8;
            if (id.equals("fmt ")) {
                if (len < 16 || body + 16 > bytes.length) throw new IllegalArgumentException("its 'fmt ' chunk is cut off");
                format = b.getShort((int) body) & 0xFFFF;
                channels = b.getShort((int) body + 2) & 0xFFFF;
                rate = b.getInt((int) body + 4);
                bits = b.getShort((int) body + 14) & 0xFFFF;
            } else if (id.equals("data")) {
                if (format < 0) throw new IllegalArgumentException("its 'data' chunk comes before the 'fmt ' chunk");
                boolean pcm = format == PCM && bits == 16, flt = format == FLOAT && bits == 32;
                if (!pcm && !flt) {
                    throw new IllegalArgumentException("it holds format " + format + " with " + bits
                            + " bits; only 16-bit PCM and 32-bit float are written here");
                }
                if (channels <= 0 || rate <= 0) {
                    throw new IllegalArgumentException("its header gives " + channels + " channels at " + rate + " Hz");
                }
                int bytesPerFrame = channels * (bits / 8);
                if (body + len > bytes.length) {
                    throw new IllegalArgumentException("its data is cut off (" + (bytes.length - body) + " of " + len + " bytes)");
                }
                if (len % bytesPerFrame != 0) {
                    throw new IllegalArgumentException("its data (" + len + " bytes) is not whole frames of " + bytesPerFrame + " bytes");
                }
                int n = (int) (len / (bits / 8));
                float[] out = new float[n];
                int p = (int) body;
                for (int i = 0; i < n; i++) {
                    out[i] = pcm ? b.getShort(p + 2 * i) / 32768f : Float.intBitsToFloat(b.getInt(p + 4 * i));
                }
                return new Audio(out, rate, channels, source);
            }
            pos = body + len + (len & 1);
        }
        throw new IllegalArgumentException(format < 0 ? "it has no 'fmt ' chunk" : "it has no 'data' chunk");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
