package org.crossmodal.workbench.retrieval;

/**
 * k nearest items per query, best first.
 *
 * @param queries queries
 * @param k       hits per query (fewer candidates leave -1 indices)
 * @param index   row of each hit in the indexed set
 * @param score   cosine of each hit
 */
public record Hits(int queries, int k, int[] index, float[] score) {
    public int index(int q, int r) {
        return index[q * k + r];
    }

    public float score(int q, int r) {
        return score[q * k + r];
    }
}
