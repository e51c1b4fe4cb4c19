package org.crossmodal.workbench.retrieval;

import java.util.Locale;

/** How candidates are scored against a query. */
public enum RetrievalMethod {
    /** Plain cosine nearest neighbour. */
    NN,
    /** Cross-domain similarity local scaling: 2 cos(x, y) - r(x) - r(y), r = mean cosine of the k nearest in the other space. */
    CSLS,
    /** Inverted softmax: log of exp(beta cos(x, y)) normalised over all queries x for each candidate y. */
    ISF;

    public static RetrievalMethod parse(String s) {
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "nn", "cosine", "cos" -> { return NN; }
                case "csls" -> { return CSLS; }
                case "isf", "inverted-softmax" -> { return ISF; }
                default -> { }
            }
        }
        throw new IllegalArgumentException("Unknown retrieval '" + s + "': use nn, csls or isf.");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
