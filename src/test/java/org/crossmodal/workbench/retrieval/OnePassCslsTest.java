package org.crossmodal.workbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.junit.jupiter.api.Test;

/** The one-pass CSLS path gives exactly what the two-pass path gives, also where its candidates fall short. */
class OnePassCslsTest {
    private static final int D = 24;

    /** Unit rows around a few centres, with some rows repeated so scores tie exactly. */
    private static float[] clustered(int n, Random r) {
        float[][] centres = new float[6][D];
        for (float[] c : centres) for (int k = 0; k < D; k++) c[k] = (float) r.nextGaussian();
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % 7 == 0) {
                System.arraycopy(x, (i - 1) * D, x, i * D, D);
                continue;
            }
            float[] c = centres[r.nextInt(centres.length)];
            for (int k = 0; k < D; k++) x[i * D + k] = c[k] + 0.6f * (float) r.nextGaussian();
        }
        return Vectors.normalizedRows(x, n, D, "x", null);
    }

    private static CrossRetrieval.Result twoPass(float[] a, int na, float[] b, int nb, int k, int kc, boolean fw, boolean bw) {
        RetrievalOptions o = new RetrievalOptions(RetrievalMethod.CSLS, k, kc, 30, 2);
        PairStats st = CrossRetrieval.stats(a, na, b, nb, D, o, ProgressListener.NONE, Cancellation.NONE);
        return CrossRetrieval.run(a, na, b, nb, D, CrossRetrieval.noKeys(na), CrossRetrieval.noKeys(nb), st, k, 2, fw, bw,
                ProgressListener.NONE, Cancellation.NONE);
    }

    private static void assertSame(CrossRetrieval.Result want, CrossRetrieval.Result got) {
        assertArrayEquals(want.stats().sourcePenalty(), got.stats().sourcePenalty(), 0f, "source neighbourhood means");
        assertArrayEquals(want.stats().targetPenalty(), got.stats().targetPenalty(), 0f, "target neighbourhood means");
        if (want.forward() != null) {
            assertArrayEquals(want.forward().index(), got.forward().index(), "forward neighbours");
            assertArrayEquals(want.forward().score(), got.forward().score(), 0f, "forward scores");
        }
        if (want.backward() != null) {
            assertArrayEquals(want.backward().index(), got.backward().index(), "backward neighbours");
            assertArrayEquals(want.backward().score(), got.backward().score(), 0f, "backward scores");
        }
        assertTrue(want.forward() == null ? got.forward() == null : want.forward().sameAs(got.forward()));
        assertTrue(want.backward() == null ? got.backward() == null : want.backward().sameAs(got.backward()));
    }

    @Test
    void sameAsTwoPasses() {
        Random r = new Random(3);
        int na = 700, nb = 530;
        float[] a = clustered(na, r), b = clustered(nb, r);
        var one = OnePassCsls.run(a, na, b, nb, D, 10, 10, 2, true, true, ProgressListener.NONE, Cancellation.NONE);
        assertSame(twoPass(a, na, b, nb, 10, 10, true, true), one.result());
        // repeated rows tie exactly: the near-ties are computed again, and not only the k best
        assertTrue(one.exactForward() > 10L * na && one.exactForward() < (long) na * nb / 4, "forward re-computed " + one.exactForward());
        // a second call reuses the first one's cosine store for another shape
        assertSame(twoPass(b, nb, a, 300, 7, 10, true, true),
                OnePassCsls.run(b, nb, a, 300, D, 7, 10, 2, true, true, ProgressListener.NONE, Cancellation.NONE).result());
        // the public entry points take the same path
        RetrievalOptions o = new RetrievalOptions(RetrievalMethod.CSLS, 10, 10, 30, 2);
        assertSame(one.result(), CrossRetrieval.top(a, na, b, nb, D, o, true, true, ProgressListener.NONE, Cancellation.NONE));
        assertSame(one.result(), CrossRetrieval.run(a, na, b, nb, D, CrossRetrieval.noKeys(na), CrossRetrieval.noKeys(nb), o,
                ProgressListener.NONE, Cancellation.NONE));
    }

    @Test
    void oneDirectionOtherNeighbourhoodsAndTinySets() {
        Random r = new Random(8);
        float[] a = clustered(90, r), b = clustered(3, r);
        for (boolean fw : new boolean[] {true, false}) {
            assertSame(twoPass(a, 90, b, 3, 10, 10, fw, !fw),
                    OnePassCsls.run(a, 90, b, 3, D, 10, 10, 1, fw, !fw, ProgressListener.NONE, Cancellation.NONE).result());
            assertSame(twoPass(b, 3, a, 90, 4, 2, fw, !fw),
                    OnePassCsls.run(b, 3, a, 90, D, 4, 2, 2, fw, !fw, ProgressListener.NONE, Cancellation.NONE).result());
        }
        float[] one = clustered(1, r);
        assertSame(twoPass(one, 1, one, 1, 10, 10, true, true),
                OnePassCsls.run(one, 1, one, 1, D, 10, 10, 2, true, true, ProgressListener.NONE, Cancellation.NONE).result());
    }

    @Test
    void rowsThatAreNotUnitTakeTheTwoPassPath() {
        assertTrue(OnePassCsls.unitRows(new float[] {0.6f, 0.8f, 0f, 1f}, 2, 2));
        assertEquals(false, OnePassCsls.unitRows(new float[] {0.6f, 0.8f, 3f, 0f}, 2, 2));
        assertEquals(false, OnePassCsls.unitRows(new float[] {Float.NaN, 0f}, 1, 2));
    }
}
