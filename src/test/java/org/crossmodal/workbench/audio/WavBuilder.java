package org.crossmodal.workbench.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes WAV bytes by hand, for headers javax.sound does not write (float, extensible) and damaged files. */
final class WavBuilder {
    private WavBuilder() {
    }

    /** A WAV file: format code 1 (int), 3 (float) or 0xFFFE (extensible with the sub-format {@code sub}). */
    static byte[] wav(int format, int sub, int channels, int rate, int bits, byte[] data, long declaredDataSize) {
        boolean ext = format == 0xFFFE;
        int fmtLen = ext ? 40 : 16;
        int block = channels * bits / 8;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtLen + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(4 + 8 + fmtLen + 8 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(fmtLen).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * block).putShort((short) block).putShort((short) bits);
        if (ext) {
            b.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) sub)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        b.put("data".getBytes()).putInt((int) declaredDataSize).put(data);
        return b.array();
    }

    static byte[] float32(float[] interleaved) {
        ByteBuffer b = ByteBuffer.allocate(interleaved.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : interleaved) b.putFloat(v);
        return b.array();
    }

    static byte[] int24(float[] interleaved) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (float v : interleaved) {
            int q = (int) Math.max(-8388608, Math.min(8388607, Math.round(v * 8388608.0)));
            o.write(q);
            o.write(q >> 8);
            o.write(q >> 16);
        }
        return o.toByteArray();
    }
}
