package org.crossmodal.workbench.probe;

import java.util.List;

import org.crossmodal.workbench.core.Provenance;

/**
 * Which words the model mixes up, and whom it fails.
 *
 * @param confusions             the most frequent (said, heard) pairs, most frequent first
 * @param totalConfusions        recordings whose first text was wrong
 * @param distinctPairs          distinct (said, heard) pairs among them (the list may be cut to the top)
 * @param overall                P@1 over all scored recordings
 * @param perSpeaker             P@1 per speaker or voice, worst first
 * @param perWord                P@1 per word, worst first
 * @param skippedNoTranscript    recordings without a transcript
 * @param skippedNotInVocabulary recordings whose transcript is not a vocabulary text
 * @param partial                cancelled before every recording was looked at
 * @param warnings               things to know
 * @param provenance             options, vocabulary size, models
 */
public record ConfusionResult(List<Confusion> confusions, int totalConfusions, int distinctPairs, GroupP1 overall,
                              List<GroupP1> perSpeaker, List<GroupP1> perWord, int skippedNoTranscript,
                              int skippedNotInVocabulary, boolean partial, List<String> warnings, Provenance provenance) {
    public ConfusionResult {
        confusions = List.copyOf(confusions);
        perSpeaker = List.copyOf(perSpeaker);
        perWord = List.copyOf(perWord);
        warnings = List.copyOf(warnings);
    }
}
