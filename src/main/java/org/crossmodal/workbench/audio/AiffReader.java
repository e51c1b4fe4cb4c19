package org.crossmodal.workbench.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.crossmodal.workbench.core.WorkbenchException;

/** An AIFF / AIFF-C parser for uncompressed integer and float samples. */
final class AiffReader {
    private AiffReader() {
    }

    static Audio read(Path file, double maxSeconds, boolean mono) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 12) throw AudioLoader.truncatedHeader(file, "AIFF", size);
            ByteBuffer head = be(WavReader.readAt(ch, 0, 12, file));
            boolean aifc = WavReader.fourcc(head, 8).equals("AIFC");
            long pos = 12;
            int channels = -1, bits = 0;
            long frames = 0;
            double rate = 0;
            String compression = "NONE";
            long ssndData = -1, ssndLen = 0;
            while (pos + 8 <= size) {
                ByteBuffer ck = be(WavReader.readAt(ch, pos, 8, file));
                String id = WavReader.fourcc(ck, 0);
                long len = ck.getInt(4) & 0xFFFFFFFFL;
                long body = pos + 8;
                if (id.equals("COMM")) {
                    int need = aifc ? 22 : 18;
                    if (len < need || body + need > size) {
                        throw new WorkbenchException("Audio file " + file + " has a truncated AIFF header: the COMM"
                                + " chunk is cut off. The file is damaged; export it again.");
                    }
                    ByteBuffer c = be(WavReader.readAt(ch, body, need, file));
                    channels = c.getShort(0) & 0xFFFF;
                    frames = c.getInt(2) & 0xFFFFFFFFL;
                    bits = c.getShort(6) & 0xFFFF;
                    rate = extended(c, 8);
                    if (aifc) compression = WavReader.fourcc(c, 18);
                } else if (id.equals("SSND")) {
                    if (body + 8 > size) {
                        throw new WorkbenchException("Audio file " + file + " has a truncated AIFF header: the SSND"
                                + " chunk is cut off. The file is damaged; export it again.");
                    }
                    ByteBuffer s = be(WavReader.readAt(ch, body, 8, file));
                    long offset = s.getInt(0) & 0xFFFFFFFFL;
                    ssndData = body + 8 + offset;
                    ssndLen = Math.max(0, len - 8 - offset);
                }
                pos = body + len + (len & 1);
            }
            if (channels < 0) {
                throw new WorkbenchException("Audio file " + file + " has a truncated AIFF header: no COMM chunk."
                        + " The file is damaged; export it again.");
            }
            if (channels == 0) throw new WorkbenchException("Audio file " + file + ": the AIFF header says 0 channels.");
            if (!(rate > 0 && rate < 10_000_000)) {
                throw new WorkbenchException("Audio file " + file + ": the AIFF header gives an invalid sample rate ("
                        + rate + ").");
            }
            if (frames == 0) throw AudioLoader.noSamples(file);
            if (ssndData < 0) {
                throw new WorkbenchException("Audio file " + file + " has no SSND (sound data) chunk though its"
                        + " header promises " + frames + " frames. The file is truncated; export it again.");
            }
            boolean floating = false, bigEndian = true;
            char g711 = 0;
            int bytes = (bits + 7) / 8;
            switch (compression) {
                case "NONE", "twos" -> { }
                case "ulaw", "ULAW" -> {
                    g711 = 'u';
                    bytes = 1;
                }
                case "alaw", "ALAW" -> {
                    g711 = 'a';
                    bytes = 1;
                }
                case "sowt" -> bigEndian = false;
                case "fl32", "FL32" -> {
                    floating = true;
                    bytes = 4;
                }
                case "fl64", "FL64" -> {
                    floating = true;
                    bytes = 8;
                }
                default -> throw new WorkbenchException("Audio file " + file + " uses AIFF-C compression '"
                        + compression + "', which is not supported. Convert it to WAV or FLAC.");
            }
            if (!floating && g711 == 0 && (bits < 1 || bits > 32)) {
                throw new WorkbenchException("Audio file " + file + " uses " + bits + "-bit samples, which is not"
                        + " supported. Convert it to 16-bit WAV or FLAC.");
            }
            long need = frames * channels * bytes;
            long available = Math.min(ssndLen, size - ssndData);
            if (need > available) {
                throw new WorkbenchException("Audio file " + file + " is shorter than its header says: the header"
                        + " promises " + frames + " frames (" + need + " bytes) but only " + Math.max(0, available)
                        + " bytes are present. The file is truncated; export it again.");
            }
            double seconds = frames / rate;
            if (seconds > maxSeconds) {
                throw new WorkbenchException("Audio file " + file + " is " + String.format(Locale.ROOT, "%.1f", seconds)
                        + " s long; the limit is " + String.format(Locale.ROOT, "%.0f", maxSeconds)
                        + " s. Cut it into shorter clips or raise the limit.");
            }
            PcmLayout layout = new PcmLayout(channels, bytes, floating, bigEndian, false, g711);
            float[] samples = layout.read(ch, ssndData, frames, mono, file);
            int r = (int) Math.round(rate);
            return new Audio(samples, r, mono ? 1 : channels, file.toString());
        }
    }

    private static ByteBuffer be(ByteBuffer b) {
        return b.order(ByteOrder.BIG_ENDIAN);
    }

    /** An 80-bit IEEE 754 extended-precision number (big-endian), as AIFF stores the sample rate. */
    static double extended(ByteBuffer b, int at) {
        int se = b.getShort(at) & 0xFFFF;
        long mant = b.getLong(at + 2);
        if (se == 0 && mant == 0) return 0;
        int exp = (se & 0x7FFF) - 16383 - 63;
        double m = (mant >>> 1) * 2.0 + (mant & 1); // unsigned 64-bit to double
        double v = Math.scalb(m, exp);
        return (se & 0x8000) != 0 ? -v : v;
    }
}
