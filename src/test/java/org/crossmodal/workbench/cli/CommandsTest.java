package org.crossmodal.workbench.cli;

import static org.crossmodal.workbench.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.crossmodal.workbench.session.Npy;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;
import org.crossmodal.workbench.workflow.AudioInput;
import org.crossmodal.workbench.workflow.EncoderProvider;
import org.crossmodal.workbench.workflow.FakeEncoders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the commands in-process with stand-in models and checks their output, files and exit codes. */
class CommandsTest {
    @TempDir Path dir;
    Supplier<EncoderProvider> savedEmbed, savedModels;
    Supplier<AudioInput> savedAudio;
    FakeEncoders fakes;

    @BeforeEach
    void fakes() {
        savedEmbed = EmbedCommand.provider;
        savedModels = ModelsCommand.provider;
        savedAudio = EmbedCommand.audioInput;
        fakes = new FakeEncoders();
        EmbedCommand.provider = () -> fakes;
        ModelsCommand.provider = () -> fakes;
        EmbedCommand.audioInput = () -> fakes.audio;
    }

    @AfterEach
    void restore() {
        EmbedCommand.provider = savedEmbed;
        ModelsCommand.provider = savedModels;
        EmbedCommand.audioInput = savedAudio;
    }

    private Path corpus() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/one.wav"), "one one");
        Files.writeString(dir.resolve("a/two.wav"), "two two two");
        Path m = dir.resolve("m.tsv");
        Files.writeString(m, "path\ttranscript\tspeaker\na/one.wav\tone\tann\na/two.wav\ttwo\tbob\n");
        Files.writeString(dir.resolve("words.txt"), "one\ntwo\nthree\n");
        return m;
    }

    @Test
    void everyCommandHasHelp() {
        for (List<String> cmd : List.<List<String>>of(List.of(), List.of("models"), List.of("embed"), List.of("info"), List.of("import"),
                List.of("export"), List.of("bench"), List.of("bench", "encode"))) {
            String[] args = java.util.stream.Stream.concat(cmd.stream(), java.util.stream.Stream.of("--help")).toArray(String[]::new);
            CliRun r = run(args);
            assertEquals(0, r.code(), cmd + ": " + r.err());
            assertTrue(r.out().contains("Usage: workbench"), cmd + ": " + r.out());
        }
    }

    @Test
    void modelsMarksTheDefaults() {
        CliRun r = run("models");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].contains("NAME"));
        assertTrue(lines[1].startsWith("* fake-speech") && lines[1].contains("speech"), lines[1]);
        assertTrue(lines[2].startsWith("* fake-text"), lines[2]);
    }

    /** Commands that rewrite a session keep the audio of its recordings; info counts them. */
    @Test
    void infoCountsKeptRecordingsAndImportKeepsThem() throws IOException {
        Session s = new Session();
        s.addItem(new org.crossmodal.workbench.core.Item("speech/recording-1", org.crossmodal.workbench.core.Modality.SPEECH,
                "hello", "microphone", "microphone"));
        float[] samples = new float[24_000];
        for (int i = 0; i < samples.length; i++) samples[i] = (short) (i * 7) / 32768f;
        s.putAudio("speech/recording-1", new org.crossmodal.workbench.audio.Audio(samples, 48_000, 1, "microphone"));
        Path f = dir.resolve("rec.cmw");
        SessionStore.save(s, f);
        CliRun info = run("info", f.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("recordings with their audio in the file: 1 (0.5 s)"), info.out());

        Path tsv = dir.resolve("v.tsv");
        Files.writeString(tsv, "0.5\t0.25\n");
        Path meta = dir.resolve("m.tsv");
        Files.writeString(meta, "id\tlabel\nspeech/recording-1\thello\n");
        CliRun imp = run("import", "--vectors", tsv.toString(), "--metadata", meta.toString(), "--modality", "speech",
                "--space", "speech:other", "--out", f.toString());
        assertEquals(0, imp.code(), imp.err());
        Session back = SessionStore.open(f);
        assertTrue(back.space("speech:other") != null, "imported");
        assertEquals(48_000, back.audio("speech/recording-1").sampleRate());
        assertTrue(Arrays.equals(samples, back.audio("speech/recording-1").samples()), "the recording's audio is kept");
    }

    @Test
    void embedInfoExportImportEndToEnd() throws IOException {
        Path m = corpus();
        Path out = dir.resolve("s.cmw");
        CliRun r = run("embed", "--audio", m.toString(), "--text", dir.resolve("words.txt").toString(), "--out", out.toString(),
                "--cache", dir.resolve("cache").toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote " + out), r.out());
        assertTrue(r.out().contains("computed 5 vectors, 0 from the cache"), r.out());
        CliRun again = run("embed", "--audio", m.toString(), "--text", dir.resolve("words.txt").toString(), "--out", out.toString(),
                "--cache", dir.resolve("cache").toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("computed 0 vectors, 5 from the cache"), again.out());

        CliRun info = run("info", out.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("items: 2 speech (2 speakers), 3 text"), info.out());
        assertFalse(info.out().contains("recordings with their audio"), "no recording made in the window: " + info.out());
        assertTrue(info.out().contains("speech:fake-speech  speech  2 x 3"), info.out());
        assertTrue(info.out().contains("text:fake-text  text  3 x 2"), info.out());
        assertTrue(info.out().contains("model.sha256 = "), info.out());

        for (String f : List.of("projector", "npy", "csv")) {
            Path d = dir.resolve("x-" + f);
            CliRun ex = run("export", out.toString(), "--format", f, "--out", d.toString());
            assertEquals(0, ex.code(), ex.err());
            assertEquals(f.equals("csv") ? 2 : 4, ex.out().strip().split("\n").length, ex.out());
        }
        assertTrue(Files.exists(dir.resolve("x-projector/speech_fake-speech/tensors.tsv")));
        assertEquals("id\tlabel\tmodality\tspeaker\tsource", Files.readAllLines(dir.resolve("x-projector/speech_fake-speech/metadata.tsv")).getFirst());
        Npy.Matrix npy;
        try (var in = Files.newInputStream(dir.resolve("x-npy/text_fake-text/embeddings.npy"))) {
            npy = Npy.read(in, "x");
        }
        Session s = SessionStore.open(out);
        assertEquals(3, npy.rows());
        assertTrue(Arrays.equals(s.space("text:fake-text").data(), npy.data()));

        // the exported projector files come back in as a second space over the same items
        CliRun im = run("import", "--vectors", dir.resolve("x-projector/text_fake-text/tensors.tsv").toString(),
                "--metadata", dir.resolve("x-projector/text_fake-text/metadata.tsv").toString(),
                "--modality", "text", "--space", "text:again", "--out", out.toString());
        assertEquals(0, im.code(), im.err());
        assertTrue(im.out().contains("updated " + out + ": space text:again with 3 x 2 (0 new items, 3 existing)"), im.out());
        Session s2 = SessionStore.open(out);
        assertTrue(Arrays.equals(s2.space("text:fake-text").data(), s2.space("text:again").data()));
        assertEquals(5, s2.items().size());
        CliRun dup = run("import", "--vectors", dir.resolve("x-npy/text_fake-text/embeddings.npy").toString(),
                "--modality", "text", "--space", "text:again", "--out", out.toString());
        assertEquals(1, dup.code());
        assertTrue(dup.err().contains("already has a space 'text:again'") && dup.err().contains("--replace"), dup.err());
        // into a new session, without metadata
        Path fresh = dir.resolve("fresh.cmw");
        CliRun im2 = run("import", "--vectors", dir.resolve("x-npy/text_fake-text/embeddings.npy").toString(),
                "--modality", "speech", "--space", "ext", "--out", fresh.toString());
        assertEquals(0, im2.code(), im2.err());
        assertTrue(im2.out().startsWith("created " + fresh), im2.out());
        assertEquals(3, SessionStore.open(fresh).items().size());
    }

    private int fakesEncodedSoFar() {
        return fakes.speechEncoded.get() + fakes.textEncoded.get();
    }

    @Test
    void badInputsGiveOneLineReasonsAndNonZeroCodes() throws IOException {
        Path m = corpus();
        int before;
        Path missing = dir.resolve("nope.tsv");
        CliRun r = run("embed", "--audio", missing.toString(), "--out", dir.resolve("o.cmw").toString(), "--no-cache");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().startsWith("workbench embed: Audio input " + missing + " does not exist"), r.err());

        Files.writeString(m, "path\ttranscript\na/one.wav\tone\na/gone.wav\tgone\na/two.wav\t\n");
        r = run("embed", "--audio", m.toString(), "--out", dir.resolve("o.cmw").toString(), "--no-cache");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("line 3:") && r.err().contains("line 4:") && r.err().contains("--skip-bad"), r.err());
        assertFalse(Files.exists(dir.resolve("o.cmw")));
        r = run("embed", "--audio", m.toString(), "--out", dir.resolve("o.cmw").toString(), "--no-cache", "--skip-bad");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("skipped " + m + " line 3:") && r.err().contains("skipped " + m + " line 4:"), r.err());
        assertTrue(r.out().contains("1 skipped") || r.out().contains("2 skipped"), r.out());

        before = fakesEncodedSoFar();
        Path trunc = dir.resolve("t.cmw");
        byte[] b = Files.readAllBytes(dir.resolve("o.cmw"));
        Files.write(trunc, Arrays.copyOf(b, b.length / 2));
        r = run("info", trunc.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("workbench info: Session file " + trunc + " is damaged"), r.err());

        r = run("export", dir.resolve("o.cmw").toString(), "--format", "xml", "--out", dir.resolve("e").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("use projector, npy or csv"), r.err());

        r = run("embed", "--audio", m.toString(), "--out", dir.toString(), "--no-cache", "--skip-bad");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(dir + " is a folder"), r.err());
        assertEquals(0, fakesEncodedSoFar() - before, "refused before any encoding");

        r = run("embed", "--out", dir.resolve("o2.cmw").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Nothing to embed"), r.err());

        r = run("embed", "--audio", m.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--out") && r.err().contains("--help"), r.err());

        r = run("import", "--vectors", m.toString(), "--modality", "smell", "--space", "x", "--out", dir.resolve("i.cmw").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Unknown modality 'smell'"), r.err());
    }
}
