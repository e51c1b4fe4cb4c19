package org.crossmodal.workbench.audio;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import javax.sound.sampled.spi.AudioFileReader;

import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Decodes audio files: WAV (RIFF/RF64: PCM 8/16/24/32-bit integer, 32/64-bit float, G.711 mu-law and A-law,
 * WAVE_FORMAT_EXTENSIBLE) and AIFF/AIFC (8-32-bit integer big or little endian, 32/64-bit float, mu-law, A-law)
 * by its own parsers; FLAC and MP3 through Java Sound service providers (jflac, mp3spi); Ogg Vorbis with JOrbis.
 * The format is recognised from the file's first bytes, not its name. Files longer than
 * {@link Options#maxSeconds()} are refused before their samples are read (for compressed files, as soon as
 * decoding passes the limit).
 */
public final class AudioLoader {
    /**
     * @param maxSeconds longest audio accepted, in seconds (default one hour)
     */
    public record Options(double maxSeconds) {
        public Options {
            if (!(maxSeconds > 0)) throw new IllegalArgumentException("maxSeconds must be positive, got " + maxSeconds);
        }

        public static Options defaults() {
            return new Options(3600);
        }
    }

    /** What a file holds, recognised from its first bytes. */
    public enum Container { WAV, AIFF, FLAC, MP3, OGG }

    private final Options options;

    public AudioLoader(Options options) {
        this.options = options;
    }

    public AudioLoader() {
        this(Options.defaults());
    }

    public Options options() {
        return options;
    }

