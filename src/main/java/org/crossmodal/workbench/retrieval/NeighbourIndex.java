package org.crossmodal.workbench.retrieval;

import org.crossmodal.workbench.core.Cancellation;

/** A cosine nearest-neighbour index over unit vectors (exact or approximate). */
public interface NeighbourIndex {
    int size();

    int dim();

    /** What it is, e.g. "exact" or "hnsw(M=16, ef=100)". */
    String describe();

    /**
     * The k nearest indexed rows of each query by cosine. k larger than the index is capped at its size.
     *
     * @param queries nq x dim unit vectors, row-major
     */
    Hits search(float[] queries, int nq, int k, Cancellation cancel);
}
