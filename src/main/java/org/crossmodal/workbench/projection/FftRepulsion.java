package org.crossmodal.workbench.projection;

import java.util.concurrent.ForkJoinPool;

import org.crossmodal.workbench.core.Cancellation;

/**
 * Repulsive t-SNE forces by polynomial interpolation on an equispaced grid and FFT convolution, the scheme of
 * FIt-SNE (Linderman et al., 2019). The square around the map is cut into boxes with three Lagrange nodes per box
 * and axis; four charges per point (1, x, y, x^2 + y^2) are spread onto the nodes, convolved with the squared
 * Student-t kernel w^2 = 1 / (1 + d^2)^2 through a 2-D FFT (the node grid is equispaced, so the kernel matrix is
 * Toeplitz and embeds in a circulant), and interpolated back. Then
 * <pre>
 *   sum_j w_ij^2 (y_i - y_j) = y_i phi1 - (phi2, phi3)
 *   sum_j w_ij = sum_j w_ij^2 (1 + |y_i - y_j|^2) = (1 + |y_i|^2) phi1 - 2 y_i . (phi2, phi3) + phi4
 * </pre>
 * (the j = i terms add exactly 1 to the second sum, which is removed). O(N + M^2 log M) per call for an M x M FFT.
 */
final class FftRepulsion {
    /** Interpolation nodes per box and axis. */
    static final int P = 3;
    /** At least this many boxes per axis. */
    static final int MIN_BOXES = 50;
    /** Largest FFT side; beyond it boxes grow wider than one map unit. */
    static final int MAX_FFT = 1024;

    private int cachedM = -1;
    private double cachedBw = Double.NaN;
    private double[] kernelSpectrum;
    private Fft2 fft;
    private double[] ar, ai, br, bi;

    FftRepulsion() { }

    /** Node positions in a unit box and the Lagrange denominators. */
    private static final double[] T = {1.0 / 6, 0.5, 5.0 / 6};
    private static final double[] DENOM = new double[P];

    static {
        for (int k = 0; k < P; k++) {
            double d = 1;
            for (int m = 0; m < P; m++) if (m != k) d *= T[k] - T[m];
            DENOM[k] = d;
        }
    }

    private static void lagrange(double u, double[] out) {
        for (int k = 0; k < P; k++) {
            double v = 1;
            for (int m = 0; m < P; m++) if (m != k) v *= u - T[m];
            out[k] = v / DENOM[k];
        }
    }

