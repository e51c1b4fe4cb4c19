package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.session.Session;
import org.junit.jupiter.api.Test;

public class ProjectionWorkflowTest {

    /** A session with shared speech and text spaces, for the command tests. */
    public static Session sessionForOtherTests(int n, int dim) {
        return session(n, dim, true, false);
    }

    /** Word i as a text item t{i} and a recording s{i} of it, their ids appended to tid and sid. */
    static void addWord(Session s, int i, List<String> tid, List<String> sid) {
        s.addItem(new Item("t" + i, Modality.TEXT, "w" + i, null, null));
        s.addItem(new Item("s" + i, Modality.SPEECH, "w" + i, "w" + i + ".wav", "ann"));
        tid.add("t" + i);
        sid.add("s" + i);
    }

    /** n words in 4 clusters; speech rows = text rows + noise, in a space of dim dims (rotated when rotate). */
    static Session session(int n, int dim, boolean sameSpace, boolean withAlignment) {
        Session s = new Session();
        SplittableRandom r = new SplittableRandom(1);
        float[][] centres = new float[4][dim];
        for (float[] c : centres) for (int j = 0; j < dim; j++) c[j] = (float) (r.nextDouble() * 8 - 4);
        float[][] text = new float[n][dim], speech = new float[n][dim];
        List<String> tid = new ArrayList<>(), sid = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            addWord(s, i, tid, sid);
            for (int j = 0; j < dim; j++) {
                text[i][j] = centres[i % 4][j] + (float) (r.nextDouble() - 0.5);
                speech[i][j] = text[i][j] + (float) ((r.nextDouble() - 0.5) * 0.1);
            }
        }
        if (!sameSpace) {
            // speech lives in a permuted-and-negated copy of the text space; the alignment undoes it
            float[][] sp = new float[n][dim];
            for (int i = 0; i < n; i++) for (int j = 0; j < dim; j++) sp[i][j] = -speech[i][(j + 1) % dim];
            speech = sp;
        }
        s.putSpace(EmbeddingSet.ofRows("text:a", Modality.TEXT, tid, text, sameSpace ? "joint" : null, Provenance.of("test")));
        s.putSpace(EmbeddingSet.ofRows("speech:b", Modality.SPEECH, sid, speech, sameSpace ? "joint" : null, Provenance.of("test")));
        if (withAlignment) {
            // W maps speech coordinates back: text[j] = -speech[(j - 1) mod dim]
            float[] w = new float[dim * dim];
            for (int j = 0; j < dim; j++) w[j * dim + (j - 1 + dim) % dim] = -1;
            s.putAlignment(new LinearMap("procrustes", "speech:b", "text:a", dim, dim, w, Provenance.of("align:test")));
        }
        return s;
    }

    @Test
    void sharedSpacesAreStackedEachModalityCentred() {
        Session s = session(50, 6, true, false);
        ProjectionWorkflow.Input in = ProjectionWorkflow.input(s, null);
        assertEquals(100, in.size());
        assertEquals(List.of("speech:b", "text:a"), in.spaces());
        assertEquals("s0", in.itemIds().get(0));
        assertEquals("t0", in.itemIds().get(50));
        // unit rows minus the mean of the space's unit rows, unit again
        float[] mean = ProjectionWorkflow.unitMean(s.space("speech:b").data(), 50, 6);
        assertArrayEquals(mean, in.centres().get("speech:b"));
        assertArrayEquals(ProjectionWorkflow.centred(s.space("speech:b").row(3), 1, 6, mean),
                java.util.Arrays.copyOfRange(in.data(), 3 * 6, 4 * 6));
        assertEquals(null, in.alignment());
    }

    @Test
    void differentSpacesAreAlignedFirst() {
        Session s = session(50, 6, false, true);
        ProjectionWorkflow.Input in = ProjectionWorkflow.input(s, null);
        assertEquals("procrustes", in.alignment());
        // mapped speech rows land next to their text rows again
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(in.data()[(50 + i) * 6 + j], in.data()[i * 6 + j], 0.06, "row " + i);
            }
        }
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> ProjectionWorkflow.input(session(10, 6, false, false), null));
        assertTrue(e.getMessage().contains("no alignment") && e.getMessage().contains("--space"), e.getMessage());
    }

    @Test
    void anAlignmentsMappedPairIsPreferred() {
        Session s = session(30, 6, false, false);
        // what the alignment workflow stores: mapped speech and preprocessed text sharing "align:procrustes"
        EmbeddingSet sp = s.space("speech:b"), tx = s.space("text:a");
        s.putSpace(new EmbeddingSet("speech:b@procrustes", Modality.SPEECH, sp.itemIds(), 6, tx.data().clone(),
                "align:procrustes", Provenance.of("align:procrustes")));
        s.putSpace(new EmbeddingSet("text:a@procrustes", Modality.TEXT, tx.itemIds(), 6, tx.data().clone(),
                "align:procrustes", Provenance.of("align:procrustes")));
        ProjectionWorkflow.Input in = ProjectionWorkflow.input(s, null);
        assertEquals(List.of("speech:b@procrustes", "text:a@procrustes"), in.spaces());
        assertEquals(60, in.size());
    }

    @Test
    void projectStoresTheMapAndACancelledRunLeavesThePreviousOne() {
        Session s = session(60, 6, true, false);
        ProjectSettings o = new ProjectSettings("tsne", 30, 250, 0, 42, 2, 0.5, "auto");
        Projection first = ProjectionWorkflow.project(s, o, null, ProgressListener.NONE, Cancellation.NONE,
                MapSnapshots.NONE);
        assertSame(first, s.projections().get("tsne"));
        assertEquals(120, first.size());
        assertEquals("speech:b,text:a", first.provenance().get("input.spaces"));
        assertEquals(64, first.provenance().get("input.sha256").length());
        // a speech item and its text sit close: nearest text point of s_i is usually t_i's cluster
        Cancellation c = new Cancellation();
        assertThrows(CancelledException.class, () -> ProjectionWorkflow.project(s,
                new ProjectSettings("tsne", 30, 250, 0, 9, 2, 0.5, "auto"), null,
                (stage, done, total) -> { if (done > 10) c.cancel(); }, c, MapSnapshots.NONE));
        assertSame(first, s.projections().get("tsne"), "the previous map stays");
        // placing a new point on the stored map
        float[] row = s.space("text:a").row(5);
        float[] xy = ProjectionWorkflow.place(s, "tsne", row, 1, ProgressListener.NONE, Cancellation.NONE);
        double best = Double.POSITIVE_INFINITY;
        int bi = -1;
        for (int i = 0; i < first.size(); i++) {
            double d = Math.hypot(xy[0] - first.xy()[2 * i], xy[1] - first.xy()[2 * i + 1]);
            if (d < best) { best = d; bi = i; }
        }
        String near = first.itemIds().get(bi);
        int k = Integer.parseInt(near.substring(1));
        assertEquals(5 % 4, k % 4, "placed next to an item of the same cluster, got " + near);
    }

    @Test
    void unknownSpaceAndMethodAreClearErrors() {
        Session s = session(10, 4, true, false);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> ProjectionWorkflow.input(s, List.of("nope")));
        assertTrue(e.getMessage().contains("no space 'nope'"));
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> ProjectSettings.defaults().withMethod("mds"));
        assertTrue(m.getMessage().contains("tsne, smile-tsne, pca, umap"));
        assertThrows(WorkbenchException.class, () -> ProjectionWorkflow.input(new Session(), null));
    }

    /** A shared space with a modality gap: every spoken row is its text row plus one offset shared by all speech. */
    @Test
    void eachModalityOfASharedSpaceIsCentredSoTheGapDoesNotSplitTheMap() {
        int n = 60, dim = 16;
        Session s = new Session();
        SplittableRandom r = new SplittableRandom(4);
        float[] gap = new float[dim];
        for (int j = 0; j < dim; j++) gap[j] = (float) (r.nextDouble() * 2 - 1) * 1.5f;
        float[][] text = new float[n][dim], speech = new float[n][dim];
        List<String> tid = new ArrayList<>(), sid = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            addWord(s, i, tid, sid);
            double nt = 0;
            for (int j = 0; j < dim; j++) {
                text[i][j] = (float) (r.nextDouble() * 2 - 1);
                nt += text[i][j] * text[i][j];
            }
            for (int j = 0; j < dim; j++) {
                text[i][j] /= (float) Math.sqrt(nt);
                speech[i][j] = text[i][j] + gap[j];
            }
        }
        s.putSpace(EmbeddingSet.ofRows("text:a", Modality.TEXT, tid, text, "joint", Provenance.of("test")));
        s.putSpace(EmbeddingSet.ofRows("speech:b", Modality.SPEECH, sid, speech, "joint", Provenance.of("test")));
        ProjectionWorkflow.Input in = ProjectionWorkflow.input(s, null);
        assertEquals(2, in.centres().size(), "both modalities centred");
        assertTrue(in.notes().stream().anyMatch(x -> x.contains("centred")), in.notes().toString());
        double raw = 0, centred = 0;
        for (int i = 0; i < n; i++) {
            raw += cos(text[i], speech[i]);
            int a = in.itemIds().indexOf("t" + i), b = in.itemIds().indexOf("s" + i);
            centred += cos(java.util.Arrays.copyOfRange(in.data(), a * dim, a * dim + dim),
                    java.util.Arrays.copyOfRange(in.data(), b * dim, b * dim + dim));
        }
        assertTrue(raw / n < 0.8, "the planted gap: raw cosine of a pair " + raw / n);
        assertTrue(centred / n > 0.95, "centred, a spoken item sits on its text: " + centred / n);
        // a new spoken row is brought into the map's geometry with the stored centre: the same row as its twin
        int b = in.itemIds().indexOf("s7");
        float[] placed = in.centre("speech:b", speech[7].clone(), 1);
        for (int j = 0; j < dim; j++) assertEquals(in.data()[b * dim + j], placed[j], 1e-6);
        // one modality alone (or an alignment) is used as it is
        assertTrue(ProjectionWorkflow.input(s, List.of("text:a")).centres().isEmpty());
    }

    static double cos(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int j = 0; j < a.length; j++) {
            ab += a[j] * b[j];
            aa += a[j] * a[j];
            bb += b[j] * b[j];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
