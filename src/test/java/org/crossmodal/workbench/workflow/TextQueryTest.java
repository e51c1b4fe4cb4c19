package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;
import org.crossmodal.workbench.session.Session;

/**
 * A text of another tower of the speech space (the phoneme tower) is looked up among the recordings: a planted
 * "IPA" tower that writes each word where the session's text tower does finds what that text item finds.
 */
class TextQueryTest {
    static final int N = 30, D = 8;

    /** The text tower's vector of word i (and, planted, the phoneme tower's vector of its "IPA" /i/). */
    static float[] wordVector(int i) {
        Random r = new Random(100 + i);
        float[] v = new float[D];
        for (int k = 0; k < D; k++) v[k] = (float) r.nextGaussian();
        return v;
    }

    static Session session(String sharedSpace) {
        Session s = new Session();
        Random r = new Random(5);
        List<String> sid = new ArrayList<>(), tid = new ArrayList<>();
        List<float[]> srows = new ArrayList<>(), trows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            for (int take = 0; take < 2; take++) {
                String id = "speech/w" + i + "_" + take + ".wav";
                s.addItem(new Item(id, Modality.SPEECH, "word" + i, id, null));
                sid.add(id);
                float[] v = wordVector(i);
                for (int k = 0; k < D; k++) v[k] += (float) (0.4 * r.nextGaussian());
                srows.add(v);
            }
            String t = "text/word" + i;
            s.addItem(new Item(t, Modality.TEXT, "word" + i, null, null));
            tid.add(t);
            trows.add(wordVector(i));
        }
        s.putSpace(EmbeddingSet.ofRows("speech:planted-speech", Modality.SPEECH, sid, srows.toArray(float[][]::new), sharedSpace, Provenance.of("t")));
        s.putSpace(EmbeddingSet.ofRows("text:planted-text", Modality.TEXT, tid, trows.toArray(float[][]::new), sharedSpace, Provenance.of("t")));
        return s;
    }

    static EncoderProvider phonemeTower(String sharedSpace, int dim) {
        var info = PlantedEncoders.info("planted-ipa", Modality.TEXT, dim, sharedSpace, "ab", true);
        var speech = PlantedEncoders.info("planted-speech", Modality.SPEECH, D, "planted", "cd", true);
        // "IPA" of word i is "/i/"
        return new PlantedEncoders("test", speech, w -> new float[D], info, ipa -> {
            float[] v = wordVector(Integer.parseInt(ipa.replace("/", "")));
            return dim == D ? v : java.util.Arrays.copyOf(v, dim);
        });
    }

    @Test
    void anIpaStringFindsWhatItsWordsTextItemFinds() {
        Session s = session("planted");
        RetrievalContext ctx = RetrievalContext.of(s, null);
        float[] v = TextQuery.vector(ctx, "/7/", "planted-ipa", phonemeTower("planted", D));
        for (RetrievalMethod m : RetrievalMethod.values()) {
            RetrievalOptions o = RetrievalOptions.defaults(m);
            var fromIpa = ctx.neighboursOfTextVector(v, "word7", o, Cancellation.NONE);
            var fromItem = ctx.neighbours("text/word7", o, Cancellation.NONE);
            assertEquals(Modality.TEXT, fromIpa.queryModality());
            assertEquals(1, fromIpa.trueMatchRank(), m + ": a recording of word7 comes first");
            assertEquals(fromItem.trueMatchRank(), fromIpa.trueMatchRank(), m + " rank");
            for (int i = 0; i < fromItem.neighbours().size(); i++) {
                assertEquals(fromItem.neighbours().get(i).itemId(), fromIpa.neighbours().get(i).itemId(), m + " neighbour " + i);
                assertEquals(fromItem.neighbours().get(i).score(), fromIpa.neighbours().get(i).score(), 1e-4, m + " score " + i);
            }
        }
        // without a label naming a word there is no true match to mark
        assertEquals(0, ctx.neighboursOfTextVector(v, "/7/", RetrievalOptions.defaults(RetrievalMethod.NN), Cancellation.NONE).trueMatchRank());
    }

    @Test
    void typedIpaBecomesEspeaksIpa() {
        assertEquals("h\u02c8\u00e6p\u0259nd", TextQuery.typedIpa(" /h'\u00e6p\u0259nd/ "));
        assertEquals("\u0261\u02c8\u028ad", TextQuery.typedIpa("[g'\u028ad]"));
        assertEquals("\u0279\u02c8i\u02d0d", TextQuery.typedIpa("r\u2019i:d"));
        assertEquals("\u03b8\u02c8\u0254\u02d0t", TextQuery.typedIpa("\u03b8\u02c8\u0254\u02d0t"), "espeak-ng's own IPA is kept");
        assertEquals("/", TextQuery.typedIpa("/"));
        assertEquals("", TextQuery.typedIpa(null));
    }

    @Test
    void badQueriesAreRefusedWithTheReason() {
        RetrievalContext ctx = RetrievalContext.of(session("planted"), null);
        var blank = assertThrows(WorkbenchException.class, () -> TextQuery.vector(ctx, "  ", "planted-ipa", phonemeTower("planted", D)));
        assertTrue(blank.getMessage().startsWith("The query text is empty"), blank.getMessage());
        var other = assertThrows(WorkbenchException.class, () -> TextQuery.vector(ctx, "/1/", "planted-ipa", phonemeTower("elsewhere", D)));
        assertTrue(other.getMessage().contains("shared space 'elsewhere'") && other.getMessage().contains("'planted'"), other.getMessage());
        var dim = assertThrows(WorkbenchException.class, () -> TextQuery.vector(ctx, "/1/", "planted-ipa", phonemeTower("planted", D + 1)));
        assertTrue(dim.getMessage().contains("gives 9 dimensions"), dim.getMessage());
        RetrievalContext none = RetrievalContext.of(session(null), null);
        var unshared = assertThrows(WorkbenchException.class, () -> TextQuery.vector(none, "/1/", "planted-ipa", phonemeTower("planted", D)));
        assertTrue(unshared.getMessage().contains("declare no shared space"), unshared.getMessage());
        Session aligned = session("planted");
        AlignmentWorkflow.align(aligned, AlignmentWorkflow.Request.of("procrustes"), org.crossmodal.workbench.core.ProgressListener.NONE,
                Cancellation.NONE);
        RetrievalContext through = RetrievalContext.of(aligned, null);
        var viaMap = assertThrows(WorkbenchException.class, () -> TextQuery.vector(through, "/1/", "planted-ipa", phonemeTower("planted", D)));
        assertTrue(viaMap.getMessage().contains("read through alignment"), viaMap.getMessage());
    }
}
