package org.crossmodal.workbench.projection;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import org.crossmodal.workbench.core.Cancellation;

/**
 * Principal components in pure Java: block power (subspace) iteration on the centred data, never forming the
 * d x d covariance, followed by a Rayleigh-Ritz step (Jacobi on the small block). Needs no native BLAS/LAPACK.
 *
 * @param mean       column means (d)
 * @param components c x d, unit rows, by decreasing variance; each signed so its largest entry is positive
 * @param variance   variance along each component
 * @param totalVariance sum of the column variances
 */
record PowerPca(float[] mean, double[][] components, double[] variance, double totalVariance) {

    /**
     * Fits c components on rows {@code rows} of x (all rows when null).
     */
    static PowerPca fit(float[] x, int n, int d, int c, int[] rows, long seed, ForkJoinPool pool, Cancellation cancel) {
        return fit(x, n, d, c, rows, seed, 100, pool, cancel);
    }

    /** As {@link #fit(float[], int, int, int, int[], long, ForkJoinPool, Cancellation)} with at most maxIter power steps. */
    static PowerPca fit(float[] x, int n, int d, int c, int[] rows, long seed, int maxIter, ForkJoinPool pool,
                        Cancellation cancel) {
        int m = rows == null ? n : rows.length;
        int[] r = rows;
        if (r == null) {
            r = new int[n];
            for (int i = 0; i < n; i++) r[i] = i;
        }
        final int[] use = r;
        double[] meanD = new double[d];
        for (int i : use) for (int j = 0; j < d; j++) meanD[j] += x[i * d + j];
        for (int j = 0; j < d; j++) meanD[j] /= m;
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) mean[j] = (float) meanD[j];
        double total = 0;
        for (int i : use) for (int j = 0; j < d; j++) { double t = x[i * d + j] - meanD[j]; total += t * t; }
        total /= Math.max(1, m - 1);
        int comps = Math.min(c, d);
        int b = Math.min(d, comps + 4);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] v = new double[b][d];
        for (double[] row : v) for (int j = 0; j < d; j++) row[j] = rnd.nextDouble() - 0.5;
        orthonormalise(v);
        double[][] t = new double[m][b];
        double prev = -1;
        for (int iter = 0; iter < maxIter; iter++) {
            cancel.check();
            multiply(x, d, use, meanD, v, t, pool, cancel);
            double[][] w = transposeMultiply(x, d, use, meanD, t, b);
            double norm = 0;
            for (int a = 0; a < comps; a++) { double s = 0; for (double q : w[a]) s += q * q; norm += Math.sqrt(s); }
            orthonormalise(w);
            v = w;
            if (prev > 0 && Math.abs(norm - prev) <= 1e-7 * norm) break;
            prev = norm;
        }
        // Rayleigh-Ritz on the block
        multiply(x, d, use, meanD, v, t, pool, cancel);
        double[][] bb = new double[b][b];
        for (double[] row : t) for (int a = 0; a < b; a++) for (int e = 0; e < b; e++) bb[a][e] += row[a] * row[e];
        for (double[] row : bb) for (int e = 0; e < b; e++) row[e] /= Math.max(1, m - 1);
        double[][] evec = new double[b][b];
        double[] eval = jacobi(bb, evec);
        Integer[] order = new Integer[b];
        for (int a = 0; a < b; a++) order[a] = a;
        java.util.Arrays.sort(order, (p, q) -> Double.compare(eval[q], eval[p]));
        double[][] comp = new double[comps][d];
        double[] var = new double[comps];
        for (int a = 0; a < comps; a++) {
            int o = order[a];
            var[a] = Math.max(0, eval[o]);
            for (int e = 0; e < b; e++) {
                double coef = evec[e][o];
                for (int j = 0; j < d; j++) comp[a][j] += coef * v[e][j];
            }
            int big = 0;
            for (int j = 1; j < d; j++) if (Math.abs(comp[a][j]) > Math.abs(comp[a][big])) big = j;
            if (comp[a][big] < 0) for (int j = 0; j < d; j++) comp[a][j] = -comp[a][j];
        }
        return new PowerPca(mean, comp, var, total);
    }

    /** Coordinates of all n rows on the components: n x c, row-major. */
    float[] transform(float[] x, int n, int d, ForkJoinPool pool, Cancellation cancel) {
        int c = components.length;
        float[] out = new float[n * c];
        Matrices.parallelFor(pool, n, 256, cancel, i -> {
            for (int a = 0; a < c; a++) {
                double s = 0;
                double[] comp = components[a];
                for (int j = 0; j < d; j++) s += (x[i * d + j] - mean[j]) * comp[j];
                out[i * c + a] = (float) s;
            }
        });
        return out;
    }

    private static void multiply(float[] x, int d, int[] rows, double[] mean, double[][] v, double[][] t,
                                 ForkJoinPool pool, Cancellation cancel) {
        int b = v.length;
        Matrices.parallelFor(pool, rows.length, 256, cancel, ii -> {
            int off = rows[ii] * d;
            double[] out = t[ii];
            for (int a = 0; a < b; a++) {
                double[] va = v[a];
                double s = 0;
                for (int j = 0; j < d; j++) s += (x[off + j] - mean[j]) * va[j];
                out[a] = s;
            }
        });
    }

    private static double[][] transposeMultiply(float[] x, int d, int[] rows, double[] mean, double[][] t, int b) {
        double[][] w = new double[b][d];
        double[] centred = new double[d];
        for (int ii = 0; ii < rows.length; ii++) {
            int off = rows[ii] * d;
            for (int j = 0; j < d; j++) centred[j] = x[off + j] - mean[j];
            for (int a = 0; a < b; a++) {
                double ta = t[ii][a];
                double[] wa = w[a];
                for (int j = 0; j < d; j++) wa[j] += ta * centred[j];
            }
        }
        return w;
    }

    /** Modified Gram-Schmidt on the rows; a row that collapses is replaced by a fresh unit vector. */
    static void orthonormalise(double[][] v) {
        int d = v[0].length;
        for (int a = 0; a < v.length; a++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int e = 0; e < a; e++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) dot += v[a][j] * v[e][j];
                    for (int j = 0; j < d; j++) v[a][j] -= dot * v[e][j];
                }
            }
            double s = 0;
            for (double q : v[a]) s += q * q;
            s = Math.sqrt(s);
            if (s < 1e-300) {
                java.util.Arrays.fill(v[a], 0);
                v[a][a % d] = 1;
                for (int e = 0; e < a; e++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) dot += v[a][j] * v[e][j];
                    for (int j = 0; j < d; j++) v[a][j] -= dot * v[e][j];
                }
                s = 0;
                for (double q : v[a]) s += q * q;
                s = Math.sqrt(s);
                if (s < 1e-300) continue;
            }
            for (int j = 0; j < d; j++) v[a][j] /= s;
        }
    }

    /** Cyclic Jacobi eigen-decomposition of a small symmetric matrix; columns of vec are the eigenvectors. */
    static double[] jacobi(double[][] a0, double[][] vec) {
        int n = a0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = a0[i].clone();
        for (int i = 0; i < n; i++) { java.util.Arrays.fill(vec[i], 0); vec[i][i] = 1; }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
            if (off < 1e-30) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = vec[k][p], vkq = vec[k][q];
                        vec[k][p] = c * vkp - s * vkq;
                        vec[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) ev[i] = a[i][i];
        return ev;
    }
}
