package org.crossmodal.workbench.probe;

import java.util.List;

/**
 * Recordings of one word that the model took for another.
 *
 * @param said            the transcript of the recordings
 * @param heard           the text the model ranked first
 * @param count           how many recordings
 * @param itemIds         the recordings (to play them)
 * @param editDistance    Levenshtein distance between the two spellings (letters, case folded)
 * @param phonemeDistance Levenshtein distance between the two IPA transcriptions in phonemes (stress ignored), or -1
 *                        when no transcription was available
 * @param minimalPair     the two differ in exactly one phoneme (one letter when there is no IPA)
 * @param saidIpa         IPA of {@code said}, or null
 * @param heardIpa        IPA of {@code heard}, or null
 */
public record Confusion(String said, String heard, int count, List<String> itemIds, int editDistance, int phonemeDistance,
                        boolean minimalPair, String saidIpa, String heardIpa) {
    public Confusion {
        itemIds = List.copyOf(itemIds);
    }

    /** The two sound the same (equal IPA once stress is removed). */
    public boolean homophones() {
        return phonemeDistance == 0;
    }
}
