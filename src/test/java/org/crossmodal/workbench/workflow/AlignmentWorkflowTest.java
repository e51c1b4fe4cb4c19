package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.crossmodal.workbench.align.AlignmentInput;
import org.crossmodal.workbench.align.Linalg;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;
import org.crossmodal.workbench.session.Session;

/** The align / evaluate / neighbours use cases on a session built from a planted problem. */
class AlignmentWorkflowTest {
    @TempDir Path dir;

    /**
     * Speech rows: every shared word recorded twice (noisy copies) plus unlabelled distractors; text rows: a
     * rotation of the words embedded isometrically into extraDims more dimensions, so PCA must bring them back.
     */
    static Session session(int words, int distractors, int d, int extraDims, long seed) {
        AlignmentInput p = RetrievalBenchmark.planted(words, distractors, d, 0.2, true, seed);
        Random r = new Random(seed + 1);
        Session s = new Session();
        List<String> sid = new ArrayList<>();
        List<float[]> srows = new ArrayList<>();
        for (int i = 0; i < p.nx(); i++) {
            int key = p.xKey()[i];
            int copies = key >= 0 ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                String id = "speech/" + i + "-" + c + ".wav";
                s.addItem(new Item(id, Modality.SPEECH, key >= 0 ? (c == 0 ? "Word" + key : "word" + key + ".") : "", id, "spk" + c));
                float[] v = new float[d];
                for (int k = 0; k < d; k++) v[k] = p.x()[i * d + k] + (float) (0.05 * r.nextGaussian() / Math.sqrt(d));
                sid.add(id);
                srows.add(v);
            }
        }
        int dt = d + extraDims;
        double[] emb = Linalg.randomOrthogonal(dt, r); // first d columns: an isometric embedding R^d -> R^dt
        List<String> tid = new ArrayList<>();
        List<float[]> trows = new ArrayList<>();
        for (int j = 0; j < p.ny(); j++) {
            int key = p.yKey()[j];
            String id = "text/" + (key >= 0 ? "word" + key : "other" + j);
            s.addItem(new Item(id, Modality.TEXT, key >= 0 ? "word" + key : "other" + j, null, null));
            float[] v = new float[dt];
            for (int a = 0; a < dt; a++) {
                double sum = 0;
                for (int k = 0; k < d; k++) sum += emb[a * dt + k] * p.y()[j * d + k];
                v[a] = (float) sum;
            }
            tid.add(id);
            trows.add(v);
        }
        s.putSpace(EmbeddingSet.ofRows("speech:test", Modality.SPEECH, sid, srows.toArray(float[][]::new), null, Provenance.of("test")));
        s.putSpace(EmbeddingSet.ofRows("text:test", Modality.TEXT, tid, trows.toArray(float[][]::new), null, Provenance.of("test")));
        return s;
    }

    static RetrievalContext.Evaluation eval(Session s, RetrievalMethod m) {
        return RetrievalContext.of(s, null).evaluate(RetrievalOptions.defaults(m), ProgressListener.NONE, Cancellation.NONE);
    }

    @Test
    void procrustesFromTranscriptsAcrossDimensionsStoresMapAndSpaces() {
        Session s = session(300, 60, 24, 8, 3);
        assertThrows(WorkbenchException.class, () -> RetrievalContext.of(s, null), "raw spaces of different dimension");
        var out = AlignmentWorkflow.align(s, AlignmentWorkflow.Request.of("procrustes"), ProgressListener.NONE, Cancellation.NONE);
        assertTrue(out.result().success());
        assertEquals(24, out.commonDim());
        assertNotNull(s.alignments().get("procrustes"));
        assertEquals(24, s.alignments().get("procrustes").rows());
        assertEquals(24, s.alignments().get("procrustes").cols());
        assertNotNull(s.space("speech:test@procrustes"));
        assertNotNull(s.space("text:test@procrustes"));
        var ev = eval(s, RetrievalMethod.CSLS);
        assertTrue(ev.speechToText().metrics().pAt1() > 0.9, "P@1 " + ev.speechToText().metrics().pAt1());
        assertEquals(600, ev.speechToText().metrics().nQueries(), "every labelled recording counts");
        assertEquals(60, ev.speechToText().metrics().nWithoutMatch(), "distractor recordings have no match");
        assertEquals(300, ev.textToSpeech().metrics().nQueries());
        assertTrue(ev.textToSpeech().metrics().pAt1() > 0.9);
        // neighbours of a word list recordings of it first, and of a recording the word
        var ctx = RetrievalContext.of(s, null);
        var nw = ctx.neighboursOfWord("Word7", RetrievalOptions.defaults(RetrievalMethod.CSLS), Cancellation.NONE);
        assertEquals(1, nw.trueMatchRank());
        assertTrue(nw.neighbours().get(0).trueMatch());
        assertEquals(Modality.SPEECH, nw.neighbours().get(0).modality());
        var big = ctx.neighboursOfWord("word7", RetrievalOptions.defaults(RetrievalMethod.NN).withK(1000), Cancellation.NONE);
        assertEquals(660, big.neighbours().size(), "k larger than the set is capped at its size");
        assertThrows(WorkbenchException.class, () -> ctx.neighboursOfWord("nosuchword", RetrievalOptions.defaults(RetrievalMethod.NN), Cancellation.NONE));
    }

    @Test
    void anAdversarialBudgetIsCheckedAndOnlyForTheAdversarialMethod() {
        var r = new AlignmentWorkflow.Request("adversarial", null, 1, -1, true, null, null, 20_000);
        assertEquals(20_000, r.adversarialIterations());
        assertEquals(0, new AlignmentWorkflow.Request("adversarial", null, 1, -1, true, null, null).adversarialIterations());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AlignmentWorkflow.Request("procrustes", null, 1, -1, true, null, null, 100));
        assertTrue(e.getMessage().contains("only by --method adversarial"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AlignmentWorkflow.Request("adversarial", null, 1, -1, true, null, null, -5));
    }

    @Test
    void theAdversarialStartIsCheckedAndReachesTheAligner() {
        assertThrows(IllegalArgumentException.class,
                () -> new AlignmentWorkflow.Request("procrustes", null, 1, -1, true, null, null, 0, "identity"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new AlignmentWorkflow.Request("adversarial", null, 1, -1, true, null, null, 0, "random"));
        assertTrue(e.getMessage().contains("pca or identity"), e.getMessage());
        for (String start : new String[] {"identity", "pca"}) {
            Session s = session(300, 0, 20, 0, 4);
            var out = AlignmentWorkflow.align(s, new AlignmentWorkflow.Request("adversarial", null, 2, 1, true, null, null, 50, start),
                    ProgressListener.NONE, Cancellation.NONE);
            assertEquals(start, out.result().report().get("init"));
            // the principal-axes start is the first candidate of the model selection
            assertEquals(start.equals("pca") ? 6 : 5, ((java.util.List<?>) out.result().report().get("epoch_criteria")).size());
        }
    }

    @Test
    void selfLearningFindsTheMapWithoutPairsAndSurvivesSaveAndOpen() {
        Session s = session(400, 100, 20, 0, 4);
        var out = AlignmentWorkflow.align(s, new AlignmentWorkflow.Request("self-learning", null, 2, -1, true, null, null),
                ProgressListener.NONE, Cancellation.NONE);
        assertTrue(out.result().success(), out.result().verdict());
        double unsup = eval(s, RetrievalMethod.CSLS).speechToText().metrics().pAt1();
        Session s2 = session(400, 100, 20, 0, 4);
        AlignmentWorkflow.align(s2, AlignmentWorkflow.Request.of("procrustes"), ProgressListener.NONE, Cancellation.NONE);
        double sup = eval(s2, RetrievalMethod.CSLS).speechToText().metrics().pAt1();
        assertTrue(unsup > sup - 0.05, "unsupervised " + unsup + " vs supervised " + sup);
        Path f = dir.resolve("s.cmw");
        SessionWorkflow.save(s, f, Cancellation.NONE);
        Session back = SessionWorkflow.open(f);
        assertEquals(unsup, eval(back, RetrievalMethod.CSLS).speechToText().metrics().pAt1(), 1e-12);
    }

    @Test
    void dictionaryErrorsAndUnknownEntries() throws Exception {
        Session s = session(200, 20, 16, 0, 5);
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "# nothing\n\n");
        var e1 = assertThrows(WorkbenchException.class, () -> AlignmentWorkflow.align(s,
                new AlignmentWorkflow.Request("procrustes", empty, 1, -1, true, null, null), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e1.getMessage().contains("empty.tsv") && e1.getMessage().contains("no entries"), e1.getMessage());
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "word1\tword1\nword2 word2\n");
        var e2 = assertThrows(WorkbenchException.class, () -> AlignmentWorkflow.align(s,
                new AlignmentWorkflow.Request("procrustes", bad, 1, -1, true, null, null), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e2.getMessage().contains("line 2"), e2.getMessage());
        Path allUnknown = Files.writeString(dir.resolve("unknown.tsv"), "zebra\tzebra\n");
        var e3 = assertThrows(WorkbenchException.class, () -> AlignmentWorkflow.align(s,
                new AlignmentWorkflow.Request("procrustes", allUnknown, 1, -1, true, null, null), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e3.getMessage().contains("zebra"), e3.getMessage());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) sb.append("word").append(i).append('\t').append("WORD").append(i).append('\n');
        sb.append("yak\tword3\n").append("word4\tgnu\n");
        Path partly = Files.writeString(dir.resolve("partly.tsv"), sb.toString());
        var out = AlignmentWorkflow.align(s, new AlignmentWorkflow.Request("procrustes", partly, 1, -1, true, null, null),
                ProgressListener.NONE, Cancellation.NONE);
        assertEquals(2, out.unknownEntries().size(), "unknown entries are reported: " + out.unknownEntries());
        assertTrue(out.unknownEntries().get(0).contains("yak"));
        assertTrue(out.unknownEntries().get(1).contains("gnu"));
        assertEquals(200, out.dictionaryPairs(), "pooled: one pair per known word");
        assertThrows(IllegalArgumentException.class, () -> new AlignmentWorkflow.Request("adversarial", partly, 1, -1, true, null, null));
        assertThrows(IllegalArgumentException.class, () -> AlignmentWorkflow.Request.of("magic"));
    }

    @Test
    void badSpaces() {
        // NaN row
        Session s = session(50, 0, 8, 0, 6);
        EmbeddingSet sp = s.space("speech:test");
        float[] data = sp.data().clone();
        data[3] = Float.NaN;
        s.putSpace(new EmbeddingSet(sp.space(), sp.modality(), sp.itemIds(), sp.dim(), data, null, sp.provenance()));
        var e = assertThrows(WorkbenchException.class, () -> AlignmentWorkflow.align(s, AlignmentWorkflow.Request.of("procrustes"),
                ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains(sp.itemIds().get(0)), e.getMessage());
        // a space with one item
        Session one = new Session();
        one.addItem(new Item("speech/a", Modality.SPEECH, "a", null, null));
        one.addItem(new Item("text/a", Modality.TEXT, "a", null, null));
        one.addItem(new Item("text/b", Modality.TEXT, "b", null, null));
        one.putSpace(EmbeddingSet.ofRows("speech:x", Modality.SPEECH, List.of("speech/a"), new float[][] {{1, 0}}, null, Provenance.of("t")));
        one.putSpace(EmbeddingSet.ofRows("text:x", Modality.TEXT, List.of("text/a", "text/b"), new float[][] {{1, 0}, {0, 1}}, null, Provenance.of("t")));
        var e2 = assertThrows(WorkbenchException.class, () -> AlignmentWorkflow.align(one, AlignmentWorkflow.Request.of("procrustes"),
                ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e2.getMessage().contains("only 1 item"), e2.getMessage());
        // identity across dimensions
        Session s3 = session(50, 0, 8, 4, 7);
        var e3 = assertThrows(WorkbenchException.class, () -> AlignmentWorkflow.align(s3, AlignmentWorkflow.Request.of("identity"),
                ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e3.getMessage().contains("identity"), e3.getMessage());
    }

    @Test
    void duplicateTextLabelsBothCountAsTrueMatchAndAreReported() {
        Session s = session(60, 0, 8, 0, 8);
        EmbeddingSet tx = s.space("text:test");
        List<String> ids = new ArrayList<>(tx.itemIds());
        float[] data = java.util.Arrays.copyOf(tx.data(), tx.data().length + tx.dim());
        System.arraycopy(tx.data(), 0, data, tx.data().length, tx.dim());
        String firstLabel = s.item(ids.get(0)).label();
        s.addItem(new Item("text/dup", Modality.TEXT, firstLabel.toUpperCase() + "!", null, null));
        ids.add("text/dup");
        s.putSpace(new EmbeddingSet(tx.space(), Modality.TEXT, ids, tx.dim(), data, null, tx.provenance()));
        AlignmentWorkflow.align(s, AlignmentWorkflow.Request.of("procrustes"), ProgressListener.NONE, Cancellation.NONE);
        var ev = eval(s, RetrievalMethod.NN);
        assertEquals(1, ev.duplicateTextLabels());
        assertTrue(ev.notes().stream().anyMatch(n -> n.contains("repeat")));
        assertFalse(ev.speechToText().metrics().pAt1() < 0.9);
    }
}
