package org.crossmodal.workbench.align;

/**
 * An unsupervised starting rotation from the two spaces' principal axes: W0 = Uy Uxᵀ maps source axis j onto
 * target axis j. An axis has two directions; each is oriented so the items' projections on it have positive
 * skew (a positive third moment), which a rotation of the space carries along, so both spaces orient their
 * matching axes alike wherever the distribution along them is not symmetric.
 *
 * <p>It finds the map when the spaces are near-isomorphic with distinct principal variances, which is where
 * a rotation is identifiable from the distributions at all; the aligner then keeps whichever of this start and
 * its adversarial epochs scores best on the unsupervised criterion.
 */
final class PcaInit {
    private PcaInit() { }

    /** The starting rotation (d x d, row-major) from the first nx rows of x and the first ny rows of y. */
    static double[] rotation(float[] x, int nx, float[] y, int ny, int d) {
        double[] ux = axes(x, nx, d), uy = axes(y, ny, d);
        // W0 = Uy Uxᵀ with axes as columns
        return Linalg.multiplyABt(uy, d, d, ux, d);
    }

    /** The scatter matrix (sum of outer products of the centred rows; d x d, exactly symmetric) of n x d rows. */
    static double[] covariance(float[] m, int n, int d) {
        return scatter(centredTransposed(m, n, d), n, d);
    }

    /** Rows minus their mean, transposed: d x n. */
    private static float[] centredTransposed(float[] m, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) mean[c] += m[i * d + c];
        for (int c = 0; c < d; c++) mean[c] /= n;
        float[] ct = new float[d * n];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) ct[c * n + i] = (float) (m[i * d + c] - mean[c]);
        return ct;
    }

    private static double[] scatter(float[] ct, int n, int d) {
        double[] cov = Linalg.toDouble(Gemm.abt(ct, d, n, ct, d));
        for (int a = 0; a < d; a++) {  // exact symmetry for the decomposition
            for (int b = a + 1; b < d; b++) {
                double s = 0.5 * (cov[a * d + b] + cov[b * d + a]);
                cov[a * d + b] = s;
                cov[b * d + a] = s;
            }
        }
        return cov;
    }

    /** Principal axes as the columns of a d x d matrix, by decreasing variance, each oriented by its skew. */
    static double[] axes(float[] m, int n, int d) {
        if (n < 2) throw new IllegalArgumentException("principal axes need at least 2 rows, got " + n);
        float[] ct = centredTransposed(m, n, d);
        double[] u = Linalg.eigPsd(scatter(ct, n, d), d).vectors();
        // projections of the centred rows on every axis: (d x n)ᵀ-free, as Uᵀ (d x d) times ct (d x n) = axes x rows
        float[] proj = Gemm.abt(Linalg.toFloat(Linalg.transpose(u, d, d)), d, d, Gemm.transpose(ct, d, n), n);
        for (int j = 0; j < d; j++) {
            double third = 0;
            for (int i = 0; i < n; i++) {
                double p = proj[j * n + i];
                third += p * p * p;
            }
            if (third < 0) for (int c = 0; c < d; c++) u[c * d + j] = -u[c * d + j];
        }
        return u;
    }
}
