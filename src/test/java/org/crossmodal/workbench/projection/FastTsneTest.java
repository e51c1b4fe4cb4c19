package org.crossmodal.workbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;

class FastTsneTest {

    private static TsneOptions quick(int iterations) {
        return TsneOptions.defaults().withIterations(iterations).withThreads(2);
    }

    /** Direct O(n^2) t-SNE gradient, written from the formula, for comparison. */
    static double[] exactGradient(Affinities p, float[] y, int n, double exag) {
        double[][] pm = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int a = p.rowPtr()[i]; a < p.rowPtr()[i + 1]; a++) pm[i][p.cols()[a]] = p.vals()[a];
        }
        double z = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                z += 1 / (1 + dx * dx + dy * dy);
            }
        }
        double[] g = new double[2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double w = 1 / (1 + dx * dx + dy * dy);
                double coef = 4 * (exag * pm[i][j] - w / z) * w;
                g[2 * i] += coef * dx;
                g[2 * i + 1] += coef * dy;
            }
        }
        return g;
    }

    private static Affinities affinities(float[] x, int n, int d, double perplexity) {
        int k = Math.min(n - 1, (int) (3 * perplexity));
        Knn knn = Knn.exact(x, n, d, k, null, ProgressListener.NONE, Cancellation.NONE);
        return Affinities.symmetric(knn, Affinities.conditional(knn, perplexity, null, Cancellation.NONE));
    }

    @Test
    void barnesHutGradientMatchesTheExactGradient() {
        int n = 300, d = 10;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 3, 2.0, 5, null);
        Affinities p = affinities(x, n, d, 10);
        SplittableRandom r = new SplittableRandom(3);
        float[] y = new float[2 * n];
        for (int i = 0; i < 2 * n; i++) y[i] = (float) (TsneBenchmark.gaussian(r) * 5);
        double[] exact = exactGradient(p, y, n, 1.0);
        double norm = 0;
        for (double v : exact) norm += v * v;
        norm = Math.sqrt(norm);
        for (double theta : new double[] {0.0, 0.5}) {
            float[] g = new float[2 * n];
            FastTsne.gradient(p, y, n, 1.0, theta, false, g, new double[n], null, Cancellation.NONE);
            double err = 0;
            for (int i = 0; i < 2 * n; i++) err += (g[i] - exact[i]) * (g[i] - exact[i]);
            err = Math.sqrt(err) / norm;
            if (theta == 0) {
                assertTrue(err < 1e-4, "theta=0 must be exact, relative error " + err);
            } else {
                assertTrue(err < 0.05, "theta=0.5 relative error " + err);
            }
        }
    }

    @Test
    void fftInterpolationGradientAndNormalisationMatchTheExactOnes() {
        int n = 500, d = 10;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 3, 2.0, 5, null);
        Affinities p = affinities(x, n, d, 10);
        // maps up to about 40 units wide (50 boxes of at most 0.8); wider maps are checked in
        // fftOnAWideMapStaysCloseToBarnesHut
        for (double scale : new double[] {0.5, 2, 5}) {
            SplittableRandom r = new SplittableRandom(4);
            float[] y = new float[2 * n];
            for (int i = 0; i < 2 * n; i++) y[i] = (float) (TsneBenchmark.gaussian(r) * scale);
            double[] exact = exactGradient(p, y, n, 1.0);
            double norm = 0;
            for (double v : exact) norm += v * v;
            norm = Math.sqrt(norm);
            float[] g = new float[2 * n];
            double z = FastTsne.gradient(p, y, n, 1.0, 0.5, true, g, new double[n], null, Cancellation.NONE);
            double err = 0;
            for (int i = 0; i < 2 * n; i++) err += (g[i] - exact[i]) * (g[i] - exact[i]);
            err = Math.sqrt(err) / norm;
            assertTrue(err < 0.01, "scale " + scale + ": relative gradient error " + err);
            double zExact = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i == j) continue;
                    double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                    zExact += 1 / (1 + dx * dx + dy * dy);
                }
            }
            assertEquals(zExact, z, 1e-3 * zExact, "scale " + scale + ": Z");
        }
    }

    @Test
    void fftOnAWideMapStaysWithinFivePercent() {
        // a dense 20,000-point layout 150 units wide, as t-SNE makes: both approximations against the exact sum
        int n = 3000;
        SplittableRandom r = new SplittableRandom(8);
        float[] y = new float[2 * n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            y[2 * i] = (float) (60 * Math.cos(c) + TsneBenchmark.gaussian(r) * 6);
            y[2 * i + 1] = (float) (60 * Math.sin(c) + TsneBenchmark.gaussian(r) * 6);
        }
        float[] x = new float[n];
        Affinities p = affinities(x, n, 1, 5);
        double[] exact = exactGradient(p, y, n, 0.0);
        double norm = 0;
        for (double v : exact) norm += v * v;
        norm = Math.sqrt(norm);
        float[] g = new float[2 * n];
        FastTsne.gradient(p, y, n, 0.0, 0.5, true, g, new double[n], null, Cancellation.NONE);
        double err = 0;
        for (int i = 0; i < 2 * n; i++) err += (g[i] - exact[i]) * (g[i] - exact[i]);
        err = Math.sqrt(err) / norm;
        FastTsne.gradient(p, y, n, 0.0, 0.5, false, g, new double[n], null, Cancellation.NONE);
        double errBh = 0;
        for (int i = 0; i < 2 * n; i++) errBh += (g[i] - exact[i]) * (g[i] - exact[i]);
        errBh = Math.sqrt(errBh) / norm;
        assertTrue(err < 0.05, "FFT relative error " + err + " (Barnes-Hut " + errBh + ")");
    }

    @Test
    void fftMatchesAKnownTransform() {
        int m = 8;
        double[] re = new double[m * m], im = new double[m * m];
        re[1 * m + 2] = 1; // a single impulse at (1, 2)
        FftRepulsion.Fft2 f = new FftRepulsion.Fft2(m, null, Cancellation.NONE);
        f.forward(re, im);
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double ang = -2 * Math.PI * (a * 1 + b * 2) / m;
                assertEquals(Math.cos(ang), re[a * m + b], 1e-12);
                assertEquals(Math.sin(ang), im[a * m + b], 1e-12);
            }
        }
        f.inverse(re, im);
        for (int c = 0; c < m * m; c++) assertEquals(c == 1 * m + 2 ? 1 : 0, re[c], 1e-12);
    }

    @Test
    void affinitiesAreSymmetricSumToOneAndMatchThePerplexity() {
        int n = 200, d = 5;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 2, 3.0, 9, null);
        Knn knn = Knn.exact(x, n, d, 30, null, ProgressListener.NONE, Cancellation.NONE);
        float[] cond = Affinities.conditional(knn, 10, null, Cancellation.NONE);
        for (int i = 0; i < n; i++) {
            double h = 0, s = 0;
            for (int a = 0; a < 30; a++) {
                double v = cond[i * 30 + a];
                s += v;
                if (v > 0) h -= v * Math.log(v);
            }
            assertEquals(1.0, s, 1e-4);
            assertEquals(10.0, Math.exp(h), 0.01, "perplexity of row " + i);
        }
        Affinities p = Affinities.symmetric(knn, cond);
        double sum = 0;
        double[][] dense = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int a = p.rowPtr()[i]; a < p.rowPtr()[i + 1]; a++) {
                dense[i][p.cols()[a]] = p.vals()[a];
                sum += p.vals()[a];
            }
        }
        assertEquals(1.0, sum, 1e-4);
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) assertEquals(dense[i][j], dense[j][i], 1e-9);
    }

    @Test
    void approximateNeighboursFindMostTrueNeighbours() {
        int n = 3000, d = 32, k = 15;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 10, 1.0, 2, null);
        try (ForkJoinPool pool = Matrices.pool(2)) {
            Knn exact = Knn.exact(x, n, d, k, pool, ProgressListener.NONE, Cancellation.NONE);
            Knn approx = Knn.approximate(x, n, d, k, 1, pool, ProgressListener.NONE, Cancellation.NONE);
            long hit = 0;
            for (int i = 0; i < n; i++) {
                int[] e = java.util.Arrays.copyOfRange(exact.index(), i * k, i * k + k);
                java.util.Arrays.sort(e);
                for (int a = 0; a < k; a++) if (java.util.Arrays.binarySearch(e, approx.index()[i * k + a]) >= 0) hit++;
            }
            double recall = hit / (double) (n * k);
            assertTrue(recall > 0.9, "recall " + recall);
        }
    }

    @Test
    void plantedClustersComeOutSeparated() {
        int n = 600, d = 50, c = 4;
        int[] labels = new int[n];
        float[] x = TsneBenchmark.gaussianClusters(n, d, c, 1.5, 11, labels);
        ProjectionResult r = new FastTsne(quick(500)).project(x, n, d);
        float[] y = r.xy();
        // every point's nearest map neighbour is from its own cluster, and clusters do not overlap
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            int bj = -1;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double dd = dx * dx + dy * dy;
                if (dd < best) { best = dd; bj = j; }
            }
            if (labels[bj] != labels[i]) wrong++;
        }
        assertEquals(0, wrong, "points whose nearest map neighbour is in another cluster");
        double[][] centre = new double[c][2];
        double[] spread = new double[c];
        int[] count = new int[c];
        for (int i = 0; i < n; i++) { centre[labels[i]][0] += y[2 * i]; centre[labels[i]][1] += y[2 * i + 1]; count[labels[i]]++; }
        for (int a = 0; a < c; a++) { centre[a][0] /= count[a]; centre[a][1] /= count[a]; }
        for (int i = 0; i < n; i++) {
            double dx = y[2 * i] - centre[labels[i]][0], dy = y[2 * i + 1] - centre[labels[i]][1];
            spread[labels[i]] = Math.max(spread[labels[i]], Math.hypot(dx, dy));
        }
        for (int a = 0; a < c; a++) {
            for (int b = a + 1; b < c; b++) {
                double gap = Math.hypot(centre[a][0] - centre[b][0], centre[a][1] - centre[b][1]);
                assertTrue(gap > 0.5 * (spread[a] + spread[b]), "clusters " + a + " and " + b + " overlap");
            }
        }
        assertTrue(r.klDivergence() > 0 && r.klDivergence() < 3, "KL " + r.klDivergence());
    }

    @Test
    void sameSeedSameMapWhateverTheThreadCount() {
        int n = 400, d = 20;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 3, 1.0, 4, null);
        float[] a = new FastTsne(quick(120).withThreads(1)).project(x, n, d).xy();
        float[] b = new FastTsne(quick(120).withThreads(2)).project(x, n, d).xy();
        assertArrayEquals(a, b);
        float[] c = new FastTsne(quick(120).withSeed(7)).project(x, n, d).xy();
        assertTrue(c.length == a.length);
    }

    @Test
    void snapshotsArePublishedAndCancelStopsQuickly() throws Exception {
        int n = 3000, d = 20;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 5, 1.0, 4, null);
        Cancellation cancel = new Cancellation();
        List<Integer> its = new ArrayList<>();
        long[] cancelledAt = new long[1];
        Thread worker = new Thread(() -> {
            try {
                new FastTsne(quick(100_000)).project(x, n, d, ProgressListener.NONE, cancel, (it, total, xy) -> {
                    synchronized (its) { its.add(it); }
                    assertEquals(2 * n, xy.length);
                });
            } catch (CancelledException expected) {
                cancelledAt[0] = System.nanoTime();
            }
        });
        worker.start();
        Thread.sleep(2500);
        long t = System.nanoTime();
        cancel.cancel();
        worker.join(5000);
        assertTrue(cancelledAt[0] > 0, "the run ended with CancelledException");
        double ms = (cancelledAt[0] - t) / 1e6;
        assertTrue(ms < 100, "cancel took " + ms + " ms");
        synchronized (its) {
            assertTrue(its.size() >= 2, "snapshots published: " + its);
            for (int i = 1; i < its.size(); i++) assertTrue(its.get(i) > its.get(i - 1));
        }
    }

    @Test
    void cancelInEveryPhaseOfALargeRunStopsQuickly() throws Exception {
        int n = 12_000, d = 64; // approximate neighbours, FFT repulsion
        float[] x = TsneBenchmark.gaussianClusters(n, d, 10, 1.0, 4, null);
        for (int delay : new int[] {100, 400, 1500}) {
            Cancellation cancel = new Cancellation();
            long[] ended = new long[1];
            Thread worker = new Thread(() -> {
                try {
                    new FastTsne(quick(1000)).project(x, n, d, ProgressListener.NONE, cancel, SnapshotListener.NONE);
                } catch (CancelledException expected) {
                    ended[0] = System.nanoTime();
                }
            });
            worker.start();
            Thread.sleep(delay);
            long t = System.nanoTime();
            cancel.cancel();
            worker.join(10_000);
            assertTrue(ended[0] > 0, "cancelled after " + delay + " ms");
            double ms = (ended[0] - t) / 1e6;
            // every phase checks the token at least every few milliseconds of work; the bound here is looser than
            // the 100 ms of snapshotsArePublishedAndCancelStopsQuickly because on a shared 2-core machine a
            // cold JVM's worker threads can wait that long for a core
            assertTrue(ms < 500, "cancel after " + delay + " ms took " + ms + " ms");
        }
    }

    @Test
    void nanAndInfinityAreRefusedNamingRowAndColumn() {
        float[] x = new float[20 * 3];
        x[7 * 3 + 2] = Float.NaN;
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> new FastTsne(quick(10)).project(x, 20, 3));
        assertTrue(e.getMessage().contains("Row 7, column 2"), e.getMessage());
        x[7 * 3 + 2] = Float.POSITIVE_INFINITY;
        e = assertThrows(WorkbenchException.class, () -> new FastTsne(quick(10)).project(x, 20, 3));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
    }

    @Test
    void tooFewPointsLowerThePerplexityAndSaySo() {
        int n = 40, d = 8;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 2, 3.0, 1, null);
        ProjectionResult r = new FastTsne(quick(300)).project(x, n, d);
        assertEquals(2 * n, r.xy().length);
        assertEquals(13.0, Double.parseDouble(r.provenance().get("perplexity.used")), 1e-9);
        assertTrue(r.warnings().get(0).contains("Perplexity lowered from 30 to 13.00"), r.warnings().toString());
        assertTrue(r.provenance().get("warnings").contains("Perplexity lowered"));
        for (float v : r.xy()) assertTrue(Float.isFinite(v));
    }

    @Test
    void oneTwoAndThreePoints() {
        ProjectionResult one = new FastTsne(quick(50)).project(new float[] {1, 2, 3}, 1, 3);
        assertArrayEquals(new float[] {0, 0}, one.xy());
        assertTrue(one.warnings().get(0).contains("one point"));
        ProjectionResult two = new FastTsne(quick(50)).project(new float[] {0, 0, 0, 1, 1, 1}, 2, 3);
        assertEquals(4, two.xy().length);
        assertTrue(two.xy()[0] != two.xy()[2] || two.xy()[1] != two.xy()[3], "two distinct points stay apart");
        ProjectionResult three = new FastTsne(quick(50)).project(new float[] {0, 0, 1, 0, 5, 5}, 3, 2);
        for (float v : three.xy()) assertTrue(Float.isFinite(v));
    }

    @Test
    void duplicatesAndZeroVarianceGiveFiniteMaps() {
        int n = 200, d = 6;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 2, 3.0, 1, null);
        // rows 100..199 duplicate rows 0..99
        System.arraycopy(x, 0, x, 100 * d, 100 * d);
        ProjectionResult r = new FastTsne(quick(300)).project(x, n, d);
        for (float v : r.xy()) assertTrue(Float.isFinite(v));
        double dist = Math.hypot(r.xy()[0] - r.xy()[200], r.xy()[1] - r.xy()[201]);
        assertTrue(dist < 1.0, "duplicates land together, distance " + dist);
        assertTrue(Double.isFinite(r.klDivergence()));

        float[] same = new float[n * d];
        java.util.Arrays.fill(same, 0.25f);
        ProjectionResult z = new FastTsne(quick(200)).project(same, n, d);
        for (float v : z.xy()) assertTrue(Float.isFinite(v));
        assertTrue(z.warnings().stream().anyMatch(w -> w.contains("zero variance")), z.warnings().toString());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> TsneOptions.defaults().withPerplexity(0));
        assertThrows(IllegalArgumentException.class, () -> TsneOptions.defaults().withPerplexity(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TsneOptions.defaults().withIterations(0));
        assertThrows(IllegalArgumentException.class, () -> TsneOptions.defaults().withTheta(2));
        assertThrows(IllegalArgumentException.class, () -> TsneOptions.defaults().withThreads(-1));
        assertEquals(25, TsneOptions.defaults().withIterations(100).exaggerationIterations());
    }
}
