package org.crossmodal.workbench.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;

/**
 * The first two principal components. Uses Smile's PCA (covariance eigen-decomposition through native LAPACK)
 * when that library loads, and otherwise the pure-Java block power iteration of {@link PowerPca}; the provenance
 * says which ran and why. Both give the same axes up to sign; signs are fixed so the largest loading is positive.
 */
public final class PcaProjector implements Projector {
    private final PcaOptions options;

    public PcaProjector(PcaOptions options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
    }

    @Override
    public String method() {
        return "pca";
    }

    @Override
    public ProjectionResult project(float[] data, int n, int d, ProgressListener progress, Cancellation cancel,
                                    SnapshotListener snapshots) {
        Matrices.validate(data, n, d);
        List<String> warnings = new ArrayList<>();
        Provenance prov = Provenance.of("project:pca").with("points", n).with("dimensions", d)
                .with("seed", options.seed()).with("backend.requested", options.backend());
        progress.update("principal components", 0, -1);
        float[] xy = null;
        String backend = options.backend();
        if (!backend.equals("java") && n >= 2 && d >= 2) {
            String problem = Natives.lapackProblem();
            if (problem == null) {
                try {
                    xy = smilePca(data, n, d);
                    prov = prov.with("backend", "smile " + SmileTsne.smileVersion() + " (LAPACK)");
                } catch (LinkageError | RuntimeException e) {
                    problem = "Smile's PCA failed: " + e;
                }
            }
            if (xy == null) {
                if (backend.equals("smile")) {
                    throw new org.crossmodal.workbench.core.WorkbenchException("PCA with backend smile is not available: "
                            + problem + ". Use the default backend (auto), which falls back to pure Java.");
                }
                warnings.add("Smile's PCA is not available (" + problem + "); used the pure-Java power iteration.");
            }
        }
        cancel.check();
        if (xy == null) {
            try (ForkJoinPool pool = Matrices.pool(options.effectiveThreads())) {
                PowerPca pca = PowerPca.fit(data, n, d, 2, null, options.seed(), pool, cancel);
                xy = pca.transform(data, n, d, pool, cancel);
                if (d == 1) {
                    float[] two = new float[2 * n];
                    for (int i = 0; i < n; i++) two[2 * i] = xy[i];
                    xy = two;
                }
                prov = prov.with("backend", "pure-java power iteration")
                        .with("explainedVariance", explained(pca));
            }
        }
        if (!warnings.isEmpty()) prov = prov.with("warnings", String.join(" ", warnings));
        snapshots.snapshot(1, 1, xy.clone());
        progress.update("principal components", 1, 1);
        return new ProjectionResult(xy, Double.NaN, warnings, prov);
    }

    private static String explained(PowerPca p) {
        if (p.totalVariance() <= 0) return "0";
        double s = 0;
        for (double v : p.variance()) s += v;
        return String.format(java.util.Locale.ROOT, "%.4f", s / p.totalVariance());
    }

    private static float[] smilePca(float[] data, int n, int d) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = data[i * d + j];
        smile.feature.extraction.PCA pca = smile.feature.extraction.PCA.fit(x).getProjection(2);
        var loadings = pca.loadings();
        // sign convention: the largest absolute loading of each component is positive
        double[] sign = new double[2];
        for (int c = 0; c < 2; c++) {
            int big = 0;
            for (int j = 1; j < d; j++) if (Math.abs(loadings.get(j, c)) > Math.abs(loadings.get(big, c))) big = j;
            sign[c] = loadings.get(big, c) < 0 ? -1 : 1;
        }
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double[] p = pca.apply(x[i]);
            xy[2 * i] = (float) (sign[0] * p[0]);
            xy[2 * i + 1] = (float) (sign[1] * p[1]);
        }
        return xy;
    }
}
