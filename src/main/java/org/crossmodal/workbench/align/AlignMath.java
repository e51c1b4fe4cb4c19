package org.crossmodal.workbench.align;

import java.util.ArrayList;
import java.util.List;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.BlockedProduct;
import org.crossmodal.workbench.retrieval.CrossRetrieval;
import org.crossmodal.workbench.retrieval.PairStats;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;

/** Shared steps of the aligners: mapping, Procrustes from pairs, CSLS dictionary induction, the criterion. */
final class AlignMath {
    private AlignMath() { }

    /** Rows of x (n x d) mapped by W (d x d, row-major) and scaled to unit length: x Wᵀ, float32. */
    static float[] map(float[] x, int n, int d, double[] w, int threads) {
        float[] out = mapRaw(x, n, d, w, threads);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) s += (double) out[i * d + k] * out[i * d + k];
            float inv = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
            for (int k = 0; k < d; k++) out[i * d + k] *= inv;
        }
        return out;
    }

    /** Rows of x mapped by W without normalisation: x Wᵀ. */
    static float[] mapRaw(float[] x, int n, int d, double[] w, int threads) {
        return Gemm.abt(x, n, d, Linalg.toFloat(w), d, threads);
    }

    /** Orthogonal W minimising sum |W x_i - y_j|^2 over the pairs (i, j). */
    static double[] procrustes(float[] x, float[] y, int d, int[] xi, int[] yi) {
        double[] m = new double[d * d]; // M = sum y xᵀ
        // by bands of 8 rows of M (19 KB at 300-d, so they stay in the core's first cache while every pair passes);
        // each entry still sums the pairs in order, so the result does not depend on the banding or the threads
        int half = (d / 2 + 7) / 8 * 8;
        org.crossmodal.workbench.retrieval.BlockedProduct.both(() -> outerSums(x, y, d, xi, yi, m, 0, Math.min(half, d)),
                () -> outerSums(x, y, d, xi, yi, m, Math.min(half, d), d));
        return Linalg.polarFactor(m, d);
    }

    /** Rows [r0, r1) of M = sum over pairs of y xᵀ, eight rows at a time. */
    private static void outerSums(float[] x, float[] y, int d, int[] xi, int[] yi, double[] m, int r0, int r1) {
        for (int b0 = r0; b0 < r1; b0 += 8) {
            int b1 = Math.min(r1, b0 + 8);
            for (int p = 0; p < xi.length; p++) {
                int xo = xi[p] * d, yo = yi[p] * d;
                for (int r = b0; r < b1; r++) {
                    double yr = y[yo + r];
                    if (yr == 0) continue;
                    int mo = r * d;
                    for (int c = 0; c < d; c++) m[mo + c] += yr * x[xo + c];
                }
            }
        }
    }

    /** Pairs (source row, target row). */
    record Pairs(int[] x, int[] y) {
        int size() {
            return x.length;
        }
    }

    /**
     * Mutual CSLS nearest neighbours between the first maxRank rows of mapped x and of y (the MUSE
     * "S2T&T2S" rule): i and j pair up when j is i's best target and i is j's best source.
     */
    static Pairs induceMutual(float[] xm, int nx, float[] y, int ny, int d, int maxRank, int cslsK, int threads,
                              Cancellation cancel) {
        int a = Math.min(nx, maxRank), b = Math.min(ny, maxRank);
        float[] xa = prefix(xm, a, d), yb = prefix(y, b, d);
        RetrievalOptions o = new RetrievalOptions(RetrievalMethod.CSLS, 1, cslsK, 30, threads);
        CrossRetrieval.Result r = CrossRetrieval.run(xa, a, yb, b, d, CrossRetrieval.noKeys(a), CrossRetrieval.noKeys(b), o, ProgressListener.NONE, cancel);
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < a; i++) {
            int j = r.forward().neighbour(i, 0);
            if (j >= 0 && r.backward().neighbour(j, 0) == i) pairs.add(new int[] {i, j});
        }
        int[] px = new int[pairs.size()], py = new int[pairs.size()];
        for (int p = 0; p < px.length; p++) {
            px[p] = pairs.get(p)[0];
            py[p] = pairs.get(p)[1];
        }
        return new Pairs(px, py);
    }

    static float[] prefix(float[] m, int rows, int d) {
        if (rows * d == m.length) return m;
        float[] out = new float[rows * d];
        System.arraycopy(m, 0, out, 0, rows * d);
        return out;
    }

    /**
     * The unsupervised model-selection criterion of Conneau et al.: mean cosine between the first nEval mapped
     * source rows and their CSLS translations among the first maxRank targets.
     */
    static double criterion(float[] xm, int nx, float[] y, int ny, int d, int nEval, int maxRank, int cslsK,
                            int threads, Cancellation cancel) {
        int a = Math.min(nx, nEval), b = Math.min(ny, maxRank);
        float[] xa = prefix(xm, a, d), yb = prefix(y, b, d);
        RetrievalOptions o = new RetrievalOptions(RetrievalMethod.CSLS, 1, cslsK, 30, threads);
        CrossRetrieval.Result r = CrossRetrieval.top(xa, a, yb, b, d, o, true, false, ProgressListener.NONE, cancel);
        double s = 0;
        for (int i = 0; i < a; i++) s += BlockedProduct.dot(xa, i, yb, r.forward().neighbour(i, 0), d);
        return s / a;
    }
}
