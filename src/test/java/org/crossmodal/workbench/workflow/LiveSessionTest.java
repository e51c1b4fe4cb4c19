package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's session use cases on a planted shared space: word i's text vector is a fixed random
 * unit vector, and a recording of word i (a file whose first byte is i) encodes to that vector plus
 * a little noise, so every recording's true match is its nearest text.
 */
class LiveSessionTest {
    static final int DIM = 8, WORDS = 12;
    /** Six recordings per word, so that a word's points outnumber the placement's neighbourhood (perplexity 5). */
    static final List<String> SPEAKERS = List.of("a", "b", "c", "d", "e", "f");
    static final int ITEMS = WORDS * (SPEAKERS.size() + 1);
    @TempDir
    Path dir;

    static float[] wordVector(String w) {
        return PlantedEncoders.unitVector(w.hashCode(), DIM);
    }

    /** A recording of word i encodes to word i's text vector plus a little noise (from one generator per provider). */
    static class Planted extends PlantedEncoders {
        Planted() {
            this(new Random(3));
        }

        private Planted(Random noise) {
            super("builtin", info("p-speech", Modality.SPEECH, DIM, "planted", "s", true), w -> {
                float[] v = wordVector("w" + Math.round(w[0] * 128)).clone();
                for (int d = 0; d < DIM; d++) v[d] += (float) (0.05 * noise.nextGaussian());
                return v;
            }, info("p-text", Modality.TEXT, DIM, "planted", "t", true), LiveSessionTest::wordVector);
        }
    }

    /** A file "recording" of word i: its first byte is i (read back as i / 128). */
    static final AudioInput BYTES = (file, rate, trim) -> {
        try {
            byte[] b = Files.readAllBytes(file);
            float[] w = new float[b.length];
            for (int i = 0; i < b.length; i++) w[i] = b[i] / 128f;
            return w;
        } catch (java.io.IOException e) {
            throw new WorkbenchException("cannot read " + file, e);
        }
    };

    /** The planted corpus of {@link AlignedAdditionsTest#demo(Path, int, List)}: six recordings of each word. */
    private Path demo() throws Exception {
        return AlignedAdditionsTest.demo(dir, WORDS, SPEAKERS);
    }

    private static final ProjectSettings TSNE = new ProjectSettings("tsne", 10, 400, 0, 7, 1, 0.5);

    private LiveSession opened(Planted enc, List<List<Item>> begun, AtomicInteger frames) throws Exception {
        LiveSession s = new LiveSession(enc, BYTES, null);
        assertNull(s.demoProblem(demo()));
        s.openDemo(demo(), TSNE, ProgressListener.NONE, Cancellation.NONE, new LiveSession.MapListener() {
            @Override public void begin(List<Item> items) { begun.add(items); }
            @Override public void frame(float[] xy) { frames.incrementAndGet(); }
        });
        return s;
    }

    @Test
    void demoIsEmbeddedAndMappedWithLiveFrames() throws Exception {
        List<List<Item>> begun = new ArrayList<>();
        AtomicInteger frames = new AtomicInteger();
        LiveSession s = opened(new Planted(), begun, frames);
        LiveSession.Layout l = s.layout();
        assertEquals(ITEMS, l.items().size());
        assertEquals(1, begun.size());
        assertEquals(l.items().stream().map(Item::id).toList(), begun.get(0).stream().map(Item::id).toList(),
                "the frames' order is the map's order");
        assertTrue(frames.get() > 0, "the map was streamed while it was made");
        Map<String, Boolean> nn = s.nearestIsTrueMatch(ProgressListener.NONE, Cancellation.NONE);
        assertEquals(ITEMS, nn.size());
        assertTrue(nn.values().stream().allMatch(b -> b), "planted: every nearest neighbour is the true match");
    }

