package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Labels;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Items added to an aligned session are brought into the aligned spaces with the stored preprocessing and map,
 * at once. Planted towers that were not trained together: a word's text vector is a fixed random unit vector;
 * a recording of word w by speaker k (a file whose bytes are w, k, 2, 3) encodes to a fixed random linear image
 * of that vector plus noise fixed by (w, k). So a new recording with the bytes of an existing one has exactly
 * that recording's raw vector, and a typed "W3" has exactly the raw vector of "w3": their aligned rows must be
 * the rows the alignment itself produced for those twins, and their neighbours the twins' neighbours.
 */
class AlignedAdditionsTest {
    static final int WORDS = 12;
    static final List<String> SPEAKERS = List.of("a", "b", "c", "d");
    @TempDir
    Path dir;

    static float[] textVector(String word, int dim) {
        return PlantedEncoders.unitVector(Labels.matchKey(word).hashCode(), dim);
    }

    /** Text of dimension {@code textDim}; speech of dimension {@code speechDim} = A t + noise. */
    static final class Towers extends PlantedEncoders {
        final int speechDim, textDim;

        Towers(int speechDim, int textDim) {
            super("builtin", info("s", Modality.SPEECH, speechDim, "planted", "s", true),
                    w -> speech(Math.round(w[0] * 128), Math.round(w[1] * 128), speechDim, textDim),
                    info("t", Modality.TEXT, textDim, "planted", "t", true), w -> textVector(w, textDim));
            this.speechDim = speechDim;
            this.textDim = textDim;
        }

        float[] speech(int word, int speaker) {
            return speech(word, speaker, speechDim, textDim);
        }

        static float[] speech(int word, int speaker, int speechDim, int textDim) {
            float[] t = textVector("w" + word, textDim);
            Random a = new Random(11), noise = new Random(1000L * word + speaker);
            float[] v = new float[speechDim];
            for (int r = 0; r < speechDim; r++) {
                double s = 0;
                for (int c = 0; c < textDim; c++) s += a.nextGaussian() * t[c];
                v[r] = (float) (s + 0.05 * noise.nextGaussian());
            }
            return v;
        }
    }

    private Path demo() throws Exception {
        return demo(dir);
    }

    /** The planted corpus in {@code dir}/demo: manifest.tsv (word w by speaker k: bytes w, k, 2, 3) and words.txt. */
    static Path demo(Path dir) throws Exception {
        return demo(dir, WORDS, SPEAKERS);
    }

    /** The planted corpus of words w0, w1, ... each recorded by every speaker (word w by speaker k: bytes w, k, 2, 3). */
    static Path demo(Path dir, int wordCount, List<String> speakers) throws Exception {
        Path d = dir.resolve("demo");
        Files.createDirectories(d.resolve("audio"));
        StringBuilder manifest = new StringBuilder("path\ttranscript\tspeaker\n");
        List<String> words = new ArrayList<>();
        for (int w = 0; w < wordCount; w++) {
            words.add("w" + w);
            for (int k = 0; k < speakers.size(); k++) {
                String spk = speakers.get(k);
                Files.write(d.resolve("audio/" + spk + w + ".wav"), new byte[] {(byte) w, (byte) k, 2, 3});
                manifest.append("audio/").append(spk).append(w).append(".wav\tw").append(w).append('\t').append(spk).append('\n');
            }
        }
        Files.writeString(d.resolve("manifest.tsv"), manifest);
        Files.write(d.resolve("words.txt"), words);
        return d;
    }