    /**
     * Fills rep (2n) with sum_j w_ij^2 (y_i - y_j) and zParts (n) with sum_{j != i} w_ij; returns their total Z.
     */
    double compute(float[] y, int n, double[] rep, double[] zParts, ForkJoinPool pool, Cancellation cancel) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, y[2 * i]); maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]); maxY = Math.max(maxY, y[2 * i + 1]);
        }
        double range = Math.max(Math.max(maxX - minX, maxY - minY), 1e-6) * (1 + 1e-6);
        int wantBoxes = Math.max(MIN_BOXES, (int) Math.ceil(range));
        int side = 64;
        while (side < MAX_FFT && (side + 1) / (2 * P) < wantBoxes) side *= 2;
        final int m = side;
        int boxes = (m + 1) / (2 * P);
        int g = boxes * P;
        // box width rounded up to a power of 2^(1/8), so the kernel spectrum can be reused across iterations
        double bw = Math.pow(2, Math.ceil(8 * Math.log(range / boxes) / Math.log(2)) / 8);
        double h = bw / P;
        final double x0 = minX, y0 = minY;
        if (fft == null || fft.m != m) fft = new Fft2(m);
        fft.pool = pool;
        fft.cancel = cancel;
        if (m != cachedM || bw != cachedBw) {
            // kernel spectrum: w^2 at circular grid offsets; real and even, so its FFT is real
            double[] kr = new double[m * m], ki = new double[m * m];
            for (int a = 0; a < m; a++) {
                int da = Math.min(a, m - a);
                for (int b = 0; b < m; b++) {
                    int db = Math.min(b, m - b);
                    double d2 = (da * (double) da + db * (double) db) * h * h;
                    double w = 1.0 / (1.0 + d2);
                    kr[a * m + b] = w * w;
                }
            }
            fft.forward(kr, ki, m);
            kernelSpectrum = kr;
            cachedM = m;
            cachedBw = bw;
        }
        final double[] kr = kernelSpectrum;

        // spread charges: grid A holds (1 + i x), grid B holds (y + i |y|^2)
        if (ar == null || ar.length != m * m) {
            ar = new double[m * m]; ai = new double[m * m]; br = new double[m * m]; bi = new double[m * m];
        } else {
            java.util.Arrays.fill(ar, 0); java.util.Arrays.fill(ai, 0);
            java.util.Arrays.fill(br, 0); java.util.Arrays.fill(bi, 0);
        }
        final double[] ar = this.ar, ai = this.ai, br = this.br, bi = this.bi;
        int[] cell = new int[2 * n];
        double[] wx = new double[P * n], wy = new double[P * n];
        double[] lx = new double[P], ly = new double[P];
        for (int i = 0; i < n; i++) {
            double px = (y[2 * i] - x0) / bw, py = (y[2 * i + 1] - y0) / bw;
            int bx = Math.min(boxes - 1, (int) px), by = Math.min(boxes - 1, (int) py);
            lagrange(px - bx, lx);
            lagrange(py - by, ly);
            cell[2 * i] = bx * P;
            cell[2 * i + 1] = by * P;
            System.arraycopy(lx, 0, wx, P * i, P);
            System.arraycopy(ly, 0, wy, P * i, P);
            double xv = y[2 * i], yv = y[2 * i + 1], sq = xv * xv + yv * yv;
            for (int k = 0; k < P; k++) {
                int row = (bx * P + k) * m + by * P;
                for (int l = 0; l < P; l++) {
                    double wgt = lx[k] * ly[l];
                    int o = row + l;
                    ar[o] += wgt;
                    ai[o] += wgt * xv;
                    br[o] += wgt * yv;
                    bi[o] += wgt * sq;
                }
            }
        }
        fft.forward(ar, ai, g);
        fft.forward(br, bi, g);
        for (int c = 0; c < m * m; c++) {
            double k = kr[c];
            ar[c] *= k; ai[c] *= k; br[c] *= k; bi[c] *= k;
        }
        fft.inverse(ar, ai, g);
        fft.inverse(br, bi, g);
        if (g > m) throw new IllegalStateException("grid " + g + " exceeds FFT size " + m);

        Matrices.parallelRanges(pool, n, 1024, cancel, (s, e) -> {
            for (int i = s; i < e; i++) {
                int gx = cell[2 * i], gy = cell[2 * i + 1];
                double p1 = 0, p2 = 0, p3 = 0, p4 = 0;
                for (int k = 0; k < P; k++) {
                    int row = (gx + k) * m + gy;
                    double wk = wx[P * i + k];
                    for (int l = 0; l < P; l++) {
                        double wgt = wk * wy[P * i + l];
                        int o = row + l;
                        p1 += wgt * ar[o];
                        p2 += wgt * ai[o];
                        p3 += wgt * br[o];
                        p4 += wgt * bi[o];
                    }
                }
                double xv = y[2 * i], yv = y[2 * i + 1];
                rep[2 * i] = xv * p1 - p2;
                rep[2 * i + 1] = yv * p1 - p3;
                zParts[i] = (1 + xv * xv + yv * yv) * p1 - 2 * (xv * p2 + yv * p3) + p4 - 1;
            }
        });
        double z = 0;
        for (int i = 0; i < n; i++) z += zParts[i];
        return z;
    }

    /**
     * In-place 2-D complex FFT of an m x m row-major grid (m a power of two): row transforms, then column
     * transforms on blocks of columns gathered into a contiguous buffer. Rows and column blocks run in parallel.
     */
    static final class Fft2 {
        private static final int COLS = 64;
        final int m;
        private final int log;
        private final double[] cos, sin;
        private final int[] rev;
        ForkJoinPool pool;
        Cancellation cancel = Cancellation.NONE;

        Fft2(int m) {
            this.m = m;
            this.log = Integer.numberOfTrailingZeros(m);
            cos = new double[m / 2];
            sin = new double[m / 2];
            for (int k = 0; k < m / 2; k++) {
                cos[k] = Math.cos(2 * Math.PI * k / m);
                sin[k] = Math.sin(2 * Math.PI * k / m);
            }
            rev = new int[m];
            for (int i = 0; i < m; i++) rev[i] = Integer.reverse(i) >>> (32 - log);
        }

        Fft2(int m, ForkJoinPool pool, Cancellation cancel) {
            this(m);
            this.pool = pool;
            this.cancel = cancel;
        }

        void forward(double[] re, double[] im) {
            forward(re, im, m);
        }

        void inverse(double[] re, double[] im) {
            inverse(re, im, m);
        }

        /** Forward transform of a grid whose rows from {@code used} on are zero. */
        void forward(double[] re, double[] im, int used) {
            rows(re, im, 0, used, false);
            columns(re, im, 0, m, false);
        }

        /** Inverse, scaled by 1 / m^2; only the first {@code used} columns of the result are computed correctly. */
        void inverse(double[] re, double[] im, int used) {
            rows(re, im, 0, m, true);
            columns(re, im, 0, used, true);
            double s = 1.0 / ((double) m * m);
            Matrices.parallelRanges(pool, m, 64, cancel, (a, b) -> {
                for (int c = a * m; c < b * m; c++) { re[c] *= s; im[c] *= s; }
            });
        }

        /**
         * Row transforms, {@link #COLS} rows at a time: the rows are copied into a buffer as its columns, so the
         * butterflies run over contiguous memory (and vectorise) as in the column transforms, then copied back.
         */
        private void rows(double[] re, double[] im, int from, int to, boolean inverse) {
            int blocks = (to - from + COLS - 1) / COLS;
            Matrices.parallelRanges(pool, blocks, 1, cancel, (s0, e0) -> {
                double[] br = new double[m * COLS], bi = new double[m * COLS];
                for (int blk = s0; blk < e0; blk++) {
                    int r0 = from + blk * COLS, w = Math.min(to, r0 + COLS) - r0;
                    for (int c = 0; c < w; c++) {
                        int off = (r0 + c) * m;
                        for (int k = 0; k < m; k++) {
                            br[k * COLS + c] = re[off + k];
                            bi[k * COLS + c] = im[off + k];
                        }
                    }
                    stripe(br, bi, COLS, 0, w, inverse);
                    for (int c = 0; c < w; c++) {
                        int off = (r0 + c) * m;
                        for (int k = 0; k < m; k++) {
                            re[off + k] = br[k * COLS + c];
                            im[off + k] = bi[k * COLS + c];
                        }
                    }
                }
            });
        }

        /**
         * Column transforms done in place on stripes of {@link #COLS} columns: the butterflies combine whole row
         * segments, so the innermost loop runs over contiguous memory and needs no gathering.
         */
        private void columns(double[] re, double[] im, int from, int to, boolean inverse) {
            int stripes = (to - from + COLS - 1) / COLS;
            Matrices.parallelRanges(pool, stripes, 1, cancel, (s0, e0) -> {
                for (int st = s0; st < e0; st++) {
                    int c0 = from + st * COLS, c1 = Math.min(to, c0 + COLS);
                    stripe(re, im, m, c0, c1, inverse);
                }
            });
        }

        /** Transforms columns c0..c1 of an m-row grid whose rows are {@code stride} apart, in place. */
        private void stripe(double[] re, double[] im, int stride, int c0, int c1, boolean inverse) {
            for (int i = 0; i < m; i++) {
                int j = rev[i];
                if (j > i) {
                    int a = i * stride, b = j * stride;
                    for (int c = c0; c < c1; c++) {
                        double t = re[a + c]; re[a + c] = re[b + c]; re[b + c] = t;
                        t = im[a + c]; im[a + c] = im[b + c]; im[b + c] = t;
                    }
                }
            }
            double sign = inverse ? 1 : -1;
            for (int len = 2; len <= m; len <<= 1) {
                int half = len >> 1, step = m / len;
                for (int s = 0; s < m; s += len) {
                    for (int k = 0; k < half; k++) {
                        double wr = cos[k * step], wi = sign * sin[k * step];
                        int a = (s + k) * stride, b = (s + k + half) * stride;
                        for (int c = c0; c < c1; c++) {
                            double br = re[b + c], bi = im[b + c];
                            double xr = br * wr - bi * wi;
                            double xi = br * wi + bi * wr;
                            double ar = re[a + c], ai = im[a + c];
                            re[b + c] = ar - xr; im[b + c] = ai - xi;
                            re[a + c] = ar + xr; im[a + c] = ai + xi;
                        }
                    }
                }
            }
        }
    }
}
