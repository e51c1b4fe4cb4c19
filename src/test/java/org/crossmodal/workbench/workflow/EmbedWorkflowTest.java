package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.session.EmbeddingCache;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedWorkflowTest {
    @TempDir Path dir;

    private Path clip(String rel, String content) throws IOException {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }

    private EmbedWorkflow.Options opts(Path audio, Path text, boolean skipBad) {
        return new EmbedWorkflow.Options(audio, text, null, null, 2, false, skipBad, 2);
    }

    @Test
    void folderLabelsComeFromFileNamesAndSpeakersFromSubfolders() throws IOException {
        clip("rec/good_morning_2.wav", "abc");
        clip("rec/alice/hello-01.flac", "defg");
        clip("rec/bob/yes.mp3", "hi");
        clip("rec/notes.txt", "not audio, ignored");
        FakeEncoders f = new FakeEncoders();
        EmbedWorkflow w = new EmbedWorkflow(f, f.audio, EmbeddingCache.disabled());
        Session s = w.run(opts(dir.resolve("rec"), null, false), ProgressListener.NONE, Cancellation.NONE).session();
        List<Item> items = s.items(Modality.SPEECH);
        assertEquals(3, items.size());
        assertEquals(new Item("speech/alice/hello-01.flac", Modality.SPEECH, "hello", dir.resolve("rec/alice/hello-01.flac").toString(), "alice"), items.get(0));
        assertEquals("yes", items.get(1).label());
        assertEquals("bob", items.get(1).speaker());
        assertEquals("good morning", items.get(2).label());
        assertNull(items.get(2).speaker());
        EmbeddingSet e = s.space("speech:fake-speech");
        assertEquals(3, e.dim());
        // "abc" is 3 bytes: the fake vector is (sum, length, first)
        assertArrayEquals(new float[] {(97 + 98 + 99) / 128f, 3, 97 / 128f}, e.row(e.indexById().get("speech/good_morning_2.wav")), 1e-6f);
        assertEquals(FakeEncoders.SPEECH.sha256(), e.provenance().get("model.sha256"));
    }

    @Test
    void secondRunComputesNothingAndGivesTheSameVectors() throws IOException {
        Path m = dir.resolve("m.tsv");
        clip("a.wav", "aaaa");
        clip("sub/b.wav", "bbbbbb");
        Files.writeString(m, "path\ttranscript\tspeaker\na.wav\tapple\tann\nsub/b.wav\tbanana\t\n");
        Path words = clip("words.txt", "apple\n\nbanana\napple\n  cherry pie \n");
        FakeEncoders f = new FakeEncoders();
        EmbeddingCache cache = new EmbeddingCache(dir.resolve("cache"));
        EmbedWorkflow w = new EmbedWorkflow(f, f.audio, cache);
        EmbedWorkflow.Result r1 = w.run(opts(m, words, false), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(2, f.speechEncoded.get());
        assertEquals(3, f.textEncoded.get(), "blank lines skipped, repeats kept once");
        assertEquals(5, r1.computed());
        assertEquals(0, r1.cached());

        FakeEncoders f2 = new FakeEncoders();
        EmbedWorkflow w2 = new EmbedWorkflow(f2, f2.audio, new EmbeddingCache(dir.resolve("cache")));
        EmbedWorkflow.Result r2 = w2.run(opts(m, words, false), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(0, f2.speechEncoded.get(), "no speech recomputed");
        assertEquals(0, f2.textEncoded.get(), "no text recomputed");
        assertEquals(0, f2.decoded.get(), "no audio decoded");
        assertEquals(0, r2.computed());
        assertEquals(5, r2.cached());
        for (String space : List.of("speech:fake-speech", "text:fake-text")) {
            assertArrayEquals(r1.session().space(space).data(), r2.session().space(space).data(), space);
        }
        assertEquals(r1.session().items(), r2.session().items());
        assertEquals("ann", r2.session().item("speech/a.wav").speaker());
        assertEquals("cherry pie", r2.session().item("text/cherry pie").label());

        // a changed file is computed again; the unchanged one still comes from the cache
        Files.writeString(dir.resolve("a.wav"), "changed!");
        FakeEncoders f3 = new FakeEncoders();
        new EmbedWorkflow(f3, f3.audio, new EmbeddingCache(dir.resolve("cache"))).run(opts(m, null, false), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(1, f3.speechEncoded.get());
        // trimming silence changes the input, so it is a different key
        FakeEncoders f4 = new FakeEncoders();
        new EmbedWorkflow(f4, f4.audio, new EmbeddingCache(dir.resolve("cache")))
                .run(new EmbedWorkflow.Options(m, null, null, null, 1, true, false, 8), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(2, f4.speechEncoded.get());
        // so do other audio preparation settings (e.g. a changed resampler)
        FakeEncoders f5 = new FakeEncoders();
        AudioInput otherResampler = new AudioInput() {
            @Override public float[] load(Path file, int rate, boolean trim) { return f5.audio.load(file, rate, trim); }
            @Override public String settings() { return "resampler=other"; }
        };
        new EmbedWorkflow(f5, otherResampler, new EmbeddingCache(dir.resolve("cache"))).run(opts(m, null, false), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(2, f5.speechEncoded.get());
    }

    @Test
    void everyBadManifestRowIsReportedWithItsLine() throws IOException {
        clip("ok1.wav", "x1");
        clip("ok2.wav", "x2");
        Path m = clip("m.csv", "path,transcript\nok1.wav,one\nmissing.wav,two\n\"ok2.wav\",\"two, three\"\n,empty path\nok1.wav,again\nextra.wav,a,b\nok2.wav,\n");
        FakeEncoders f = new FakeEncoders();
        EmbedWorkflow w = new EmbedWorkflow(f, f.audio, EmbeddingCache.disabled());
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> w.run(opts(m, null, false), ProgressListener.NONE, Cancellation.NONE));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("5 bad rows in " + m), msg);
        for (String line : List.of("line 3:", "line 5:", "line 6:", "line 7:", "line 8:")) assertTrue(msg.contains(m + " " + line), line + " in " + msg);
        assertTrue(msg.contains("'missing.wav' does not exist"), msg);
        assertTrue(msg.contains("--skip-bad"), msg);
        assertFalse(msg.contains("line 2:") || msg.contains("line 4:"), msg);
        assertEquals(0, f.speechEncoded.get(), "nothing encoded before the manifest is known good");

        EmbedWorkflow.Result r = w.run(opts(m, null, true), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(5, r.warnings().size());
        assertEquals(List.of("one", "two, three"), r.session().items().stream().map(Item::label).toList());
    }

    @Test
    void undecodableFileStopsTheRunOrIsSkipped() throws IOException {
        clip("ok.wav", "fine");
        clip("bad.wav", "BAD header");
        Path m = clip("m.tsv", "path\ttranscript\nok.wav\tok\nbad.wav\tbad\n");
        FakeEncoders f = new FakeEncoders();
        EmbedWorkflow w = new EmbedWorkflow(f, f.audio, EmbeddingCache.disabled());
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> w.run(opts(m, null, false), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("bad.wav"), e.getMessage());
        EmbedWorkflow.Result r = w.run(opts(m, null, true), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(1, r.session().items().size());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().getFirst().contains("line 3"), r.warnings().toString());
    }

    @Test
    void missingOrEmptyInputsAreClearErrors() throws IOException {
        FakeEncoders f = new FakeEncoders();
        EmbedWorkflow w = new EmbedWorkflow(f, f.audio, EmbeddingCache.disabled());
        Path missing = dir.resolve("nope.tsv");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> w.run(opts(missing, null, false), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
        Path empty = clip("empty.tsv", "");
        e = assertThrows(WorkbenchException.class, () -> w.run(opts(empty, null, false), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains(empty + " is empty"), e.getMessage());
        Path headerOnly = clip("header.tsv", "path\ttranscript\n");
        e = assertThrows(WorkbenchException.class, () -> w.run(opts(headerOnly, null, false), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
        Path noHeader = clip("nohdr.tsv", "a.wav\thello\n");
        e = assertThrows(WorkbenchException.class, () -> w.run(opts(noHeader, null, false), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains("'path' and 'transcript'"), e.getMessage());
        Files.createDirectories(dir.resolve("nothing"));
        e = assertThrows(WorkbenchException.class, () -> w.run(opts(dir.resolve("nothing"), null, false), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains("holds no audio files"), e.getMessage());
        Path emptyWords = clip("w.txt", "\n  \n");
        e = assertThrows(WorkbenchException.class, () -> w.run(opts(null, emptyWords, false), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains(emptyWords + " is empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> opts(null, null, false));
    }

    @Test
    void cancelledRunWritesNoSession() throws IOException {
        for (int i = 0; i < 6; i++) clip("c/w" + i + ".wav", "sample " + i);
        FakeEncoders f = new FakeEncoders();
        Cancellation c = new Cancellation();
        f.cancelAfterFirstBatch = c;
        Path out = dir.resolve("out.cmw");
        EmbedWorkflow w = new EmbedWorkflow(f, f.audio, EmbeddingCache.disabled());
        assertThrows(CancelledException.class, () -> w.runAndSave(opts(dir.resolve("c"), null, false), out, ProgressListener.NONE, c));
        assertEquals(2, f.speechEncoded.get(), "stopped after the first batch of two");
        assertFalse(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("c")), s.toList(), "no temporary file left");
        }
        // without cancelling the same run saves a session that opens again
        FakeEncoders g = new FakeEncoders();
        new EmbedWorkflow(g, g.audio, EmbeddingCache.disabled()).runAndSave(opts(dir.resolve("c"), null, false), out, ProgressListener.NONE, Cancellation.NONE);
        assertEquals(6, SessionStore.open(out).items().size());
    }
}
