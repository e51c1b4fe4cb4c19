package org.crossmodal.workbench.cli;

import static org.crossmodal.workbench.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.encoder.ModelRegistry;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;
import org.crossmodal.workbench.workflow.AudioFiles;
import org.crossmodal.workbench.workflow.AudioInput;
import org.crossmodal.workbench.workflow.EncoderProvider;
import org.crossmodal.workbench.workflow.RegistryEncoders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workbench embed} with real parts: WAV files decoded and resampled by the audio package, the tiny ONNX
 * test models of src/test/resources/models (made by make-tiny-models.py) found through the model registry.
 */
class EmbedEndToEndTest {
    static final Path MODELS = Path.of("src/test/resources/models").toAbsolutePath();
    @TempDir Path dir;
    Supplier<EncoderProvider> saved;
    Supplier<AudioInput> savedAudio;

    @BeforeEach
    void realParts() {
        saved = EmbedCommand.provider;
        savedAudio = EmbedCommand.audioInput;
        EmbedCommand.provider = () -> new RegistryEncoders(new ModelRegistry(
                List.of(new ModelRegistry.Location(ModelRegistry.Origin.LOCAL, MODELS)), false), 4);
        EmbedCommand.audioInput = AudioFiles::standard;
    }

    @AfterEach
    void restore() {
        EmbedCommand.provider = saved;
        EmbedCommand.audioInput = savedAudio;
    }

    /** A 16-bit mono WAV of a sine at {@code hz}, {@code seconds} long at 16 kHz. */
    static void sine(Path f, double hz, double seconds) throws IOException {
        sine(f, hz, seconds, 12000);
    }

    static void sine(Path f, double hz, double seconds, double amplitude) throws IOException {
        int rate = 16000, n = (int) (rate * seconds);
        ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) b.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate + 1.5 * Math.PI)));
        AudioFormat fmt = new AudioFormat(rate, 16, 1, true, false);
        Files.createDirectories(f.getParent());
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(b.array()), fmt, n), AudioFileFormat.Type.WAVE, f.toFile());
    }

    @Test
    void folderAndWordsWithTinyModels() throws IOException {
        sine(dir.resolve("rec/ann/bad_1.wav"), 220, 0.3);
        sine(dir.resolve("rec/ann/cafe.wav"), 440, 0.5);
        sine(dir.resolve("rec/bob/bad_2.wav"), 330, 0.4);
        Files.writeString(dir.resolve("words.txt"), "bad\ncafe\nface\n");
        Path out = dir.resolve("s.cmw");
        String[] args = {"embed", "--audio", dir.resolve("rec").toString(), "--text", dir.resolve("words.txt").toString(),
                "--speech-model", "tiny-speech", "--text-model", "tiny-chars", "--out", out.toString(),
                "--cache", dir.resolve("cache").toString(), "--threads", "1"};
        CliRun r = run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("computed 6 vectors, 0 from the cache"), r.out());
        Session s = SessionStore.open(out);
        EmbeddingSet sp = s.space("speech:tiny-speech"), tx = s.space("text:tiny-chars");
        assertEquals(3, sp.size());
        assertEquals(6, sp.dim());
        assertEquals(3, tx.size());
        assertEquals(5, tx.dim());
        assertEquals("tiny-space", sp.sharedSpace());
        assertEquals("bad", s.item("speech/bob/bad_2.wav").label());
        assertEquals("bob", s.item("speech/bob/bad_2.wav").speaker());
        for (float v : sp.data()) assertTrue(Float.isFinite(v));
        // different recordings give different vectors
        assertFalse(java.util.Arrays.equals(sp.row(0), sp.row(1)));

        CliRun again = run(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("computed 0 vectors, 6 from the cache"), again.out());
        Session s2 = SessionStore.open(out);
        assertTrue(java.util.Arrays.equals(sp.data(), s2.space("speech:tiny-speech").data()));
        assertTrue(java.util.Arrays.equals(tx.data(), s2.space("text:tiny-chars").data()));
    }

    @Test
    void textRenamedWavAndNanModelAreClearErrors() throws IOException {
        sine(dir.resolve("rec/fine.wav"), 220, 0.3);
        Files.writeString(dir.resolve("rec/notes.wav"), "these are my notes, not audio\n");
        Path out = dir.resolve("s.cmw");
        CliRun r = run("embed", "--audio", dir.resolve("rec").toString(), "--speech-model", "tiny-speech", "--out", out.toString(), "--no-cache");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("workbench")).count(), r.err());
        assertTrue(r.err().contains("notes.wav") && r.err().contains("--skip-bad"), r.err());
        assertFalse(Files.exists(out));

        r = run("embed", "--audio", dir.resolve("rec").toString(), "--speech-model", "tiny-speech", "--out", out.toString(), "--no-cache", "--skip-bad");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("skipped") && r.err().contains("notes.wav"), r.err());
        assertEquals(1, SessionStore.open(out).items().size());

        // nan-speech returns sqrt of the first samples: NaN for a recording that starts below zero
        Path out2 = dir.resolve("nan.cmw");
        sine(dir.resolve("neg/low.wav"), 50, 0.3); // starts at -12000
        r = run("embed", "--audio", dir.resolve("neg").toString(), "--speech-model", "nan-speech",
                "--out", out2.toString(), "--no-cache", "--skip-bad");
        assertEquals(1, r.code());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("nan"), r.err());
        assertFalse(Files.exists(out2));
    }

    @Test
    void normaliseVoicesNeedsWordsAndOneSpaceAndSaysSo() throws IOException {
        for (int i = 0; i < 3; i++) sine(dir.resolve("rec/ann/w" + i + ".wav"), 220 + 40 * i, 0.3);
        Files.writeString(dir.resolve("words.txt"), "w0\nw1\nw2\n");
        Path out = dir.resolve("s.cmw");
        CliRun r = run("embed", "--audio", dir.resolve("rec").toString(), "--speech-model", "tiny-speech",
                "--out", out.toString(), "--no-cache", "--normalise-voices");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("--text"), r.err());
        assertFalse(Files.exists(out));
        // the tiny test models name one shared space but differ in dimension: refused, nothing written
        r = run("embed", "--audio", dir.resolve("rec").toString(), "--text", dir.resolve("words.txt").toString(),
                "--speech-model", "tiny-speech", "--text-model", "tiny-chars", "--out", out.toString(), "--no-cache", "--normalise-voices");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("6 dimensions") && r.err().contains("tiny-space"), r.err());
        assertFalse(Files.exists(out));
    }
}
