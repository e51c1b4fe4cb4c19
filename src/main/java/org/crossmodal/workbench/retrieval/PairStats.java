package org.crossmodal.workbench.retrieval;

/**
 * What CSLS or the inverted softmax needs to know about a pair of spaces: the candidate order for a
 * source query x is by alpha cos(x, y) - targetPenalty[y] (and by alpha cos(x, y) - sourcePenalty[x] for a
 * target query y). The reported CSLS score also subtracts the query's own penalty (2 cos - r(x) - r(y));
 * the reported ISF score is the log probability beta cos(x, y) - targetPenalty[y].
 *
 * @param method        how the penalties were made
 * @param alpha         2 for CSLS, beta for ISF, 1 for NN
 * @param sourcePenalty CSLS: mean cosine of each source item's k nearest targets; ISF: log-sum-exp over targets
 * @param targetPenalty the same for each target item against the sources
 */
public record PairStats(RetrievalMethod method, float alpha, float[] sourcePenalty, float[] targetPenalty) {
    /** Stats for the reverse direction (targets as queries). */
    public PairStats reversed() {
        return new PairStats(method, alpha, targetPenalty, sourcePenalty);
    }
}