    /** Decodes a file with all its channels (interleaved). */
    public Audio load(Path file) {
        checkReadable(file);
        Container c = sniff(file);
        try {
            return switch (c) {
                case WAV -> WavReader.read(file, options.maxSeconds(), false);
                case AIFF -> AiffReader.read(file, options.maxSeconds(), false);
                case OGG -> OggVorbisReader.read(file, this, false);
                case FLAC, MP3 -> readCompressed(file, c, false);
            };
        } catch (NoSuchFileException e) {
            throw new WorkbenchException("Audio file not found: " + file + ". Check the path.", e);
        } catch (IOException e) {
            throw new WorkbenchException("Could not read audio file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a file and mixes it down to mono while reading (half the memory of {@code load(f).toMono()}). */
    public Audio loadMono(Path file) {
        checkReadable(file);
        Container c = sniff(file);
        try {
            return switch (c) {
                case WAV -> WavReader.read(file, options.maxSeconds(), true);
                case AIFF -> AiffReader.read(file, options.maxSeconds(), true);
                case OGG -> OggVorbisReader.read(file, this, true);
                case FLAC, MP3 -> readCompressed(file, c, true);
            };
        } catch (NoSuchFileException e) {
            throw new WorkbenchException("Audio file not found: " + file + ". Check the path.", e);
        } catch (IOException e) {
            throw new WorkbenchException("Could not read audio file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Everything a model needs: decode, mix to mono, optionally trim silence, resample to {@code sampleRate}.
     *
     * @param trimmer null to keep silence
     */
    public float[] loadForModel(Path file, int sampleRate, SilenceTrimmer trimmer) {
        Audio a = loadMono(file);
        if (trimmer != null) a = trimmer.trim(a);
        return a.toMono(sampleRate).samples();
    }

    /** The file extensions this loader decodes (lower case, no dot). */
    public static java.util.List<String> extensions() {
        return java.util.List.of("wav", "wave", "aif", "aiff", "aifc", "flac", "mp3", "ogg", "oga");
    }

    static void checkReadable(Path file) {
        if (!Files.exists(file)) throw new WorkbenchException("Audio file not found: " + file + ". Check the path.");
        if (Files.isDirectory(file)) {
            throw new WorkbenchException("Expected an audio file but " + file + " is a folder.");
        }
        if (!Files.isReadable(file)) {
            throw new WorkbenchException("Audio file " + file + " cannot be read (permission denied).");
        }
        try {
            if (Files.size(file) == 0) {
                throw new WorkbenchException("Audio file " + file + " is empty (0 bytes). Record or export it again.");
            }
        } catch (IOException e) {
            throw new WorkbenchException("Could not read audio file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Recognises the container from the first bytes; the error says what the file looks like instead. */
    public static Container sniff(Path file) {
        byte[] h = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, h.length);
        } catch (NoSuchFileException e) {
            throw new WorkbenchException("Audio file not found: " + file + ". Check the path.", e);
        } catch (IOException e) {
            throw new WorkbenchException("Could not read audio file " + file + ": " + e.getMessage(), e);
        }
        String magic = new String(h, 0, Math.min(4, n), StandardCharsets.ISO_8859_1);
        String form = n >= 12 ? new String(h, 8, 4, StandardCharsets.ISO_8859_1) : "";
        if (magic.equals("RIFF") || magic.equals("RF64") || magic.equals("RIFX")) {
            if (n < 12) throw truncatedHeader(file, "WAV", n);
            if (!form.equals("WAVE")) {
                throw new WorkbenchException("Audio file " + file + " is a RIFF file of type '" + form
                        + "', not WAVE audio. Convert it to WAV, AIFF, FLAC, MP3 or Ogg Vorbis.");
            }
            if (magic.equals("RIFX")) {
                throw new WorkbenchException("Audio file " + file + " is a big-endian RIFX WAV, which is not supported."
                        + " Convert it to an ordinary WAV (e.g. sox in.wav out.wav).");
            }
            return Container.WAV;
        }
        if (magic.equals("FORM")) {
            if (n < 12) throw truncatedHeader(file, "AIFF", n);
            if (form.equals("AIFF") || form.equals("AIFC")) return Container.AIFF;
            throw new WorkbenchException("Audio file " + file + " is an IFF file of type '" + form
                    + "', not AIFF audio.");
        }
        if (magic.equals("fLaC")) return Container.FLAC;
        if (magic.equals("OggS")) return Container.OGG;
        if (magic.startsWith("ID3") || (n >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xE0) == 0xE0
                && (h[1] & 0x06) != 0)) {
            return Container.MP3;
        }
        String known = n >= 8 && new String(h, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp") ? "MP4/M4A (AAC or ALAC)"
                : magic.equals("caff") ? "Core Audio (CAF)"
                : n >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xF6) == 0xF0 ? "AAC (ADTS)"
                : magic.equals("MThd") ? "MIDI"
                : magic.equals("wvpk") ? "WavPack"
                : magic.equals("MAC ") ? "Monkey's Audio"
                : magic.startsWith("#!AMR") ? "AMR"
                : null;
        if (known != null) {
            throw new WorkbenchException("Audio file " + file + " is " + known + ", which is not supported."
                    + " Convert it to WAV or FLAC (e.g. ffmpeg -i \"" + file.getFileName() + "\" out.wav).");
        }
        String ext = extension(file);
        String looks = looksLike(h, n);
        if (n < 12 && (ext.equals("wav") || ext.equals("wave") || ext.startsWith("aif"))) {
            throw truncatedHeader(file, ext.startsWith("aif") ? "AIFF" : "WAV", n);
        }
        throw new WorkbenchException("Audio file " + file + " is not audio in a known format" + looks
                + ". Supported: WAV, AIFF, FLAC, MP3, Ogg Vorbis."
                + (ext.isEmpty() ? "" : " (The name ends in ." + ext + " but the content does not match.)"));
    }

    static WorkbenchException truncatedHeader(Path file, String kind, long have) {
        return new WorkbenchException("Audio file " + file + " has a truncated " + kind + " header (" + have
                + " bytes, the header is incomplete). The file is damaged; export it again.");
    }

    private static String looksLike(byte[] h, int n) {
        if (n == 0) return "";
        boolean text = true;
        for (int i = 0; i < n; i++) {
            int b = h[i] & 0xFF;
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
                text = false;
                break;
            }
        }
        return text ? " (it looks like a text file)" : "";
    }

    static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    // ---- compressed formats through Java Sound providers ----

    private Audio readCompressed(Path file, Container c, boolean mono) throws IOException {
        AudioFileReader reader = switch (c) {
            case FLAC -> new org.jflac.sound.spi.FlacAudioFileReader();
            case MP3 -> new javazoom.spi.mpeg.sampled.file.MpegAudioFileReader();
            default -> throw new IllegalStateException(c.toString());
        };
        AudioInputStream encoded;
        try {
            encoded = reader.getAudioInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (UnsupportedAudioFileException | RuntimeException e) {
            throw new WorkbenchException("Audio file " + file + " looks like " + c + " but could not be decoded ("
                    + e.getMessage() + "). The file may be damaged or use an unsupported variant.", e);
        }
        try (encoded) {
            AudioFormat src = encoded.getFormat();
            int channels = src.getChannels();
            float rate = src.getSampleRate();
            if (channels <= 0 || !(rate > 0)) {
                throw new WorkbenchException("Audio file " + file + ": the " + c
                        + " stream does not state its channel count or sample rate.");
            }
            long known = encoded.getFrameLength();
            if (known > 0 && known / rate > options.maxSeconds()) throw tooLong(file, known / rate);
            AudioInputStream decoded = pcmStream(encoded, src, file);
            AudioFormat pf = decoded.getFormat();
            int bytes = pf.getSampleSizeInBits() / 8;
            // jflac writes 8-bit samples with the WAV offset of 128 although it labels them PCM_SIGNED
            boolean unsigned8 = bytes == 1 && (c == Container.FLAC
                    || AudioFormat.Encoding.PCM_UNSIGNED.equals(pf.getEncoding()));
            PcmLayout layout = new PcmLayout(channels, bytes, false, pf.isBigEndian(), unsigned8);
            int frameBytes = channels * bytes;
            long maxFrames = (long) Math.floor(options.maxSeconds() * rate);
            FloatCollector out = new FloatCollector(mono ? 1 : channels, 1 << 16);
            byte[] buf = new byte[frameBytes * 4096];
            long frames = 0;
            float invCh = 1f / channels;
            try (decoded) {
                int r;
                int carry = 0;
                while ((r = readSome(decoded, buf, carry, file, c)) > 0) {
                    int total = carry + r;
                    int whole = total / frameBytes;
                    int p = 0;
                    for (int f = 0; f < whole; f++) {
                        if (mono) {
                            float s = 0;
                            for (int ch = 0; ch < channels; ch++, p += bytes) s += layout.sample(buf, p);
                            out.add(s * invCh);
                        } else {
                            for (int ch = 0; ch < channels; ch++, p += bytes) out.add(layout.sample(buf, p));
                        }
                    }
                    frames += whole;
                    if (frames > maxFrames) throw tooLong(file, -1);
                    carry = total - whole * frameBytes;
                    System.arraycopy(buf, whole * frameBytes, buf, 0, carry);
                }
            }
            if (frames == 0) throw noSamples(file);
            return new Audio(out.toArray(), Math.round(rate), mono ? 1 : channels, file.toString());
        }
    }

    /** A PCM stream of the decoded audio: the source's own bit depth if a decoder offers it, else 16 bits. */
    private static AudioInputStream pcmStream(AudioInputStream encoded, AudioFormat src, Path file) {
        int ch = src.getChannels();
        float rate = src.getSampleRate();
        int srcBits = src.getSampleSizeInBits();
        java.util.List<AudioFormat> wanted = new java.util.ArrayList<>();
        if (srcBits == 8 || srcBits == 24 || srcBits == 32) {
            int b = srcBits / 8;
            wanted.add(new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, srcBits, ch, ch * b, rate, false));
            wanted.add(new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, srcBits, ch, ch * b, rate, true));
            if (srcBits == 8) wanted.add(new AudioFormat(AudioFormat.Encoding.PCM_UNSIGNED, rate, 8, ch, ch, rate, false));
        }
        wanted.add(new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, ch, ch * 2, rate, false));
        wanted.add(new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, ch, ch * 2, rate, true));
        for (AudioFormat w : wanted) {
            if (AudioSystem.isConversionSupported(w, src)) {
                try {
                    return AudioSystem.getAudioInputStream(w, encoded);
                } catch (IllegalArgumentException e) {
                    // try the next format
                }
            }
        }
        throw new WorkbenchException("Audio file " + file + ": no decoder for " + src + ". Convert it to WAV or"
                + " 16-bit FLAC.");
    }

    private static int readSome(AudioInputStream in, byte[] buf, int off, Path file, Container c) throws IOException {
        try {
            int r = in.read(buf, off, buf.length - off);
            return Math.max(r, 0);
        } catch (EOFException e) {
            return 0;
        } catch (RuntimeException e) {
            throw new WorkbenchException("Audio file " + file + ": the " + c + " data is damaged (" + e + ").", e);
        }
    }

    WorkbenchException tooLong(Path file, double seconds) {
        return new WorkbenchException("Audio file " + file + " is "
                + (seconds > 0 ? String.format(Locale.ROOT, "%.1f s long", seconds) : "longer than the limit")
                + "; the limit is " + String.format(Locale.ROOT, "%.0f s", options.maxSeconds())
                + ". Cut it into shorter clips or raise the limit.");
    }

    static WorkbenchException noSamples(Path file) {
        return new WorkbenchException("Audio file " + file + " contains no audio samples (zero frames)."
                + " Record or export it again.");
    }

    /**
     * Allocates the sample array, refusing with a clear error (instead of an OutOfMemoryError later) when the
     * Java heap cannot hold it.
     */
    static float[] allocate(long count, Path file) {
        String what = file == null ? "The audio" : "Audio file " + file;
        if (count > Integer.MAX_VALUE - 16) {
            throw new WorkbenchException(what + " has too many samples (" + count + ") to hold in memory."
                    + " Cut it into shorter clips.");
        }
        try {
            return new float[(int) count];
        } catch (OutOfMemoryError e) {
            long mb = count * 4 / (1 << 20);
            long max = Runtime.getRuntime().maxMemory() / (1 << 20);
            throw new WorkbenchException(what + " needs " + mb + " MB for its samples, more than the free memory of"
                    + " the workbench (at most " + max + " MB). Cut it into shorter clips, lower the duration limit,"
                    + " or give Java more memory (java -Xmx8g ...).");
        }
    }

    /** A growable float array. */
    static final class FloatCollector {
        private float[] a;
        private int n;

        FloatCollector(int channelsUnused, int initial) {
            a = new float[Math.max(16, initial)];
        }

        void add(float v) {
            if (n == a.length) {
                long grow = Math.min((long) Integer.MAX_VALUE - 16, (long) a.length * 3 / 2 + 16);
                if (grow <= n) throw new WorkbenchException("Audio is too long to hold in memory.");
                float[] bigger = allocate(grow, null);
                System.arraycopy(a, 0, bigger, 0, n);
                a = bigger;
            }
            a[n++] = v;
        }

        float[] toArray() {
            return n == a.length ? a : java.util.Arrays.copyOf(a, n);
        }
    }
}
