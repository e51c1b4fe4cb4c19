package org.crossmodal.workbench.probe;

import java.util.List;
import java.util.function.UnaryOperator;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * The walk over recordings that the confusion and intelligibility probes share: a recording without a transcript,
 * or whose transcript is not a vocabulary text, is skipped and counted; every other one is handed on with the index
 * of its vocabulary text and its unit speech vector in the vocabulary's space. A cancel ends the walk early and
 * marks it partial.
 */
final class TranscribedRecordings {
    private TranscribedRecordings() { }

    /** What is done with one usable recording. */
    interface Visitor {
        /**
         * @param index  the recording's index in the list walked
         * @param target the index of its transcript in the vocabulary
         * @param unit   its speech vector, mapped into the vocabulary's space and normalized
         */
        void accept(int index, Item item, int target, float[] unit);
    }

    /**
     * @param used            recordings handed to the visitor
     * @param noTranscript    recordings skipped for having no transcript
     * @param notInVocabulary recordings skipped because their transcript is not a vocabulary text
     * @param partial         whether a cancel ended the walk early
     */
    record Walk(int used, int noTranscript, int notInVocabulary, boolean partial) {
        /**
         * Adds the warnings about a cancel and the skipped recordings, in that order, and fails when no recording
         * could be used although the walk was not cancelled.
         *
         * @param cancelled the warning for a cancelled walk
         * @param text      what the probe calls a recording's transcript ("transcript", "intended text")
         * @param verb      what the probe does with a recording, for the failure ("matched", "scored")
         */
        void report(List<String> warnings, String cancelled, String text, String verb) {
            if (partial) warnings.add(cancelled);
            if (noTranscript > 0) warnings.add(noTranscript + " recording(s) without a" + (text.matches("[aeiou].*") ? "n " : " ")
                    + text + " were skipped.");
            if (notInVocabulary > 0) {
                warnings.add(notInVocabulary + " recording(s) whose " + text + " is not in the vocabulary were skipped.");
            }
            if (used == 0 && !partial) {
                throw new WorkbenchException("No recording could be " + verb + ": " + noTranscript + " have no transcript and "
                        + notInVocabulary + " have a transcript outside the vocabulary. Give recordings with transcripts "
                        + "and the texts to match.");
            }
        }
    }

    /**
     * @param speechToText maps speech vectors into the vocabulary's space; null when the space is shared
     * @param task         the progress message ("matching recordings")
     */
    static Walk walk(List<Item> recordings, float[][] speechVectors, UnaryOperator<float[]> speechToText,
                     Vocabulary vocabulary, String task, ProgressListener progress, Cancellation cancel, Visitor visitor) {
        UnaryOperator<float[]> map = speechToText == null ? UnaryOperator.identity() : speechToText;
        int noTranscript = 0, notInVocabulary = 0, used = 0;
        boolean partial = false;
        try {
            for (int i = 0; i < recordings.size(); i++) {
                cancel.check();
                Item it = recordings.get(i);
                if (it.label().isBlank()) {
                    noTranscript++;
                    continue;
                }
                int t = vocabulary.indexOf(it.label());
                if (t < 0) {
                    notInVocabulary++;
                    continue;
                }
                visitor.accept(i, it, t, Vectors.normalized(map.apply(speechVectors[i])));
                used++;
                progress.update(task, i + 1, recordings.size());
            }
        } catch (CancelledException e) {
            partial = true;
        }
        return new Walk(used, noTranscript, notInVocabulary, partial);
    }
}