    /** Speech and text of different dimensions (the alignment projects both by PCA), no map. */
    @Test
    void additionsToAnAlignmentWithPcaGetTheirTwinsRowsAndNeighbours() throws Exception {
        Towers towers = new Towers(10, 8);
        Path d = demo();
        var session = new EmbedWorkflow(towers, LiveSessionTest.BYTES, (Path) null)
                .run(EmbedWorkflow.Options.of(d.resolve("manifest.tsv"), d.resolve("words.txt")), ProgressListener.NONE, Cancellation.NONE)
                .session();
        Path f = dir.resolve("embedded.cmw");
        SessionWorkflow.save(session, f, Cancellation.NONE);
        LiveSession s = new LiveSession(towers, LiveSessionTest.BYTES, null);
        s.open(f);
        s.align("procrustes", null, ProgressListener.NONE, Cancellation.NONE);
        assertNotNull(s.session().alignments().get("procrustes").preprocessing().sourceProjection(), "the PCA path is taken");
        addAndCompare(s);

        // the preprocessing is saved: a reopened session brings new items in the same way
        Path g = dir.resolve("aligned.cmw");
        s.save(g, Cancellation.NONE);
        LiveSession again = new LiveSession(towers, LiveSessionTest.BYTES, null);
        again.open(g);
        String rec = again.addRecording(new float[] {7 / 128f, 1 / 128f, 2 / 128f, 3 / 128f}, 16_000, "w7",
                ProgressListener.NONE, Cancellation.NONE);
        assertSameRowAndNeighbours(again, rec, EmbedWorkflow.SPEECH_ID + "audio/b7.wav");
    }

    static final ProjectSettings TSNE = new ProjectSettings("tsne", 8, 250, 0, 7, 1, 0.5);

