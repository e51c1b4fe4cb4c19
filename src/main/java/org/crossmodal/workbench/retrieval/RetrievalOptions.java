package org.crossmodal.workbench.retrieval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Validated retrieval settings, shared by the command line and the GUI.
 *
 * @param method  nn, csls or isf
 * @param k       neighbours kept per query (at least 10 so P@10 and hubness N10 are defined); capped at the
 *                candidate count when the set is smaller
 * @param cslsK   neighbourhood size of CSLS (10 in Conneau et al.); capped at the set size
 * @param isfBeta inverse temperature of the inverted softmax (30 in Smith et al.)
 * @param threads worker threads (0 = every core)
 */
public record RetrievalOptions(RetrievalMethod method, int k, int cslsK, double isfBeta, int threads) {
    public RetrievalOptions {
        Objects.requireNonNull(method, "method");
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k + ".");
        if (k > 1000) throw new IllegalArgumentException("k must be at most 1000, got " + k + ".");
        if (cslsK < 1) throw new IllegalArgumentException("CSLS k must be at least 1, got " + cslsK + ".");
        if (cslsK > 1000) throw new IllegalArgumentException("CSLS k must be at most 1000, got " + cslsK + ".");
        if (!(isfBeta > 0) || isfBeta > 500) {
            throw new IllegalArgumentException("Inverted-softmax beta must be in (0, 500], got " + isfBeta + ".");
        }
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads + ".");
    }

    public static RetrievalOptions defaults(RetrievalMethod m) {
        return new RetrievalOptions(m, 10, 10, 30.0, 0);
    }

    public RetrievalOptions withK(int newK) {
        return new RetrievalOptions(method, newK, cslsK, isfBeta, threads);
    }

    public int threadCount() {
        return threads == 0 ? BlockedProduct.defaultThreads() : threads;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("retrieval", method.key());
        m.put("k", k);
        m.put("csls_k", cslsK);
        m.put("isf_beta", isfBeta);
        return m;
    }
}
