package org.crossmodal.workbench.gui;

import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;

/**
 * One line of the neighbour panel.
 *
 * @param rank      1-based
 * @param item      the neighbour
 * @param score     its score
 * @param bar       the score scaled to 0..1 for the bar (relative to the list's range)
 * @param trueMatch whether it is the selected item's true match
 */
public record NeighbourRow(int rank, Item item, double score, double bar, boolean trueMatch) {
    public boolean playable() {
        return item.modality() == Modality.SPEECH;
    }
}
