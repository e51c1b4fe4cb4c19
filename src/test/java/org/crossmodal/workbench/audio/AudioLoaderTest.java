package org.crossmodal.workbench.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioLoaderTest {
    @TempDir
    Path dir;

    private final AudioLoader loader = new AudioLoader();

    /** Interleaved test signal: channel c is a sine of 440 * (c + 1) Hz at amplitude 0.8 / (c + 1). */
    static float[] planted(int channels, int rate, int frames) {
        float[] x = new float[frames * channels];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                x[i * channels + c] = (float) (0.8 / (c + 1) * Math.sin(2 * Math.PI * 440 * (c + 1) * i / rate));
            }
        }
        return x;
    }

    /** Writes integer PCM with javax.sound (WAV: 8-bit unsigned, otherwise signed; little-endian WAV, big AIFF). */
    Path writeWithJavaSound(float[] x, int channels, int rate, int bits, AudioFileFormat.Type type) throws IOException {
        boolean wav = type == AudioFileFormat.Type.WAVE;
        boolean unsigned = wav && bits == 8;
        boolean big = !wav;
        int bytes = bits / 8;
        byte[] data = new byte[x.length * bytes];
        long full = 1L << (bits - 1);
        for (int i = 0; i < x.length; i++) {
            long q = Math.max(-full, Math.min(full - 1, Math.round(x[i] * (double) full)));
            if (unsigned) q += 128;
            for (int k = 0; k < bytes; k++) {
                int shift = big ? 8 * (bytes - 1 - k) : 8 * k;
                data[i * bytes + k] = (byte) (q >> shift);
            }
        }
        AudioFormat f = new AudioFormat(unsigned ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED,
                rate, bits, channels, channels * bytes, rate, big);
        Path p = dir.resolve("t" + bits + "-" + channels + "-" + rate + (wav ? ".wav" : ".aif"));
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), f, x.length / channels)) {
            AudioSystem.write(in, type, p.toFile());
        }
        return p;
    }

    @ParameterizedTest(name = "WAV {0}-bit, {1} channels, {2} Hz")
    @CsvSource({"8, 1, 8000", "16, 1, 16000", "16, 2, 44100", "24, 2, 48000", "32, 1, 22050", "24, 5, 16000",
            "32, 3, 11025"})
    void wavIntegerPcmRoundTrips(int bits, int channels, int rate) throws IOException {
        float[] x = planted(channels, rate, rate / 10);
        Path p = writeWithJavaSound(x, channels, rate, bits, AudioFileFormat.Type.WAVE);
        checkRoundTrip(x, channels, rate, bits, loader.load(p));
    }

    @ParameterizedTest(name = "AIFF {0}-bit, {1} channels, {2} Hz")
    @CsvSource({"8, 1, 8000", "16, 2, 44100", "24, 1, 48000", "32, 2, 22050", "16, 4, 16000"})
    void aiffIntegerPcmRoundTrips(int bits, int channels, int rate) throws IOException {
        float[] x = planted(channels, rate, rate / 10);
        Path p = writeWithJavaSound(x, channels, rate, bits, AudioFileFormat.Type.AIFF);
        checkRoundTrip(x, channels, rate, bits, loader.load(p));
    }

    private static void checkRoundTrip(float[] x, int channels, int rate, int bits, Audio a) {
        assertEquals(rate, a.sampleRate());
        assertEquals(channels, a.channels());
        assertEquals(x.length, a.samples().length);
        // half a quantisation step, or float precision for 32-bit
        double tol = Math.max(0.51 / (1L << (bits - 1)), 1e-7);
        for (int i = 0; i < x.length; i++) assertEquals(x[i], a.samples()[i], tol, "sample " + i);
    }

    @Test
    void javaSoundReadsTheSame16BitSamples() throws Exception {
        // an independent decoder (the JDK's) on the same file gives the same values
        float[] x = planted(2, 16000, 1600);
        Path p = writeWithJavaSound(x, 2, 16000, 16, AudioFileFormat.Type.WAVE);
        byte[] raw;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(p.toFile())) {
            raw = in.readAllBytes();
        }
        float[] mine = loader.load(p).samples();
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < mine.length; i++) assertEquals(b.getShort() / 32768f, mine[i], 0f);
    }

    @Test
    void g711MatchesTheJdkDecoder() throws Exception {
        // every byte value, as mu-law and A-law WAV; the JDK's own G.711 codec is the reference
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        for (int format : new int[] {6, 7}) {
            Path p = Files.write(dir.resolve("g711-" + format + ".wav"), WavBuilder.wav(format, 0, 1, 8000, 8, all, 256));
            float[] mine = loader.load(p).samples();
            AudioFormat.Encoding enc = format == 6 ? AudioFormat.Encoding.ALAW : AudioFormat.Encoding.ULAW;
            AudioFormat src = new AudioFormat(enc, 8000, 8, 1, 1, 8000, false);
            AudioFormat pcm = new AudioFormat(8000, 16, 1, true, false);
            byte[] ref;
            try (AudioInputStream in = AudioSystem.getAudioInputStream(pcm,
                    new AudioInputStream(new ByteArrayInputStream(all), src, 256))) {
                ref = in.readAllBytes();
            }
            for (int i = 0; i < 256; i++) {
                short r = (short) ((ref[2 * i] & 0xFF) | (ref[2 * i + 1] << 8));
                assertEquals(r / 32768f, mine[i], 0f, enc + " byte " + i);
            }
        }
    }

    @Test
    void float32WavAndExtensible24BitWav() throws IOException {
        float[] x = planted(2, 16000, 800);
        Path f = Files.write(dir.resolve("float.wav"), WavBuilder.wav(3, 0, 2, 16000, 32, WavBuilder.float32(x),
                x.length * 4L));
        assertArrayEquals(x, loader.load(f).samples());
        Path e = Files.write(dir.resolve("ext24.wav"), WavBuilder.wav(0xFFFE, 1, 2, 16000, 24, WavBuilder.int24(x),
                x.length * 3L));
        Audio a = loader.load(e);
        for (int i = 0; i < x.length; i++) assertEquals(x[i], a.samples()[i], 0.51 / 8388608 + 1e-7);
        Path ef = Files.write(dir.resolve("extf.wav"), WavBuilder.wav(0xFFFE, 3, 2, 16000, 32, WavBuilder.float32(x),
                x.length * 4L));
        assertArrayEquals(x, loader.load(ef).samples());
    }

    @Test
    void streamingSizeMeansToTheEndOfTheFile() throws IOException {
        float[] x = planted(1, 8000, 400);
        Path f = Files.write(dir.resolve("stream.wav"), WavBuilder.wav(3, 0, 1, 8000, 32, WavBuilder.float32(x),
                0xFFFFFFFFL));
        assertArrayEquals(x, loader.load(f).samples());
    }

    @Test
    void monoMixdownIsTheMeanOfTheChannels() throws IOException {
        float[] x = planted(3, 16000, 1600);
        Path p = writeWithJavaSound(x, 3, 16000, 16, AudioFileFormat.Type.WAVE);
        Audio all = loader.load(p);
        Audio mono = loader.loadMono(p);
        assertEquals(1, mono.channels());
        assertEquals(1600, mono.samples().length);
        for (int i = 0; i < 1600; i++) {
            float mean = (all.samples()[3 * i] + all.samples()[3 * i + 1] + all.samples()[3 * i + 2]) / 3;
            assertEquals(mean, mono.samples()[i], 1e-6f);
        }
        assertArrayEquals(all.toMono().samples(), mono.samples(), 1e-6f);
    }

    @Test
    void loadForModelMixesTrimsAndResamples() throws IOException {
        int rate = 44100;
        float[] x = new float[rate]; // 1 s: 0.3 s silence, 0.4 s tone, 0.3 s silence
        float[] tone = Signals.sine(440, 0.5, rate, (int) (0.4 * rate));
        System.arraycopy(tone, 0, x, (int) (0.3 * rate), tone.length);
        Path p = writeWithJavaSound(x, 1, rate, 16, AudioFileFormat.Type.WAVE);
        float[] y = loader.loadForModel(p, 16000, new SilenceTrimmer());
        // 0.4 s plus at most 50 ms padding and one 10 ms frame on each side
        assertTrue(y.length >= 0.4 * 16000 && y.length <= 0.52 * 16000, "length " + y.length);
        assertEquals(440, Signals.peakFrequency(y, 16000, 400, 480, 1, 2000, 4400), 1.0);
        assertEquals(16000, loader.loadForModel(p, 16000, null).length);
    }

    // ---- fixtures made by src/test/resources/audio/make-fixtures.sh ----

    Path fixture(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/audio/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void flacStereo() throws IOException {
        Audio a = loader.load(fixture("tone-22050-stereo.flac"));
        assertEquals(22050, a.sampleRate());
        assertEquals(2, a.channels());
        assertEquals(0.4 * 22050, a.frames(), 1);
        float[] l = new float[a.frames()], r = new float[a.frames()];
        for (int i = 0; i < a.frames(); i++) {
            l[i] = a.samples()[2 * i];
            r[i] = a.samples()[2 * i + 1];
        }
        assertEquals(0.5, Signals.amplitudeAt(l, 440, 22050, 0, l.length), 0.01);
        assertEquals(0.25, Signals.amplitudeAt(r, 440, 22050, 0, r.length), 0.01);
        Audio m = loader.loadMono(fixture2("tone-22050-stereo.flac"));
        assertEquals(0.375, Signals.amplitudeAt(m.samples(), 440, 22050, 0, m.frames()), 0.01);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tone-48000-24bit-stereo.flac, 48000, 2, 4800, 1e-4", "tone-8000-8bit.flac, 8000, 1, 1600, 0.01"})
    void flacAtOtherBitDepths(String name, int rate, int channels, int frames, double tolerance) throws IOException {
        Audio a = loader.load(fixture(name));
        assertEquals(rate, a.sampleRate());
        assertEquals(channels, a.channels());
        assertEquals(frames, a.frames());
        Audio m = a.toMono();
        assertEquals(0.5, Signals.amplitudeAt(m.samples(), 440, rate, 0, frames), tolerance);
        assertEquals(0.5 / Math.sqrt(2), Signals.rms(m.samples(), 0, frames), tolerance);
    }

    Path fixture2(String name) throws IOException {
        Path p = dir.resolve("copy-" + name);
        try (InputStream in = getClass().getResourceAsStream("/audio/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tone-16000-mono.ogg, 0.5, 0.03", "tone-16000-mono.mp3, 0.5, 0.12"})
    void lossyMono(String name, double seconds, double durationTolerance) throws IOException {
        Audio a = loader.load(fixture(name));
        assertEquals(16000, a.sampleRate());
        assertEquals(1, a.channels());
        assertEquals(seconds, a.durationSeconds(), durationTolerance);
        int n = a.frames();
        float[] s = a.samples();
        // lossy codecs keep the tone: right frequency, level within 10 %
        assertEquals(440, Signals.peakFrequency(s, 16000, 400, 480, 1, n / 5, 4 * n / 5), 2);
        assertEquals(0.5, Signals.amplitudeAt(s, 440, 16000, n / 5, 4 * n / 5), 0.05);
    }

    @Test
    void floatFixturesFromSox() throws IOException {
        Audio w = loader.load(fixture("tone-48000-3ch-float.wav"));
        assertEquals(48000, w.sampleRate());
        assertEquals(3, w.channels());
        assertEquals(2400, w.frames());
        Audio m = w.toMono();
        assertEquals(0.5, Signals.amplitudeAt(m.samples(), 440, 48000, 0, 2400), 0.01);
        Audio a = loader.load(fixture("tone-48000-float.aifc"));
        assertEquals(48000, a.sampleRate());
        assertEquals(1, a.channels());
        assertEquals(2400, a.frames());
        // sox writes the same signal to both: the channels of the WAV equal the AIFF-C samples
        for (int i = 0; i < 2400; i++) assertEquals(a.samples()[i], w.samples()[3 * i], 1e-7f);
    }

    // ---- bad input ----

    private WorkbenchException refuse(Path p) {
        return assertThrows(WorkbenchException.class, () -> loader.load(p));
    }

    private static void mentions(WorkbenchException e, String... parts) {
        for (String s : parts) {
            assertTrue(e.getMessage().contains(s), "message should mention '" + s + "': " + e.getMessage());
        }
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.wav");
        mentions(refuse(p), "not found", p.toString());
    }

    @Test
    void emptyFile() throws IOException {
        Path p = Files.createFile(dir.resolve("empty.wav"));
        mentions(refuse(p), "empty", p.toString());
    }

    @Test
    void folderInsteadOfFile() {
        mentions(refuse(dir), "folder");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path good = writeWithJavaSound(planted(1, 8000, 800), 1, 8000, 16, AudioFileFormat.Type.WAVE);
        byte[] all = Files.readAllBytes(good);
        for (int cut : new int[] {4, 11, 20, 30, 40}) {
            Path p = Files.write(dir.resolve("cut" + cut + ".wav"), Arrays.copyOf(all, cut));
            mentions(refuse(p), "truncated", p.toString());
        }
        Path aif = writeWithJavaSound(planted(1, 8000, 800), 1, 8000, 16, AudioFileFormat.Type.AIFF);
        Path p = Files.write(dir.resolve("cut.aif"), Arrays.copyOf(Files.readAllBytes(aif), 30));
        mentions(refuse(p), "truncated", p.toString());
    }

    @Test
    void bodyShorterThanTheHeaderSays() throws IOException {
        Path good = writeWithJavaSound(planted(2, 8000, 800), 2, 8000, 16, AudioFileFormat.Type.WAVE);
        byte[] all = Files.readAllBytes(good);
        Path p = Files.write(dir.resolve("short.wav"), Arrays.copyOf(all, all.length - 1000));
        mentions(refuse(p), "shorter than its header says", "3200 bytes", p.toString());
        Path aif = writeWithJavaSound(planted(2, 8000, 800), 2, 8000, 16, AudioFileFormat.Type.AIFF);
        byte[] a = Files.readAllBytes(aif);
        Path q = Files.write(dir.resolve("short.aif"), Arrays.copyOf(a, a.length - 1000));
        mentions(refuse(q), "shorter than its header says", q.toString());
    }

    @Test
    void textFileRenamedWav() throws IOException {
        Path p = Files.writeString(dir.resolve("notes.wav"), "These are my notes about the recordings.\n");
        mentions(refuse(p), "not audio", "text file", ".wav", p.toString());
    }

    @Test
    void otherAudioFormatsAreNamed() throws IOException {
        byte[] m4a = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'M', '4', 'A', ' ', 0, 0, 0, 0};
        Path p = Files.write(dir.resolve("voice.m4a"), m4a);
        mentions(refuse(p), "MP4/M4A", "not supported", "ffmpeg");
        Path aac = Files.write(dir.resolve("voice.aac"), new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80, 0, 0});
        mentions(refuse(aac), "AAC (ADTS)");
        Path opus = Files.write(dir.resolve("voice.opus"), Arrays.copyOf(
                "OggS\0\2\0\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\0\0\0\0\1\23OpusHead\1\1".getBytes(), 64));
        WorkbenchException e = refuse(opus);
        assertTrue(e.getMessage().contains(opus.toString()) && e.getMessage().contains("Ogg Vorbis"), e.getMessage());
    }

    @Test
    void zeroSamples() throws IOException {
        Path p = Files.write(dir.resolve("zero.wav"), WavBuilder.wav(1, 0, 1, 16000, 16, new byte[0], 0));
        mentions(refuse(p), "no audio samples", p.toString());
        Path aif = writeWithJavaSound(new float[0], 1, 8000, 16, AudioFileFormat.Type.AIFF);
        mentions(refuse(aif), "no audio samples");
    }

    @Test
    void longerThanTheLimitIsRefusedFromTheHeader() throws IOException {
        // a sparse file whose header promises 2 hours of 8 kHz 8-bit audio: refused without reading the body
        long frames = 2L * 3600 * 8000;
        byte[] head = WavBuilder.wav(1, 0, 1, 8000, 8, new byte[0], frames);
        Path p = dir.resolve("long.wav");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(head);
            f.setLength(head.length + frames);
        }
        mentions(refuse(p), "7200.0 s long", "limit is 3600 s", p.toString());
        // and a short file under a lowered limit
        Path q = writeWithJavaSound(planted(1, 8000, 8000), 1, 8000, 16, AudioFileFormat.Type.WAVE);
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> new AudioLoader(new AudioLoader.Options(0.5)).load(q));
        mentions(e, "limit");
    }

    @Test
    void compressedFileOverTheLimitIsRefusedWhileDecoding() throws IOException {
        Path p = fixture("tone-16000-mono.ogg");
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> new AudioLoader(new AudioLoader.Options(0.1)).load(p));
        mentions(e, "limit", p.toString());
    }

    @Test
    void unsupportedWavEncodingSaysWhatToDo() throws IOException {
        Path p = Files.write(dir.resolve("adpcm.wav"), WavBuilder.wav(2, 0, 1, 8000, 16, new byte[64], 64));
        mentions(refuse(p), "not supported", "Convert");
    }

    @Test
    void damagedFlacIsRefusedClearly() throws IOException {
        byte[] flac = Files.readAllBytes(fixture("tone-22050-stereo.flac"));
        Path p = Files.write(dir.resolve("bad.flac"), Arrays.copyOf(flac, 10));
        WorkbenchException e = refuse(p);
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }
}
