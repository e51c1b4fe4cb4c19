package org.crossmodal.workbench.gui;

import java.util.List;

import org.crossmodal.workbench.core.Item;

/**
 * The neighbours of one item.
 *
 * @param query         the item asked about
 * @param neighbours    best first
 * @param trueMatchRank 1-based rank of the item's true match among all items of the other modality,
 *                      or -1 when it has none
 * @param measure       "cosine" or "CSLS"
 */
public record NeighbourResult(Item query, List<Neighbour> neighbours, int trueMatchRank, String measure) {
    public NeighbourResult {
        neighbours = List.copyOf(neighbours);
    }

    /**
     * One neighbour.
     *
     * @param item      the neighbour
     * @param score     cosine or CSLS score
     * @param trueMatch whether it is the query's true match
     */
    public record Neighbour(Item item, double score, boolean trueMatch) { }
}
