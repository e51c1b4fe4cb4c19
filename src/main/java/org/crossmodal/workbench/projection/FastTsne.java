package org.crossmodal.workbench.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;

/**
 * The workbench's own t-SNE, O(N log N) per iteration and O(N k) memory: sparse input affinities over the
 * k = 3 x perplexity nearest neighbours (exact search for small inputs, random-projection forest beyond),
 * Barnes-Hut repulsion on a quadtree, PCA initialisation scaled to standard deviation 1e-4, early exaggeration
 * with momentum 0.5, then momentum 0.8, per-coordinate gains. All work is split over a fixed pool of
 * {@link TsneOptions#threads} workers, and every parallel loop writes only its own rows, so the result does not
 * depend on the number of threads or their timing.
 */
public final class FastTsne implements Projector {
    /** Snapshots are published at most this often. */
    static final long SNAPSHOT_INTERVAL_NANOS = 200_000_000L;

    private final TsneOptions options;

    public FastTsne(TsneOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    public TsneOptions options() {
        return options;
    }

    @Override
    public String method() {
        return "tsne";
    }

    /** Perplexity usable with n points: at most (n - 1) / 3 so that 3 x perplexity neighbours exist, at least 1. */
    static double usablePerplexity(double perplexity, int n) {
        return Math.min(perplexity, Math.max(1.0, (n - 1) / 3.0));
    }

    @Override
    public ProjectionResult project(float[] data, int n, int d, ProgressListener progress, Cancellation cancel,
                                    SnapshotListener snapshots) {
        Matrices.validate(data, n, d, cancel);
        long t0 = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        Provenance prov = Provenance.of("project:tsne").withAll(options.toMap())
                .with("points", n).with("dimensions", d)
                .with("repulsion.used", options.usesFft(n) ? "fft-interpolation" : "barnes-hut");
        if (n == 1) {
            warnings.add("Only one point: it is placed at the origin.");
            return new ProjectionResult(new float[2], 0, warnings, prov.with("warnings", String.join(" ", warnings)));
        }
        double perplexity = usablePerplexity(options.perplexity(), n);
        if (perplexity < options.perplexity()) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "Perplexity lowered from %s to %.2f: %d points cannot give each point %s x 3 neighbours.",
                    fmt(options.perplexity()), perplexity, n, fmt(options.perplexity())));
        }
        if (n < 4) warnings.add("Only " + n + " points: t-SNE has no structure to show; the map is their PCA layout.");
        int k = Math.min(n - 1, Math.max(1, (int) Math.floor(3 * perplexity)));
        int threads = options.effectiveThreads();
        try (ForkJoinPool pool = Matrices.pool(threads)) {
            progress.update("nearest neighbours", 0, -1);
            Knn knn = Knn.compute(data, n, d, k, options.seed(), pool, progress, cancel);
            String search = knn.exact() ? "exact" : "random-projection forest";
            double recall = knn.sampledRecall(data, d, 64, options.seed(), pool, cancel);
            long tKnn = System.nanoTime();
            float[] cond = Affinities.conditional(knn, perplexity, pool, cancel);
            Affinities p = Affinities.symmetric(knn, cond, cancel);
            knn = null; // free before the optimisation
            cond = null;
            long tAff = System.nanoTime();
            float[] y = initialise(data, n, d, pool, cancel, warnings);
            long tInit = System.nanoTime();
            double kl;
            if (n < 4) {
                kl = Double.NaN;
            } else {
                kl = optimise(p, y, n, pool, progress, cancel, snapshots);
            }
            long t1 = System.nanoTime();
            prov = prov.with("perplexity.used", perplexity).with("neighbours", k)
                    .with("neighbours.search", search)
                    .with("neighbours.recall", search.equals("exact") ? "1 (exact)"
                            : String.format(java.util.Locale.ROOT, "%.3f (64 sampled rows)", recall))
                    .with("learningRate.used", options.effectiveLearningRate(n))
                    .with("threads.used", threads)
                    .with("klDivergence", kl)
                    .with("seconds.neighbours", secs(tKnn - t0)).with("seconds.affinities", secs(tAff - tKnn))
                    .with("seconds.init", secs(tInit - tAff)).with("seconds.optimise", secs(t1 - tInit))
                    .with("seconds.total", secs(t1 - t0));
            if (!warnings.isEmpty()) prov = prov.with("warnings", String.join(" ", warnings));
            snapshots.snapshot(options.iterations(), options.iterations(), y.clone());
            return new ProjectionResult(y, kl, warnings, prov);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String secs(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** PCA layout of the rows scaled to standard deviation 1e-4 on the first axis; random when there is no variance. */
    float[] initialise(float[] data, int n, int d, ForkJoinPool pool, Cancellation cancel, List<String> warnings) {
        int sample = Math.min(n, 5000);
        int[] rows = null;
        if (sample < n) {
            SplittableRandom r = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
            rows = new int[n];
            for (int i = 0; i < n; i++) rows[i] = i;
            for (int i = 0; i < sample; i++) {
                int j = i + r.nextInt(n - i);
                int t = rows[i]; rows[i] = rows[j]; rows[j] = t;
            }
            rows = java.util.Arrays.copyOf(rows, sample);
            java.util.Arrays.sort(rows);
        }
        PowerPca pca = PowerPca.fit(data, n, d, 2, rows, options.seed(), 25, pool, cancel);
        float[] y = pca.transform(data, n, d, pool, cancel);
        double mean = 0, sq = 0;
        for (int i = 0; i < n; i++) mean += y[2 * i];
        mean /= n;
        for (int i = 0; i < n; i++) { double t = y[2 * i] - mean; sq += t * t; }
        double std = Math.sqrt(sq / n);
        if (!(std > 1e-12 * Math.max(1e-30, Math.sqrt(pca.totalVariance()))) || pca.totalVariance() == 0) {
            warnings.add("All rows are identical (zero variance): the map is a random cloud.");
            SplittableRandom r = new SplittableRandom(options.seed());
            for (int i = 0; i < 2 * n; i++) y[i] = (float) (gaussian(r) * 1e-4);
            return y;
        }
        float scale = (float) (1e-4 / std);
        for (int i = 0; i < 2 * n; i++) y[i] *= scale;
        return y;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Gradient descent with momentum and gains; y is updated in place. Returns the final KL divergence. */
    double optimise(Affinities p, float[] y, int n, ForkJoinPool pool, ProgressListener progress, Cancellation cancel,
                    SnapshotListener snapshots) {
        int iters = options.iterations();
        float lr = (float) options.effectiveLearningRate(n);
        float[] update = new float[2 * n];
        float[] gains = new float[2 * n];
        java.util.Arrays.fill(gains, 1f);
        float[] grad = new float[2 * n];
        double[] zParts = new double[n];
        FftRepulsion fft = options.usesFft(n) ? new FftRepulsion() : null;
        long lastSnap = System.nanoTime();
        double z = 0;
        for (int it = 0; it < iters; it++) {
            boolean early = it < options.exaggerationIterations();
            double exag = early ? options.earlyExaggeration() : 1.0;
            float momentum = early ? 0.5f : 0.8f;
            z = gradient(p, y, n, exag, options.theta(), fft, grad, zParts, pool, cancel);
            for (int c = 0; c < 2 * n; c++) {
                float g = grad[c];
                float u = update[c];
                float gain = (g > 0) != (u > 0) ? gains[c] + 0.2f : gains[c] * 0.8f;
                if (gain < 0.01f) gain = 0.01f;
                gains[c] = gain;
                u = momentum * u - lr * gain * g;
                update[c] = u;
                y[c] += u;
            }
            centre(y, n);
            long now = System.nanoTime();
            if (now - lastSnap >= SNAPSHOT_INTERVAL_NANOS) {
                lastSnap = now;
                snapshots.snapshot(it + 1, iters, y.clone());
            }
            progress.update("t-SNE iterations", it + 1, iters);
        }
        return klDivergence(p, y, n, pool, cancel);
    }

    private static void centre(float[] y, int n) {
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += y[2 * i]; my += y[2 * i + 1]; }
        float fx = (float) (mx / n), fy = (float) (my / n);
        for (int i = 0; i < n; i++) { y[2 * i] -= fx; y[2 * i + 1] -= fy; }
    }

    /**
     * dC/dy_i = 4 (exag sum_j p_ij w_ij (y_i - y_j) - sum_j w_ij^2 (y_i - y_j) / Z), w = 1 / (1 + |y_i - y_j|^2),
     * Z = sum_{i != j} w_ij; repulsion by Barnes-Hut with the given theta. Returns Z.
     */
    static double gradient(Affinities p, float[] y, int n, double exag, double theta, boolean fft, float[] grad,
                           double[] zParts, ForkJoinPool pool, Cancellation cancel) {
        return gradient(p, y, n, exag, theta, fft ? new FftRepulsion() : null, grad, zParts, pool, cancel);
    }

    /** As above; with a non-null {@code fft} the repulsion is interpolated (its kernel spectrum is reused). */
    static double gradient(Affinities p, float[] y, int n, double exag, double theta, FftRepulsion fft, float[] grad,
                           double[] zParts, ForkJoinPool pool, Cancellation cancel) {
        double[] rep = new double[2 * n];
        double z;
        if (fft != null) {
            z = fft.compute(y, n, rep, zParts, pool, cancel);
        } else {
            QuadTree tree = new QuadTree(y, n);
            tree.repulsionAll(n, theta, rep, zParts, pool, cancel);
            z = 0;
            for (int i = 0; i < n; i++) z += zParts[i];
        }
        final double invZ = 1.0 / z;
        int[] ptr = p.rowPtr(), cols = p.cols();
        float[] vals = p.vals();
        Matrices.parallelRanges(pool, n, 256, cancel, (s, e) -> {
            for (int i = s; i < e; i++) {
                double ax = 0, ay = 0;
                float xi = y[2 * i], yi = y[2 * i + 1];
                for (int a = ptr[i]; a < ptr[i + 1]; a++) {
                    int j = cols[a];
                    double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                    double w = vals[a] / (1.0 + dx * dx + dy * dy);
                    ax += w * dx;
                    ay += w * dy;
                }
                grad[2 * i] = (float) (4.0 * (exag * ax - rep[2 * i] * invZ));
                grad[2 * i + 1] = (float) (4.0 * (exag * ay - rep[2 * i + 1] * invZ));
            }
        });
        return z;
    }

    /** KL(P || Q) of the sparse P against the map, with Z from Barnes-Hut (theta as configured). */
    double klDivergence(Affinities p, float[] y, int n, ForkJoinPool pool, Cancellation cancel) {
        double[] zParts = new double[n];
        float[] grad = new float[2 * n];
        double z = gradient(p, y, n, 1, options.theta(), options.usesFft(n), grad, zParts, pool, cancel);
        return sparseKl(p, y, n, z);
    }

    /** sum p_ij log(p_ij / q_ij) over the entries of P, q_ij = w_ij / z. */
    static double sparseKl(Affinities p, float[] y, int n, double z) {
        int[] ptr = p.rowPtr(), cols = p.cols();
        float[] vals = p.vals();
        double kl = 0, logZ = Math.log(z);
        for (int i = 0; i < n; i++) {
            for (int a = ptr[i]; a < ptr[i + 1]; a++) {
                double v = vals[a];
                if (v <= 0) continue;
                int j = cols[a];
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                kl += v * (Math.log(v) + Math.log(1.0 + dx * dx + dy * dy) + logZ);
            }
        }
        return kl;
    }
}
