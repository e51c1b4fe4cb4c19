package org.crossmodal.workbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.junit.jupiter.api.Test;

/** Every cell of a product is the reference dot, whatever the threads, layout and block widths. */
class BlockedProductTest {
    private static float[] product(float[] a, int na, float[] b, int nb, int d, int threads, boolean transposed) {
        float[] out = new float[na * nb];
        BlockedProduct.TileVisitor<Object> v = (st, i0, nr, j0, nc, tile, stride) -> {
            for (int r = 0; r < nr; r++) System.arraycopy(tile, r * stride, out, (i0 + r) * nb + j0, nc);
        };
        if (transposed) {
            float[] bt = new float[d * nb];
            for (int j = 0; j < nb; j++) for (int k = 0; k < d; k++) bt[k * nb + j] = b[j * d + k];
            BlockedProduct.run(a, na, BlockedProduct.Packed.transposed(bt, nb, d), threads, () -> null, v, ProgressListener.NONE,
                    Cancellation.NONE, "t");
        } else {
            BlockedProduct.run(a, na, b, nb, d, threads, () -> null, v, ProgressListener.NONE, Cancellation.NONE, "t");
        }
        return out;
    }

    @Test
    void cellsAreTheReferenceDotOnEveryPath() {
        Random r = new Random(12);
        int na = 300, nb = 167, d = 29;  // three row blocks; a last column block narrower than the others
        float[] a = new float[na * d], b = new float[nb * d];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        float[] want = new float[na * nb];
        for (int i = 0; i < na; i++) for (int j = 0; j < nb; j++) want[i * nb + j] = BlockedProduct.dot(a, i, b, j, d);
        for (int rep = 0; rep < 40; rep++) {  // repeated: helpers that finish late would show as differences
            assertArrayEquals(want, product(a, na, b, nb, d, 2, rep % 2 == 0), 0f, "repeat " + rep);
        }
        assertArrayEquals(want, product(a, na, b, nb, d, 1, false), 0f);
        assertArrayEquals(want, product(a, na, b, nb, d, 1, true), 0f);
    }

    @Test
    void aBPackedOnceServesSeveralProductsAlike() {
        Random r = new Random(13);
        int na = 70, d = 41;
        float[] a = new float[na * d];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        // 300: three column blocks, the last one narrow, copied; 256: two blocks read in place from the transposed B
        for (int nb : new int[] {300, 256}) {
            float[] b = new float[nb * d], bt = new float[d * nb];
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
            for (int j = 0; j < nb; j++) for (int k = 0; k < d; k++) bt[k * nb + j] = b[j * d + k];
            float[] want = product(a, na, b, nb, d, 1, false);
            BlockedProduct.Packed fromRows = BlockedProduct.Packed.rows(b, nb, d), fromT = BlockedProduct.Packed.transposed(bt, nb, d);
            assertEquals(nb, fromRows.columns());
            assertEquals(d, fromT.depth());
            for (BlockedProduct.Packed p : new BlockedProduct.Packed[] {fromRows, fromT, fromRows}) {
                float[] out = new float[na * nb];
                BlockedProduct.run(a, na, p, 2, () -> null, (st, i0, nr, j0, nc, tile, stride) -> {
                    for (int q = 0; q < nr; q++) System.arraycopy(tile, q * stride, out, (i0 + q) * nb + j0, nc);
                }, ProgressListener.NONE, Cancellation.NONE, "t");
                assertArrayEquals(want, out, 0f, "nb " + nb);
            }
        }
        int nb = 300;
        float[] b = new float[nb * d];
        BlockedProduct.Packed fromRows = BlockedProduct.Packed.rows(b, nb, d);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BlockedProduct.Packed.rows(b, nb + 1, d));
        assertEquals("B holds 12300 values, fewer than 301 x 41.", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> BlockedProduct.run(a, na + 1, fromRows, 1,
                () -> null, (st, i0, nr, j0, nc, tile, stride) -> { }, ProgressListener.NONE, Cancellation.NONE, "t"));
        assertEquals("A holds 2870 values, fewer than 71 x 41.", e.getMessage());
    }

    @Test
    void everyWorkerStateIsReturnedInOrder() {
        float[] a = new float[400 * 3], b = new float[5 * 3];
        var states = BlockedProduct.run(a, 400, b, 5, 3, 2, () -> new int[1], (st, i0, nr, j0, nc, tile, stride) -> st[0] += nr,
                ProgressListener.NONE, Cancellation.NONE, "t");
        assertEquals(2, states.size());
        assertEquals(400, states.get(0)[0] + states.get(1)[0], "every row visited once");
    }

    @Test
    void bothRunsTwoTasksAndPassesOnAFailure() {
        for (int rep = 0; rep < 50; rep++) {
            int[] done = new int[2];
            BlockedProduct.both(() -> done[0]++, () -> done[1]++);
            assertArrayEquals(new int[] {1, 1}, done, "repeat " + rep);
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> BlockedProduct.both(() -> { }, () -> {
                    throw new IllegalStateException("second failed");
                }));
        assertEquals("second failed", e.getMessage());
    }
}
