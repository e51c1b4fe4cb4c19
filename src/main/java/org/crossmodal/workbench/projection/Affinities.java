package org.crossmodal.workbench.projection;

import java.util.concurrent.ForkJoinPool;

import org.crossmodal.workbench.core.Cancellation;

/**
 * Sparse symmetric input affinities P of t-SNE in compressed rows: p_ij = (p_j|i + p_i|j) / 2n, where p_j|i is a
 * Gaussian over the k nearest neighbours of i whose width is found by binary search so that its perplexity
 * matches the target. Entries sum to 1.
 *
 * @param n      rows
 * @param rowPtr n + 1 offsets into cols/vals
 * @param cols   column of each entry
 * @param vals   p_ij of each entry
 */
record Affinities(int n, int[] rowPtr, int[] cols, float[] vals) {

    /** Conditional affinities p_j|i over each row's neighbours (rows sum to 1), same layout as knn.index. */
    static float[] conditional(Knn knn, double perplexity, ForkJoinPool pool, Cancellation cancel) {
        int n = knn.n(), k = knn.k();
        float[] p = new float[n * k];
        double logU = Math.log(perplexity);
        Matrices.parallelFor(pool, n, 256, cancel, i -> calibrateRow(knn.dist2(), i * k, k, logU, p));
        return p;
    }

    /**
     * Binary search for beta = 1 / (2 sigma^2) so that the entropy of the row matches log(perplexity); writes the
     * normalised row into out. Distances are shifted by the row minimum for numerical stability (the
     * normalisation cancels it). Returns beta.
     */
    static double calibrateRow(float[] dist2, int off, int k, double logU, float[] out) {
        double min = Double.POSITIVE_INFINITY;
        for (int a = 0; a < k; a++) min = Math.min(min, dist2[off + a]);
        double beta = 1, lo = 0, hi = Double.POSITIVE_INFINITY;
        double[] w = new double[k];
        double sum = 0;
        for (int iter = 0; iter < 200; iter++) {
            sum = 0;
            double hsum = 0;
            for (int a = 0; a < k; a++) {
                double dd = dist2[off + a] - min;
                double v = Math.exp(-beta * dd);
                w[a] = v;
                sum += v;
                hsum += v * dd;
            }
            double h = Math.log(sum) + beta * hsum / sum;
            double diff = h - logU;
            if (Math.abs(diff) < 1e-5) break;
            if (diff > 0) {
                lo = beta;
                beta = Double.isInfinite(hi) ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
            if (hi - lo < 1e-12 * Math.max(1, beta) && !Double.isInfinite(hi)) break;
        }
        for (int a = 0; a < k; a++) out[off + a] = (float) (w[a] / sum);
        return beta;
    }

    /** Symmetrises conditional affinities into P, normalised to sum 1. */
    static Affinities symmetric(Knn knn, float[] cond) {
        return symmetric(knn, cond, Cancellation.NONE);
    }

    /** As {@link #symmetric(Knn, float[])}, checking the cancellation every 4,096 rows. */
    static Affinities symmetric(Knn knn, float[] cond, Cancellation cancel) {
        int n = knn.n(), k = knn.k();
        int[] idx = knn.index();
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            count[i] += k;
            for (int a = 0; a < k; a++) count[idx[i * k + a]]++;
        }
        int[] ptr = new int[n + 1];
        for (int i = 0; i < n; i++) ptr[i + 1] = ptr[i] + count[i];
        int[] fill = new int[n];
        int[] cols = new int[ptr[n]];
        float[] vals = new float[ptr[n]];
        for (int i = 0; i < n; i++) {
            if ((i & 4095) == 0) cancel.check();
            for (int a = 0; a < k; a++) {
                int j = idx[i * k + a];
                float v = cond[i * k + a];
                cols[ptr[i] + fill[i]] = j;
                vals[ptr[i] + fill[i]++] = v;
                cols[ptr[j] + fill[j]] = i;
                vals[ptr[j] + fill[j]++] = v;
            }
        }
        // merge duplicates within each row (j in knn(i) and i in knn(j) both produce (i, j))
        int[] outPtr = new int[n + 1];
        int w = 0;
        long[] keys = new long[0];
        double norm = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++) {
            if ((i & 4095) == 0) cancel.check();
            int s = ptr[i], e = ptr[i + 1], len = e - s;
            if (keys.length < len) keys = new long[Math.max(len, 2 * keys.length)];
            for (int a = 0; a < len; a++) keys[a] = ((long) cols[s + a] << 32) | (Float.floatToRawIntBits(vals[s + a]) & 0xffffffffL);
            java.util.Arrays.sort(keys, 0, len);
            outPtr[i] = w;
            int a = 0;
            while (a < len) {
                int c = (int) (keys[a] >>> 32);
                double v = 0;
                while (a < len && (int) (keys[a] >>> 32) == c) {
                    v += Float.intBitsToFloat((int) keys[a]);
                    a++;
                }
                cols[w] = c;
                vals[w++] = (float) (v * norm);
            }
        }
        outPtr[n] = w;
        return new Affinities(n, outPtr, java.util.Arrays.copyOf(cols, w), java.util.Arrays.copyOf(vals, w));
    }

    /** Sum of p log p over all entries (the constant part of the KL divergence). */
    double entropyTerm() {
        double s = 0;
        for (float v : vals) if (v > 0) s += v * Math.log(v);
        return s;
    }
}
