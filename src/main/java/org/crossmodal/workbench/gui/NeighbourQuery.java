package org.crossmodal.workbench.gui;

/**
 * What the neighbour panel asks for.
 *
 * @param k          how many neighbours (1..1000)
 * @param csls       rank by CSLS instead of cosine
 * @param includeOwn also list neighbours in the item's own modality
 */
public record NeighbourQuery(int k, boolean csls, boolean includeOwn) {
    public NeighbourQuery {
        if (k < 1 || k > 1000) throw new IllegalArgumentException("k must be between 1 and 1000, got " + k);
    }
}
