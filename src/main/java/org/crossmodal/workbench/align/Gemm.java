package org.crossmodal.workbench.align;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.BlockedProduct;

/** Small float32 products through the SIMD similarity kernel, on the calling thread unless told otherwise. */
final class Gemm {
    private Gemm() { }

    /** A (m x k) times Bᵀ, B being n x k: m x n. */
    static float[] abt(float[] a, int m, int k, float[] b, int n) {
        return abt(a, m, k, b, n, 1);
    }

    /** A (m x k) times Bᵀ on the given number of threads. */
    static float[] abt(float[] a, int m, int k, float[] b, int n, int threads) {
        float[] out = new float[m * n];
        abtInto(a, m, k, b, n, threads, out);
        return out;
    }

    /** A (m x k) times Bᵀ into out (m x n, row-major) on the given number of threads. */
    static void abtInto(float[] a, int m, int k, float[] b, int n, int threads, float[] out) {
        BlockedProduct.run(a, m, BlockedProduct.Packed.rows(b, n, k), threads, () -> null, into(out, n), ProgressListener.NONE,
                Cancellation.NONE, "product");
    }

    /** A (m x k) times B (k x n): m x n. */
    static float[] ab(float[] a, int m, int k, float[] b, int n) {
        return ab(a, m, k, b, n, 1);
    }

    /** A (m x k) times B (k x n) on the given number of threads. */
    static float[] ab(float[] a, int m, int k, float[] b, int n, int threads) {
        float[] out = new float[m * n];
        BlockedProduct.run(a, m, BlockedProduct.Packed.transposed(b, n, k), threads, () -> null, into(out, n), ProgressListener.NONE,
                Cancellation.NONE, "product");
        return out;
    }

    /** A (m x k) times a B packed beforehand (k = its depth), on the calling thread: m x (B's columns). */
    static float[] times(float[] a, int m, BlockedProduct.Packed b) {
        int n = b.columns();
        float[] out = new float[m * n];
        BlockedProduct.run(a, m, b, 1, () -> null, into(out, n), ProgressListener.NONE, Cancellation.NONE, "product");
        return out;
    }

    /** Copies each tile into its place in out, a row-major matrix of n columns. */
    private static BlockedProduct.TileVisitor<Object> into(float[] out, int n) {
        return (st, i0, nr, j0, nc, tile, stride) -> {
            for (int r = 0; r < nr; r++) System.arraycopy(tile, r * stride, out, (i0 + r) * n + j0, nc);
        };
    }

    /** Aᵀ of an m x n matrix. */
    static float[] transpose(float[] a, int m, int n) {
        float[] t = new float[m * n];
        BlockedProduct.transposeRows(a, 0, m, n, t, m);
        return t;
    }
}
