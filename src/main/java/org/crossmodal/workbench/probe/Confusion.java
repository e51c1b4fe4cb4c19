package org.crossmodal.workbench.probe;

import java.util.List;

/**
 * Recordings of one word that the model took for another.
 *
 * @param said         the transcript of the recordings
 * @param heard        the text the model ranked first
 * @param count        how many recordings
 * @param itemIds      the recordings (to play them)
 * @param editDistance Levenshtein distance between the two texts (letters, case folded)
 * @param minimalPair  the texts differ in exactly one letter (substituted, inserted or deleted)
 */
public record Confusion(String said, String heard, int count, List<String> itemIds, int editDistance, boolean minimalPair) {
    public Confusion {
        itemIds = List.copyOf(itemIds);
    }
}