    @Test
    void neighboursListTheTrueMatchFirst() throws Exception {
        LiveSession s = opened(new Planted(), new ArrayList<>(), new AtomicInteger());
        RetrievalContext.NeighbourList l = s.neighbours(EmbedWorkflow.SPEECH_ID + "audio/a4.wav", 5, false, false, Cancellation.NONE);
        assertEquals("w4", l.neighbours().get(0).label());
        assertTrue(l.neighbours().get(0).trueMatch());
        assertEquals(1, l.trueMatchRank());
        assertTrue(l.neighbours().stream().allMatch(n -> n.modality() == Modality.TEXT));
        RetrievalContext.NeighbourList own = s.neighbours(EmbedWorkflow.SPEECH_ID + "audio/a4.wav", 3, true, true, Cancellation.NONE);
        assertTrue(own.neighbours().stream().anyMatch(n -> n.modality() == Modality.SPEECH && n.label().equals("w4")),
                "with its own modality, another recording of the word is near");
        RetrievalContext.Evaluation ev = s.evaluate(false, ProgressListener.NONE, Cancellation.NONE);
        assertEquals(1.0, ev.speechToText().metrics().pAt1(), 1e-12);
        assertEquals(SPEAKERS.size() * WORDS, ev.speechToText().trueRanks().length);
    }

