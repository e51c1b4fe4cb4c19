package org.crossmodal.workbench.align;

import java.util.Random;

/**
 * The small dense linear algebra the aligners need, in pure Java (double precision, row-major): one-sided
 * Jacobi SVD, symmetric eigen-decomposition of positive semi-definite matrices through it, and products.
 * Pure Java because Smile's decompositions bind a native LAPACK that a user's machine may lack; the sizes
 * here (embedding dimensions, up to about a thousand) make O(d^3) Jacobi sweeps affordable.
 */
public final class Linalg {
    private Linalg() { }

    /** A = U diag(s) Vᵀ with U m x n, s descending, V n x n (thin, m >= n). */
    public record Svd(int m, int n, double[] u, double[] s, double[] v) { }

    /**
     * One-sided Jacobi (Hestenes) SVD of an m x n row-major matrix with m >= n. Columns are orthogonalised by
     * plane rotations until every pair is orthogonal to relative precision 1e-12.
     */
    public static Svd svd(double[] a, int m, int n) {
        if (m < n) throw new IllegalArgumentException("svd needs rows >= columns, got " + m + " x " + n);
        // work on columns: g[j] is column j of A (length m), vt[j] is column j of V (length n)
        double[][] g = new double[n][m];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) g[j][i] = a[i * n + j];
        double[][] vt = new double[n][n];
        for (int j = 0; j < n; j++) vt[j][j] = 1;
        double[] norm = new double[n];
        for (int j = 0; j < n; j++) norm[j] = dot(g[j], g[j]);
        final double eps = 1e-12;
        for (int sweep = 0; sweep < 80; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = norm[p], beta = norm[q];
                    if (alpha == 0 && beta == 0) continue;
                    double gamma = dot(g[p], g[q]);
                    if (Math.abs(gamma) <= eps * Math.sqrt(alpha * beta) || gamma == 0) continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) t = 1;
                    double c = 1 / Math.sqrt(1 + t * t), s = c * t;
                    rotate(g[p], g[q], c, s);
                    rotate(vt[p], vt[q], c, s);
                    norm[p] = dot(g[p], g[p]);
                    norm[q] = dot(g[q], g[q]);
                }
            }
            if (!rotated) break;
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) order[j] = j;
        double[] sv = new double[n];
        for (int j = 0; j < n; j++) sv[j] = Math.sqrt(norm[j]);
        java.util.Arrays.sort(order, (x, y) -> Double.compare(sv[y], sv[x]));
        double[] u = new double[m * n], s = new double[n], v = new double[n * n];
        for (int c = 0; c < n; c++) {
            int j = order[c];
            s[c] = sv[j];
            for (int i = 0; i < m; i++) u[i * n + c] = sv[j] > 0 ? g[j][i] / sv[j] : 0;
            for (int i = 0; i < n; i++) v[i * n + c] = vt[j][i];
        }
        return new Svd(m, n, u, s, v);
    }

    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int i = 0; i < x.length; i++) {
            double a = x[i], b = y[i];
            x[i] = c * a - s * b;
            y[i] = s * a + c * b;
        }
    }

    /** Four interleaved partial sums, so the additions do not wait on one another. */
    static double dot(double[] a, double[] b) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int n = a.length, i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) s0 += a[i] * b[i];
        return (s0 + s1) + (s2 + s3);
    }

    /** Eigenvalues (descending) and eigenvectors (columns of vectors, n x n) of a symmetric PSD matrix. */
    public record Eigen(double[] values, double[] vectors) { }

    /** Eigen-decomposition of a symmetric positive semi-definite n x n matrix (through its SVD). */
    public static Eigen eigPsd(double[] a, int n) {
        Svd s = svd(a, n, n);
        return new Eigen(s.s(), s.v());
    }

    /** The orthogonal Procrustes solution: the orthogonal W maximising trace(Wᵀ M), W = U Vᵀ for M = U S Vᵀ. */
    public static double[] polarFactor(double[] m, int n) {
        Svd s = svd(m, n, n);
        return multiplyABt(s.u(), n, n, s.v(), n);
    }

    /** A (m x k) times B (k x n). */
    public static double[] multiply(double[] a, int m, int k, double[] b, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double x = a[i * k + p];
                if (x == 0) continue;
                int bo = p * n, co = i * n;
                for (int j = 0; j < n; j++) c[co + j] += x * b[bo + j];
            }
        }
        return c;
    }

    /** A (m x k) times Bᵀ where B is n x k. */
    public static double[] multiplyABt(double[] a, int m, int k, double[] b, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
                c[i * n + j] = s;
            }
        }
        return c;
    }

    public static double[] transpose(double[] a, int m, int n) {
        double[] t = new double[m * n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) t[j * m + i] = a[i * n + j];
        return t;
    }

    /** A random orthogonal n x n matrix (QR of a Gaussian matrix by Gram-Schmidt, sign-corrected). */
    public static double[] randomOrthogonal(int n, Random r) {
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) q[i][j] = r.nextGaussian();
            for (int rep = 0; rep < 2; rep++) {
                for (int p = 0; p < i; p++) {
                    double d = dot(q[i], q[p]);
                    for (int j = 0; j < n; j++) q[i][j] -= d * q[p][j];
                }
            }
            double nr = Math.sqrt(dot(q[i], q[i]));
            for (int j = 0; j < n; j++) q[i][j] /= nr;
        }
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) System.arraycopy(q[i], 0, out, i * n, n);
        return out;
    }

    public static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    public static double[] toDouble(float[] a) {
        double[] f = new double[a.length];
        for (int i = 0; i < a.length; i++) f[i] = a[i];
        return f;
    }
}
