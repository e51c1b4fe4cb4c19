package org.crossmodal.workbench.probe;

import java.util.List;

import org.crossmodal.workbench.core.Provenance;

/**
 * Intelligibility scores of a set of recordings, most intelligible first.
 *
 * @param rows                   one per scored recording, sorted by score (highest first), ranks 1..n
 * @param temperature            the softmax temperature used
 * @param fitted                 whether the temperature was fitted on these recordings
 * @param vocabularySize         the number of candidate texts each recording competed against
 * @param skippedNoTranscript    recordings without an intended text
 * @param skippedNotInVocabulary recordings whose intended text has no vector
 * @param partial                cancelled before every recording was scored
 * @param warnings               things to know
 * @param provenance             options, temperature, models
 */
public record IntelligibilityResult(List<IntelligibilityRow> rows, double temperature, boolean fitted, int vocabularySize,
                                    int skippedNoTranscript, int skippedNotInVocabulary, boolean partial,
                                    List<String> warnings, Provenance provenance) {
    public IntelligibilityResult {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }

    public IntelligibilityRow row(String itemId) {
        for (IntelligibilityRow r : rows) if (r.itemId().equals(itemId)) return r;
        return null;
    }
}
