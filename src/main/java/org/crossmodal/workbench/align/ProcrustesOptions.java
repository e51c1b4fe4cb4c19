package org.crossmodal.workbench.align;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Supervised orthogonal Procrustes.
 *
 * @param refinementIterations re-induce the dictionary by mutual CSLS neighbours and re-solve this many
 *                             times (0 = plain Procrustes on the seed dictionary); stops early when stable
 * @param cslsK                CSLS neighbourhood for refinement
 * @param maxRank              refinement considers the first maxRank rows of each side (most frequent first)
 * @param threads              worker threads (0 = every core)
 */
public record ProcrustesOptions(int refinementIterations, int cslsK, int maxRank, int threads) {
    public ProcrustesOptions {
        if (refinementIterations < 0 || refinementIterations > 100) {
            throw new IllegalArgumentException("Procrustes refinement iterations must be in [0, 100], got " + refinementIterations + ".");
        }
        if (cslsK < 1 || cslsK > 100) throw new IllegalArgumentException("CSLS k must be in [1, 100], got " + cslsK + ".");
        if (maxRank < 2) throw new IllegalArgumentException("max rank must be at least 2, got " + maxRank + ".");
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads + ".");
    }

    public static ProcrustesOptions defaults() {
        return new ProcrustesOptions(0, 10, 15000, 0);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("refinement_iterations", refinementIterations);
        m.put("csls_k", cslsK);
        m.put("max_rank", maxRank);
        return m;
    }

    int threadCount() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
