package org.crossmodal.workbench.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.crossmodal.workbench.core.WorkbenchException;

/** A RIFF/RF64 WAVE parser for integer and float PCM. */
final class WavReader {
    private static final int PCM = 1, FLOAT = 3, ALAW = 6, MULAW = 7, EXTENSIBLE = 0xFFFE;

    private WavReader() {
    }

    static Audio read(Path file, double maxSeconds, boolean mono) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 12) throw AudioLoader.truncatedHeader(file, "WAV", size);
            ByteBuffer head = readAt(ch, 0, 12, file);
            boolean rf64 = head.get(0) == 'R' && head.get(1) == 'F';
            long pos = 12;
            long rf64DataSize = -1;
            int format = -1, channels = 0, rate = 0, blockAlign = 0, bits = 0;
            while (true) {
                if (pos + 8 > size) {
                    if (format < 0) {
                        throw new WorkbenchException("Audio file " + file + " has a truncated WAV header: the 'fmt '"
                                + " chunk is missing or cut off. The file is damaged; export it again.");
                    }
                    throw new WorkbenchException("Audio file " + file + " has a truncated WAV header: no 'data' chunk"
                            + " was found. The file is damaged; export it again.");
                }
                ByteBuffer ck = readAt(ch, pos, 8, file);
                String id = fourcc(ck, 0);
                long len = ck.getInt(4) & 0xFFFFFFFFL;
                long body = pos + 8;
                if (id.equals("ds64") && rf64) {
                    if (body + 24 > size) throw AudioLoader.truncatedHeader(file, "RF64", size);
                    ByteBuffer d = readAt(ch, body + 8, 8, file);
                    rf64DataSize = d.getLong(0);
                } else if (id.equals("fmt ")) {
                    if (len < 16 || body + 16 > size) {
                        throw new WorkbenchException("Audio file " + file + " has a truncated WAV header: the 'fmt '"
                                + " chunk is " + Math.min(len, size - body) + " bytes, at least 16 are needed."
                                + " The file is damaged; export it again.");
                    }
                    ByteBuffer f = readAt(ch, body, (int) Math.min(len, 40), file);
                    format = f.getShort(0) & 0xFFFF;
                    channels = f.getShort(2) & 0xFFFF;
                    rate = f.getInt(4);
                    blockAlign = f.getShort(12) & 0xFFFF;
                    bits = f.getShort(14) & 0xFFFF;
                    if (format == EXTENSIBLE) {
                        if (len < 40 || f.limit() < 40) {
                            throw new WorkbenchException("Audio file " + file + " has a truncated WAV header:"
                                    + " WAVE_FORMAT_EXTENSIBLE without its sub-format.");
                        }
                        format = f.getShort(24) & 0xFFFF;
                    }
                } else if (id.equals("data")) {
                    if (format < 0) {
                        throw new WorkbenchException("Audio file " + file + " is malformed: the 'data' chunk comes"
                                + " before the 'fmt ' chunk. Export it again.");
                    }
                    long dataSize = len;
                    if (rf64 && len == 0xFFFFFFFFL && rf64DataSize >= 0) dataSize = rf64DataSize;
                    else if (len == 0xFFFFFFFFL) dataSize = size - body; // written by a streaming encoder
                    return decode(ch, file, body, dataSize, size, format, channels, rate, blockAlign, bits,
                            maxSeconds, mono);
                }
                pos = body + len + (len & 1);
            }
        }
    }

    private static Audio decode(FileChannel ch, Path file, long offset, long dataSize, long fileSize, int format,
                                int channels, int rate, int blockAlign, int bits, double maxSeconds, boolean mono)
            throws IOException {
        if (channels <= 0) throw bad(file, "the header says it has " + channels + " channels");
        if (rate <= 0) throw bad(file, "the header gives a sample rate of " + Integer.toUnsignedString(rate));
        int bytes = (bits + 7) / 8;
        boolean floating;
        char g711 = 0;
        if (format == ALAW || format == MULAW) {
            if (bits != 8) throw unsupported(file, bits + "-bit G.711");
            floating = false;
            g711 = format == ALAW ? 'a' : 'u';
        } else if (format == PCM) {
            if (bits < 8 || bits > 32) throw unsupported(file, bits + "-bit integer PCM");
            floating = false;
        } else if (format == FLOAT) {
            if (bits != 32 && bits != 64) throw unsupported(file, bits + "-bit float");
            floating = true;
        } else {
            throw unsupported(file, "format code 0x" + Integer.toHexString(format).toUpperCase(Locale.ROOT)
                    + " (compressed WAV)");
        }
        int container = blockAlign / channels;
        if (blockAlign <= 0 || blockAlign % channels != 0 || container < bytes) {
            throw bad(file, "block align " + blockAlign + " does not fit " + channels + " channels of " + bits + " bits");
        }
        if (container != bytes && !(container == 4 && bytes == 3)) {
            throw unsupported(file, bits + "-bit samples in " + container + "-byte containers");
        }
        if (container == 4 && bytes == 3) bytes = 4; // 24 bits left-justified in 32: read as 32-bit
        long available = fileSize - offset;
        if (dataSize > available) {
            throw new WorkbenchException("Audio file " + file + " is shorter than its header says: the header"
                    + " promises " + dataSize + " bytes of audio but only " + available + " are present."
                    + " The file is truncated; export it again.");
        }
        long frames = dataSize / blockAlign;
        if (frames == 0) throw AudioLoader.noSamples(file);
        double seconds = frames / (double) rate;
        if (seconds > maxSeconds) {
            throw new WorkbenchException("Audio file " + file + " is " + String.format(Locale.ROOT, "%.1f", seconds)
                    + " s long; the limit is " + String.format(Locale.ROOT, "%.0f", maxSeconds)
                    + " s. Cut it into shorter clips or raise the limit.");
        }
        PcmLayout layout = new PcmLayout(channels, bytes, floating, false, true, g711);
        float[] samples = layout.read(ch, offset, frames, mono, file);
        return new Audio(samples, rate, mono ? 1 : channels, file.toString());
    }

    static ByteBuffer readAt(FileChannel ch, long pos, int n, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) break;
        }
        b.flip();
        if (b.limit() < n) {
            throw new WorkbenchException("Audio file " + file + " has a truncated header (ends at byte "
                    + (pos + b.limit()) + "). The file is damaged; export it again.");
        }
        return b;
    }

    static String fourcc(ByteBuffer b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) c[i] = (char) (b.get(at + i) & 0xFF);
        return new String(c);
    }

    private static WorkbenchException bad(Path file, String what) {
        return new WorkbenchException("Audio file " + file + " has an invalid WAV header: " + what
                + ". The file is damaged; export it again.");
    }

    private static WorkbenchException unsupported(Path file, String what) {
        return new WorkbenchException("Audio file " + file + " uses " + what + ", which is not supported."
                + " Convert it to 16-bit PCM WAV or FLAC (e.g. sox in.wav -b 16 out.wav).");
    }
}
