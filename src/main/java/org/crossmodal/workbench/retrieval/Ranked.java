package org.crossmodal.workbench.retrieval;

/**
 * The result of retrieving from one set into another.
 *
 * @param queries    number of queries
 * @param candidates number of candidates searched
 * @param k          neighbours kept per query
 * @param index      k candidate rows per query, best first
 * @param score      their scores (cosine, CSLS or log inverted-softmax probability)
 * @param trueRank   per query, the 1-based rank of its best-scoring true match among all candidates
 *                   (1 + the number of non-matching candidates scoring strictly higher), or 0 when the query
 *                   has no true match among the candidates
 */
public record Ranked(int queries, int candidates, int k, int[] index, float[] score, int[] trueRank) {
    public int neighbour(int q, int r) {
        return index[q * k + r];
    }

    public float score(int q, int r) {
        return score[q * k + r];
    }

    /** Same neighbours, scores (bit for bit) and ranks as another result. */
    public boolean sameAs(Ranked o) {
        return o != null && queries == o.queries && candidates == o.candidates && k == o.k
                && java.util.Arrays.equals(index, o.index) && java.util.Arrays.equals(score, o.score)
                && java.util.Arrays.equals(trueRank, o.trueRank);
    }
}
