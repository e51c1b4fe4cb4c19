package org.crossmodal.workbench.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;

import smile.manifold.TSNE;
import smile.util.AlgoStatus;
import smile.util.IterativeAlgorithmController;

/**
 * Smile's exact t-SNE ({@code smile.manifold.TSNE}), O(N^2) in time and memory. It is the reference the fast
 * t-SNE is measured against. Smile reports its status every 10 iterations; that is where progress is published
 * and a stop is requested. The run happens on its own daemon thread, so a cancel returns to the caller within
 * about 20 ms even though Smile itself only stops at its next 10-iteration check (its result is then dropped).
 * Smile does not expose intermediate coordinates, so the only snapshot is the final layout.
 */
public final class SmileTsne implements Projector {
    /** Bytes Smile keeps per pair of points: three N x N double matrices (distances/P, Q, and a working copy). */
    static final long BYTES_PER_PAIR = 3L * Double.BYTES;

    private final TsneOptions options;

    public SmileTsne(TsneOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    @Override
    public String method() {
        return "smile-tsne";
    }

    /** The largest n whose three N x N matrices fit in {@code bytes} together with a 20% margin. */
    public static int maxPoints(long bytes) {
        return (int) Math.floor(Math.sqrt(bytes * 0.8 / BYTES_PER_PAIR));
    }

    @Override
    public ProjectionResult project(float[] data, int n, int d, ProgressListener progress, Cancellation cancel,
                                    SnapshotListener snapshots) {
        Matrices.validate(data, n, d);
        if (n < 4) {
            throw new WorkbenchException("Smile's t-SNE needs at least 4 points (it requires perplexity >= 2), got " + n
                    + ". Use --method tsne or --method pca for so few points.");
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long need = BYTES_PER_PAIR * n * n;
        if (need > free * 0.8) {
            throw new WorkbenchException(String.format(java.util.Locale.ROOT,
                    "Smile's exact t-SNE keeps three %d x %d double matrices (%.1f GB) but only %.1f GB of heap is free; "
                            + "it can hold about %d points here. Use --method tsne (O(N log N)), or raise the heap with -Xmx.",
                    n, n, need / 1e9, free / 1e9, maxPoints(free)));
        }
        List<String> warnings = new ArrayList<>();
        double perplexity = Math.min(options.perplexity(), Math.max(2.0, (n - 1) / 3.0));
        if (perplexity != options.perplexity()) {
            warnings.add(String.format(java.util.Locale.ROOT, "Perplexity changed from %s to %.2f to suit %d points.",
                    options.perplexity(), perplexity, n));
        }
        double eta = options.learningRate() > 0 ? options.learningRate() : 200.0;
        int iters = options.iterations();
        Cancellation inner = new Cancellation();
        IterativeAlgorithmController<AlgoStatus> controller = new IterativeAlgorithmController<>() {
            @Override
            public void submit(AlgoStatus status) {
                progress.update("t-SNE iterations (Smile)", status.iteration(), iters);
                if (cancel.isCancelled() || inner.isCancelled()) stop();
            }
        };
        int smileIters = Math.max(iters, 250); // Smile's minimum
        TSNE.Options opts = new TSNE.Options(2, perplexity, eta, options.earlyExaggeration(), smileIters,
                smileIters, 1e-12, 0.5, 0.8, Math.max(1, Math.min(options.exaggerationIterations(), smileIters - 1)),
                0.01, controller);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = data[i * d + j];
        AtomicReference<Object> out = new AtomicReference<>();
        long t0 = System.nanoTime();
        Thread worker = Thread.ofPlatform().daemon().name("smile-tsne").start(() -> {
            try {
                smile.math.MathEx.setSeed(options.seed());
                out.set(TSNE.fit(x, opts));
            } catch (Throwable t) {
                out.set(t);
            }
        });
        try {
            while (worker.isAlive()) {
                if (cancel.isCancelled()) {
                    inner.cancel();
                    controller.stop();
                    throw new CancelledException();
                }
                worker.join(20);
            }
        } catch (InterruptedException e) {
            inner.cancel();
            controller.stop();
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        if (cancel.isCancelled()) throw new CancelledException();
        Object r = out.get();
        if (r instanceof OutOfMemoryError oom) {
            throw new WorkbenchException("Smile's t-SNE ran out of memory with " + n
                    + " points. Use --method tsne, or raise the heap with -Xmx.", oom);
        }
        if (r instanceof Throwable t) {
            throw new WorkbenchException("Smile's t-SNE failed: " + t, t);
        }
        TSNE tsne = (TSNE) r;
        double[][] c = tsne.coordinates();
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) { xy[2 * i] = (float) c[i][0]; xy[2 * i + 1] = (float) c[i][1]; }
        double kl = tsne.cost() * Math.log(2); // Smile reports bits
        double secs = (System.nanoTime() - t0) / 1e9;
        if (iters < 250) warnings.add("Smile's t-SNE runs at least 250 iterations; it ran 250.");
        Provenance prov = Provenance.of("project:smile-tsne").withAll(options.toMap())
                .with("points", n).with("dimensions", d).with("perplexity.used", perplexity)
                .with("learningRate.used", eta).with("smile.version", smileVersion())
                .with("klDivergence", kl).with("seconds.total", String.format(java.util.Locale.ROOT, "%.3f", secs));
        if (!warnings.isEmpty()) prov = prov.with("warnings", String.join(" ", warnings));
        snapshots.snapshot(iters, iters, xy.clone());
        return new ProjectionResult(xy, kl, warnings, prov);
    }

    static String smileVersion() {
        Package p = TSNE.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "6.2.5" : v;
    }
}