    @Test
    void addedItemsArePlacedWithoutMovingTheMap() throws Exception {
        LiveSession s = opened(new Planted(), new ArrayList<>(), new AtomicInteger());
        LiveSession.Layout before = s.layout();
        List<String> ids = s.addTexts(List.of("w2", "fresh"), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(List.of(EmbedWorkflow.TEXT_ID + "w2", EmbedWorkflow.TEXT_ID + "fresh"), ids, "w2 exists already");
        String rec = s.addRecording(new float[] {5 / 128f, 0.1f, 0.2f}, 16_000, "w5", ProgressListener.NONE, Cancellation.NONE);
        LiveSession.Layout after = s.layout();
        assertEquals(before.items().size() + 2, after.items().size());
        for (int i = 0; i < before.items().size(); i++) {
            int j = indexOf(after, before.items().get(i).id());
            assertEquals(before.xy()[2 * i], after.xy()[2 * j], 0f, "existing points stay where they were");
            assertEquals(before.xy()[2 * i + 1], after.xy()[2 * j + 1], 0f);
        }
        // the new recording lands next to the text of its word
        int r = indexOf(after, rec), t = indexOf(after, EmbedWorkflow.TEXT_ID + "w5");
        double toText = dist(after, r, t);
        double[] all = new double[after.items().size()];
        for (int i = 0; i < all.length; i++) all[i] = dist(after, r, i);
        Arrays.sort(all);
        assertTrue(toText <= all[all.length / 4], "placed among its word's points: " + toText + " vs quartile " + all[all.length / 4]);
        RetrievalContext.NeighbourList l = s.neighbours(rec, 3, false, false, Cancellation.NONE);
        assertEquals("w5", l.neighbours().get(0).label());
        // a saved and reopened session shows the same map
        Path f = dir.resolve("s.cmw");
        s.save(f, Cancellation.NONE);
        LiveSession again = new LiveSession(new Planted(), BYTES, null);
        again.open(f);
        assertEquals(after.items().stream().map(Item::id).toList(), again.layout().items().stream().map(Item::id).toList());
        assertArrayEquals(after.xy(), again.layout().xy());
    }

    @Test
    void filesAndFoldersAreAddedAndBadInputIsNamed() throws Exception {
        LiveSession s = opened(new Planted(), new ArrayList<>(), new AtomicInteger());
        Path more = dir.resolve("more");
        Files.createDirectories(more);
        Files.write(more.resolve("w7_2.wav"), new byte[] {7, 1});
        List<String> ids = s.addAudio(List.of(more), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(1, ids.size());
        assertEquals("w7", s.session().item(ids.get(0)).label(), "label from the file name");
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        Files.writeString(empty.resolve("notes.txt"), "not audio");
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> s.addAudio(List.of(empty), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        assertThrows(WorkbenchException.class, () -> s.addAudio(List.of(dir.resolve("missing.wav")), ProgressListener.NONE, Cancellation.NONE));
        assertEquals(ITEMS + 1, s.layout().items().size(), "failed adds leave the session as it was");
    }

    @Test
    void theDemoMapIsCachedForTheNextStart() throws Exception {
        Planted enc = new Planted();
        Path cache = dir.resolve("cache");
        LiveSession first = new LiveSession(enc, BYTES, cache);
        first.openDemo(demo(), TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        int calls = enc.speechCalls.get();
        assertTrue(calls > 0);
        LiveSession second = new LiveSession(enc, BYTES, cache);
        AtomicInteger begun = new AtomicInteger();
        second.openDemo(demo(), TSNE, ProgressListener.NONE, Cancellation.NONE, new LiveSession.MapListener() {
            @Override public void begin(List<Item> items) { begun.incrementAndGet(); }
            @Override public void frame(float[] xy) { }
        });
        assertEquals(calls, enc.speechCalls.get(), "nothing encoded again");
        assertEquals(0, begun.get(), "no map made again");
        assertArrayEquals(first.layout().xy(), second.layout().xy());
        // other settings make another map
        LiveSession third = new LiveSession(enc, BYTES, cache);
        third.openDemo(demo(), new ProjectSettings("tsne", 10, 300, 0, 7, 1, 0.5), ProgressListener.NONE, Cancellation.NONE,
                LiveSession.MapListener.NONE);
        assertFalse(Arrays.equals(first.layout().xy(), third.layout().xy()));
    }

    @Test
    void reembeddingUsesTheChosenModelsAndAFailureKeepsTheSession() throws Exception {
        Planted enc = new Planted() {
            @Override
            public SpeechEncoder openSpeech(String name, int threads) {
                if (name != null && !name.equals("p-speech")) {
                    throw new WorkbenchException("Model folder " + name + " has no model.json.");
                }
                return super.openSpeech(name, threads);
            }
        };
        LiveSession s = new LiveSession(enc, BYTES, null);
        s.openDemo(demo(), TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        s.addTexts(List.of("extra"), ProgressListener.NONE, Cancellation.NONE);
        LiveSession.Layout before = s.layout();
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> s.reembed("/no/such/model", null, TSNE,
                ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE));
        assertTrue(e.getMessage().contains("/no/such/model"));
        assertArrayEquals(before.xy(), s.layout().xy(), "the session is kept");
        int calls = enc.speechCalls.get();
        s.reembed("p-speech", null, TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        assertTrue(enc.speechCalls.get() > calls);
        assertEquals(ITEMS + 1, s.layout().items().size(), "re-embedded from the dataset, and the typed word is kept");
        assertTrue(s.session().hasItem(EmbedWorkflow.TEXT_ID + "extra"));
    }

    @Test
    void cancelledDemoKeepsThePreviousSession() throws Exception {
        LiveSession s = new LiveSession(new Planted(), BYTES, null);
        Cancellation c = new Cancellation();
        c.cancel();
        assertThrows(org.crossmodal.workbench.core.CancelledException.class,
                () -> s.openDemo(demo(), TSNE, ProgressListener.NONE, c, LiveSession.MapListener.NONE));
        assertTrue(s.layout().items().isEmpty());
        assertFalse(s.demoProblem(dir.resolve("nowhere")) == null);
    }

    private static int indexOf(LiveSession.Layout l, String id) {
        for (int i = 0; i < l.items().size(); i++) if (l.items().get(i).id().equals(id)) return i;
        throw new AssertionError("no item " + id);
    }

    private static double dist(LiveSession.Layout l, int a, int b) {
        return Math.hypot(l.xy()[2 * a] - l.xy()[2 * b], l.xy()[2 * a + 1] - l.xy()[2 * b + 1]);
    }
}
