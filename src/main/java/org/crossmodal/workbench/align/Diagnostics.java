package org.crossmodal.workbench.align;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.retrieval.BruteForceIndex;
import org.crossmodal.workbench.retrieval.Hits;

/**
 * Tells, before aligning, whether two spaces look isomorphic enough for an unsupervised method.
 *
 * <ul>
 *   <li><b>Eigenvector similarity</b> (Søgaard et al. 2018): the Laplacian spectra of the k-nearest-neighbour
 *   graphs of the leading items of each space; Δ = Σ (λx_i - λy_i)² over the leading eigenvalues that hold 90%
 *   of the spectrum. To say whether Δ is large, it is compared with the Δ between two disjoint samples of the
 *   same space (what sampling alone produces): a ratio well above 1 means the neighbourhoods are shaped
 *   differently.</li>
 *   <li><b>Covariance spectra</b>: an isometry keeps the eigenvalues of the covariance; their effective
 *   dimensions (participation ratios) and the L1 distance of the normalised spectra are reported.</li>
 * </ul>
 * These are warnings, not proofs: similar spectra are necessary for isomorphism, not sufficient.
 */
public final class Diagnostics {
    private Diagnostics() { }

    /**
     * @param eigenSimilarity     Δ between the source and target graphs
     * @param sameSpaceDelta      mean Δ between two disjoint samples of each space (sampling noise)
     * @param ratio               eigenSimilarity / sameSpaceDelta
     * @param sourceEffectiveDim  participation ratio of the source covariance spectrum
     * @param targetEffectiveDim  the same for the target
     * @param spectrumDistance    L1 distance of the normalised covariance spectra (0 = identical, 2 = disjoint)
     * @param warnings            sentences for the user; empty when nothing looks wrong
     */
    public record Report(double eigenSimilarity, double sameSpaceDelta, double ratio, double sourceEffectiveDim,
                         double targetEffectiveDim, double spectrumDistance, int graphNodes, List<String> warnings) {
        public boolean looksIsomorphic() {
            return warnings.isEmpty();
        }

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eigenvector_similarity", eigenSimilarity);
            m.put("same_space_eigenvector_similarity", sameSpaceDelta);
            m.put("eigenvector_similarity_ratio", ratio);
            m.put("source_effective_dim", sourceEffectiveDim);
            m.put("target_effective_dim", targetEffectiveDim);
            m.put("covariance_spectrum_distance", spectrumDistance);
            m.put("graph_nodes", graphNodes);
            m.put("warnings", warnings);
            return m;
        }
    }

    /** Ratio of cross-space to same-space Δ above which a warning is given. */
    public static final double RATIO_WARNING = 3.0;

    public static Report diagnose(AlignmentInput in, int nodes, int k, Cancellation cancel) {
        int d = in.d();
        int n = Math.min(nodes, Math.min(in.nx(), in.ny()) / 2);
        List<String> warn = new ArrayList<>();
        double delta = Double.NaN, same = Double.NaN, ratio = Double.NaN;
        if (n >= 2 * k + 2) {
            double[] lx1 = spectrum(in.x(), 0, n, d, k, cancel), lx2 = spectrum(in.x(), n, n, d, k, cancel);
            double[] ly1 = spectrum(in.y(), 0, n, d, k, cancel), ly2 = spectrum(in.y(), n, n, d, k, cancel);
            delta = (eigenDelta(lx1, ly1) + eigenDelta(lx2, ly2)) / 2;
            same = (eigenDelta(lx1, lx2) + eigenDelta(ly1, ly2)) / 2;
            ratio = delta / Math.max(same, 1e-9);
            if (ratio > RATIO_WARNING) {
                warn.add(String.format("the neighbour graphs of the two spaces differ %.1f times more than two samples of "
                        + "one space do (eigenvector similarity %.1f vs %.1f): the spaces are far from isomorphic and "
                        + "unsupervised alignment is likely to fail", ratio, delta, same));
            }
        } else {
            warn.add("too few items (" + Math.min(in.nx(), in.ny()) + ") to compare neighbour graphs; need at least "
                    + 2 * (2 * k + 2));
        }
        double[] sx = covSpectrum(in.x(), in.nx(), d), sy = covSpectrum(in.y(), in.ny(), d);
        double ex = participation(sx), ey = participation(sy);
        double dist = 0;
        for (int i = 0; i < d; i++) dist += Math.abs(sx[i] - sy[i]);
        if (Math.max(ex, ey) > 1.5 * Math.min(ex, ey)) {
            warn.add(String.format("the spaces spread over different numbers of directions (effective dimension %.1f vs "
                    + "%.1f): no rotation maps one onto the other", ex, ey));
        }
        return new Report(delta, same, ratio, ex, ey, dist, n, warn);
    }

    /** Laplacian eigenvalues (descending) of the symmetric k-NN graph of rows [from, from + n). */
    static double[] spectrum(float[] m, int from, int n, int d, int k, Cancellation cancel) {
        float[] rows = new float[n * d];
        System.arraycopy(m, from * d, rows, 0, n * d);
        Hits h = new BruteForceIndex(rows, n, d, 1).search(rows, n, k + 1, cancel);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k + 1; r++) {
                int j = h.index(i, r);
                if (j < 0 || j == i) continue;
                a[i * n + j] = 1;
                a[j * n + i] = 1;
            }
        }
        double[] lap = new double[n * n];
        for (int i = 0; i < n; i++) {
            double deg = 0;
            for (int j = 0; j < n; j++) deg += a[i * n + j];
            for (int j = 0; j < n; j++) lap[i * n + j] = -a[i * n + j];
            lap[i * n + i] = deg;
        }
        cancel.check();
        return Linalg.eigPsd(lap, n).values();
    }

    /** Søgaard et al.'s Δ over the leading eigenvalues holding 90% of each spectrum. */
    static double eigenDelta(double[] a, double[] b) {
        int k = Math.min(leading(a), leading(b));
        double s = 0;
        for (int i = 0; i < k; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }

    private static int leading(double[] l) {
        double total = 0;
        for (double v : l) total += v;
        double acc = 0;
        for (int i = 0; i < l.length; i++) {
            acc += l[i];
            if (acc >= 0.9 * total) return i + 1;
        }
        return l.length;
    }

    /** Normalised (sum 1) eigenvalues of the covariance of the rows, descending. */
    static double[] covSpectrum(float[] m, int n, int d) {
        double[] cov = PcaInit.covariance(m, n, d);
        double[] ev = Linalg.eigPsd(cov, d).values();
        double t = 0;
        for (double v : ev) t += v;
        for (int i = 0; i < d; i++) ev[i] = t > 0 ? ev[i] / t : 0;
        return ev;
    }

    /** (Σλ)² / Σλ², the number of directions the data effectively spreads over. */
    static double participation(double[] l) {
        double s = 0, s2 = 0;
        for (double v : l) {
            s += v;
            s2 += v * v;
        }
        return s2 > 0 ? s * s / s2 : 0;
    }
}