    /** The planted demo (speech and text of one dimension) opened with a map and aligned by procrustes. */
    private LiveSession alignedDemo() throws Exception {
        LiveSession s = new LiveSession(new Towers(8, 8), LiveSessionTest.BYTES, null);
        s.openDemo(demo(), TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        s.align("procrustes", null, ProgressListener.NONE, Cancellation.NONE);
        return s;
    }

    /** Speech and text of one dimension; the map is made again after alignment, so it shows the aligned spaces. */
    @Test
    void additionsToAnAlignedMapArePlacedAndGetTheirTwinsNeighbours() throws Exception {
        LiveSession s = alignedDemo();
        assertNull(s.session().alignments().get("procrustes").preprocessing().sourceProjection(), "same dimension: no PCA");
        s.project(TSNE, ProgressListener.NONE, Cancellation.NONE, LiveSession.MapListener.NONE);
        String spaces = s.mapProvenance().get("input.spaces");
        assertTrue(spaces.contains("@procrustes"), "the map shows the aligned spaces: " + spaces);
        int before = s.layout().items().size();
        List<String> added = addAndCompare(s);
        List<String> onMap = s.layout().items().stream().map(Item::id).toList();
        assertEquals(before + 2, onMap.size());
        assertTrue(onMap.containsAll(added), "both new items are on the map");
    }

    /** A map of the raw speech space and the aligned text space puts speech where the alignment put it. */
    @Test
    void projectingRawSpeechWithTheAlignedTextUsesTheAlignedSpeechRows() throws Exception {
        LiveSession s = alignedDemo();
        LinearMap m = s.session().alignments().get("procrustes");
        ProjectionWorkflow.Input in = ProjectionWorkflow.input(s.session(), List.of(m.sourceSpace(), m.targetSpace()));
        EmbeddingSet aligned = s.session().space(m.sourceSpace() + "@procrustes");
        int checked = 0;
        for (int r = 0; r < in.itemIds().size(); r++) {
            int a = aligned.itemIds().indexOf(in.itemIds().get(r));
            if (a < 0) continue;
            float[] want = aligned.row(a);
            for (int c = 0; c < want.length; c++) assertEquals(want[c], in.data()[r * in.dim() + c], 2e-5, "row " + r);
            checked++;
        }
        assertEquals(aligned.size(), checked, "every aligned speech row is on the map input");
    }

    /** Adds a recording twin of c5 and the word "W3" (twin of "w3"); returns their ids. */
    private static List<String> addAndCompare(LiveSession s) {
        String rec = s.addRecording(new float[] {5 / 128f, 2 / 128f, 2 / 128f, 3 / 128f}, 16_000, "w5",
                ProgressListener.NONE, Cancellation.NONE);
        String word = s.addTexts(List.of("W3"), ProgressListener.NONE, Cancellation.NONE).get(0);
        assertEquals(EmbedWorkflow.TEXT_ID + "W3", word);
        assertSameRowAndNeighbours(s, rec, EmbedWorkflow.SPEECH_ID + "audio/c5.wav");
        assertSameRowAndNeighbours(s, word, EmbedWorkflow.TEXT_ID + "w3");
        // the new word is also a candidate for the recordings: a recording of w3 finds both texts of w3 first
        RetrievalContext.NeighbourList l = s.neighbours(EmbedWorkflow.SPEECH_ID + "audio/a3.wav", 2, false, false, Cancellation.NONE);
        assertEquals(List.of("W3", "w3"), l.neighbours().stream().map(RetrievalContext.Neighbour::label).sorted().toList());
        return List.of(rec, word);
    }

    /** The added item's aligned row is its twin's (float tolerance) and it has the same neighbours, scores and rank. */
    private static void assertSameRowAndNeighbours(LiveSession s, String added, String twin) {
        LinearMap m = s.session().alignments().get("procrustes");
        boolean speech = s.session().item(added).modality() == Modality.SPEECH;
        EmbeddingSet aligned = s.session().space(speech ? m.sourceSpace() + "@procrustes" : m.targetSpace());
        Map<String, Integer> row = aligned.indexById();
        assertTrue(row.containsKey(added), added + " is in " + aligned.space());
        float[] a = aligned.row(row.get(added)), b = aligned.row(row.get(twin));
        for (int c = 0; c < a.length; c++) assertEquals(b[c], a[c], 2e-5, "dimension " + c + " of " + added);
        for (boolean csls : new boolean[] {false, true}) {
            RetrievalContext.NeighbourList n = s.neighbours(added, 6, csls, false, Cancellation.NONE);
            RetrievalContext.NeighbourList t = s.neighbours(twin, 6, csls, false, Cancellation.NONE);
            assertEquals(t.neighbours().stream().map(RetrievalContext.Neighbour::itemId).toList(),
                    n.neighbours().stream().map(RetrievalContext.Neighbour::itemId).toList(), "neighbours of " + added);
            for (int i = 0; i < n.neighbours().size(); i++) {
                assertEquals(t.neighbours().get(i).score(), n.neighbours().get(i).score(), 1e-4);
            }
            assertTrue(n.neighbours().stream().allMatch(x -> x.modality() != s.session().item(added).modality()),
                    "neighbours come from the other modality");
            assertEquals(t.trueMatchRank(), n.trueMatchRank());
            assertTrue(n.trueMatchRank() > 0, "it has a rank: " + added);
        }
    }

    /** A session saved before the preprocessing was recorded still says to align again, as before. */
    @Test
    void anAlignmentWithoutRecordedPreprocessingAsksToAlignAgain() throws Exception {
        Towers towers = new Towers(8, 8);
        LiveSession s = new LiveSession(towers, LiveSessionTest.BYTES, null);
        s.openDemo(demo(), new ProjectSettings("pca", 8, 250, 0, 7, 1, 0.5), ProgressListener.NONE, Cancellation.NONE,
                LiveSession.MapListener.NONE);
        s.align("procrustes", null, ProgressListener.NONE, Cancellation.NONE);
        LinearMap m = s.session().alignments().get("procrustes");
        s.session().putAlignment(new LinearMap(m.name(), m.sourceSpace(), m.targetSpace(), m.rows(), m.cols(), m.w(), m.provenance()));
        String word = s.addTexts(List.of("W3"), ProgressListener.NONE, Cancellation.NONE).get(0);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> s.neighbours(word, 3, false, false, Cancellation.NONE));
        assertTrue(e.getMessage().contains("run the alignment again"), e.getMessage());
    }
}
