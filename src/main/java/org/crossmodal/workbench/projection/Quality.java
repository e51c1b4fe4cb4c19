package org.crossmodal.workbench.projection;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import org.crossmodal.workbench.core.Cancellation;

/** Measures of how well a map keeps its input: exact KL divergence and nearest-neighbour preservation. */
public final class Quality {
    private Quality() { }

    /**
     * KL(P || Q) with the exact dense P of t-SNE (a Gaussian over all other points per row, perplexity-calibrated,
     * symmetrised) and the exact Q of the map: the objective exact t-SNE minimises. O(n^2 d) time, O(n) memory.
     */
    public static double exactKl(float[] x, int n, int d, float[] y, double perplexity, int threads) {
        try (ForkJoinPool pool = Matrices.pool(threads)) {
            double logU = Math.log(perplexity);
            double[] beta = new double[n];
            double[] rowSum = new double[n];
            double[] rowMin = new double[n];
            Matrices.parallelRanges(pool, n, 16, Cancellation.NONE, (s, e) -> {
                float[] dist = new float[n - 1];
                float[] out = new float[n - 1];
                for (int i = s; i < e; i++) {
                    int a = 0;
                    for (int j = 0; j < n; j++) if (j != i) dist[a++] = Matrices.sqDist(x, i, x, j, d);
                    beta[i] = Affinities.calibrateRow(dist, 0, n - 1, logU, out);
                    double min = Double.POSITIVE_INFINITY;
                    for (float v : dist) min = Math.min(min, v);
                    double sum = 0;
                    for (float v : dist) sum += Math.exp(-beta[i] * (v - min));
                    rowMin[i] = min;
                    rowSum[i] = sum;
                }
            });
            double[] zPart = new double[n];
            Matrices.parallelFor(pool, n, 64, Cancellation.NONE, i -> {
                double z = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) continue;
                    double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                    z += 1.0 / (1.0 + dx * dx + dy * dy);
                }
                zPart[i] = z;
            });
            double z = 0;
            for (double v : zPart) z += v;
            final double logZ = Math.log(z);
            double[] klPart = new double[n];
            Matrices.parallelFor(pool, n, 16, Cancellation.NONE, i -> {
                double kl = 0;
                for (int j = i + 1; j < n; j++) {
                    double dd = Matrices.sqDist(x, i, x, j, d);
                    double pji = Math.exp(-beta[i] * (dd - rowMin[i])) / rowSum[i];
                    double pij = Math.exp(-beta[j] * (dd - rowMin[j])) / rowSum[j];
                    double p = (pji + pij) / (2.0 * n);
                    if (p <= 0) continue;
                    double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                    double logQ = -Math.log(1.0 + dx * dx + dy * dy) - logZ;
                    kl += 2 * p * (Math.log(p) - logQ);
                }
                klPart[i] = kl;
            });
            double kl = 0;
            for (double v : klPart) kl += v;
            return kl;
        }
    }

    /**
     * The average share of each point's k nearest neighbours in the input that are also among its k nearest in
     * the map, over a random sample of at most {@code sample} points (exact search in both spaces).
     */
    public static double neighbourPreservation(float[] x, int n, int d, float[] y, int k, int sample, long seed,
                                               int threads) {
        if (n <= k) return 1.0;
        int m = Math.min(n, sample);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) {
            int j = i + r.nextInt(n - i);
            int t = rows[i]; rows[i] = rows[j]; rows[j] = t;
        }
        double[] kept = new double[m];
        try (ForkJoinPool pool = Matrices.pool(threads)) {
            Matrices.parallelFor(pool, m, 8, Cancellation.NONE, s -> {
                int i = rows[s];
                int[] hi = nearest(x, n, d, i, k);
                int[] lo = nearest(y, n, 2, i, k);
                java.util.Arrays.sort(hi);
                int c = 0;
                for (int j : lo) if (java.util.Arrays.binarySearch(hi, j) >= 0) c++;
                kept[s] = c / (double) k;
            });
        }
        double sum = 0;
        for (double v : kept) sum += v;
        return sum / m;
    }

    private static int[] nearest(float[] x, int n, int d, int i, int k) {
        int[] idx = new int[k];
        float[] dst = new float[k];
        java.util.Arrays.fill(dst, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(idx, -1);
        for (int j = 0; j < n; j++) {
            if (j == i) continue;
            float dd = Matrices.sqDist(x, i, x, j, d);
            if (dd < dst[0]) Knn.heapReplace(idx, dst, 0, k, j, dd);
        }
        return idx;
    }
}
