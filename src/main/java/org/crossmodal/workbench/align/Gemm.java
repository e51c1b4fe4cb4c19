package org.crossmodal.workbench.align;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.BlockedProduct;

/** Small float32 products on the calling thread through the SIMD similarity kernel. */
final class Gemm {
    private Gemm() { }

    /** A (m x k) times Bᵀ, B being n x k: m x n. */
    static float[] abt(float[] a, int m, int k, float[] b, int n) {
        float[] out = new float[m * n];
        BlockedProduct.run(a, m, b, n, k, 1, () -> null, (st, i0, nr, j0, nc, tile, stride) -> {
            for (int r = 0; r < nr; r++) System.arraycopy(tile, r * stride, out, (i0 + r) * n + j0, nc);
        }, ProgressListener.NONE, Cancellation.NONE, "product");
        return out;
    }

    static float[] transpose(float[] a, int m, int n) {
        float[] t = new float[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) t[j * m + i] = a[i * n + j];
        return t;
    }
}
