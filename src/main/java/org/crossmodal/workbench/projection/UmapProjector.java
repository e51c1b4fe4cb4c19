package org.crossmodal.workbench.projection;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Smile's UMAP. Smile initialises UMAP with a spectral layout computed by the native ARPACK library and offers
 * no other initialisation, so when ARPACK cannot be loaded this projector refuses with a message saying so (and
 * how to install it) instead of failing inside Smile. Smile's UMAP has no progress or stop hook: it runs on a
 * daemon thread, and a cancel returns to the caller at once while the abandoned run finishes in the background.
 */
public final class UmapProjector implements Projector {
    private final UmapOptions options;

    public UmapProjector(UmapOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    @Override
    public String method() {
        return "umap";
    }

    /** Null when UMAP can run here, else the reason it cannot. */
    public static String unavailableReason() {
        String p = Natives.arpackProblem();
        return p == null ? null : "UMAP is not available: Smile's UMAP needs " + p
                + ". On Linux x86-64 the build unpacks one into target/natives: start through bin/workbench, or put that "
                + "folder on LD_LIBRARY_PATH. Elsewhere install ARPACK (on Debian/Ubuntu: apt install libarpack2-dev, which "
                + "provides libarpack.so), or use --method tsne or --method pca.";
    }

    @Override
    public ProjectionResult project(float[] data, int n, int d, ProgressListener progress, Cancellation cancel,
                                    SnapshotListener snapshots) {
        Matrices.validate(data, n, d);
        String reason = unavailableReason();
        if (reason != null) throw new WorkbenchException(reason);
        if (n <= options.neighbours()) {
            throw new WorkbenchException("UMAP with " + options.neighbours() + " neighbours needs more than "
                    + options.neighbours() + " points, got " + n + ". Lower the neighbours or use --method pca.");
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = data[i * d + j];
        smile.manifold.UMAP.Options opts = new smile.manifold.UMAP.Options(options.neighbours(), 2, options.epochs(),
                1.0, options.minDist(), 1.0, 5, 1.0, 1.0);
        AtomicReference<Object> out = new AtomicReference<>();
        progress.update("UMAP (Smile)", 0, -1);
        long t0 = System.nanoTime();
        Thread worker = Thread.ofPlatform().daemon().name("smile-umap").start(() -> {
            try {
                smile.math.MathEx.setSeed(options.seed());
                out.set(smile.manifold.UMAP.fit(x, opts));
            } catch (Throwable t) {
                out.set(t);
            }
        });
        try {
            while (worker.isAlive()) {
                if (cancel.isCancelled()) throw new CancelledException();
                worker.join(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        cancel.check();
        Object r = out.get();
        if (r instanceof Throwable t) throw new WorkbenchException("Smile's UMAP failed: " + t, t);
        double[][] c = (double[][]) r;
        if (c.length != n) {
            throw new WorkbenchException("Smile's UMAP laid out only " + c.length + " of " + n
                    + " points (its neighbour graph is not connected). Raise the neighbours or use --method tsne.");
        }
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) { xy[2 * i] = (float) c[i][0]; xy[2 * i + 1] = (float) c[i][1]; }
        Provenance prov = Provenance.of("project:umap").withAll(options.toMap()).with("points", n)
                .with("dimensions", d).with("backend", "smile " + SmileTsne.smileVersion())
                .with("seconds.total", String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - t0) / 1e9));
        snapshots.snapshot(options.epochs(), options.epochs(), xy.clone());
        progress.update("UMAP (Smile)", 1, 1);
        return new ProjectionResult(xy, Double.NaN, List.of(), prov);
    }
}
