package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * The recordings that the noise and voice-shift probes share the choice of: those with a transcript that is in the
 * vocabulary ({@link NoiseProbe#eligible}), sampled by the probe, less the silent or empty ones. Only the sampled
 * recordings' waveforms are read, so a lazy list loads no more audio than it must.
 *
 * @param items           the probed recordings, in the order sampled
 * @param clean           their waveforms, one per item
 * @param target          the index of each item's transcript in the vocabulary
 * @param noTranscript    recordings skipped for having no transcript
 * @param notInVocabulary recordings skipped because their transcript is not in the vocabulary
 * @param silent          sampled recordings skipped for being silent or empty
 * @param warnings        the warnings about the skipped recordings, in the order the probes give them
 */
record ProbedRecordings(List<Item> items, List<float[]> clean, int[] target, int noTranscript, int notInVocabulary,
                        int silent, List<String> warnings) {

    /**
     * @param waveforms    one waveform per recording; may be a lazy list
     * @param sample       chooses the indices of the recordings to probe, in {@code recordings}, among the eligible
     *                     ones it is given; the waveforms are read in that order
     * @param probedFor    what the probe probes for, in the failure ("noise", "voice shift")
     * @param silentReason why a silent recording is skipped, in its warning ("noise cannot be scaled to them")
     * @throws IllegalArgumentException when there is not one waveform per recording
     * @throws WorkbenchException       when no recording is left to probe
     */
    static ProbedRecordings of(List<Item> recordings, List<float[]> waveforms, Vocabulary vocabulary,
                               Function<List<Integer>, int[]> sample, String probedFor, String silentReason) {
        if (recordings.size() != waveforms.size()) {
            throw new IllegalArgumentException(recordings.size() + " recordings but " + waveforms.size() + " waveforms.");
        }
        List<Integer> ok = NoiseProbe.eligible(recordings, vocabulary);
        int noTranscript = (int) recordings.stream().filter(it -> it.label().isBlank()).count();
        int notInVocabulary = recordings.size() - ok.size() - noTranscript;
        int silent = 0;
        int[] pick = sample.apply(ok);
        List<Item> items = new ArrayList<>(pick.length);
        List<float[]> clean = new ArrayList<>(pick.length);
        for (int i : pick) {
            float[] w = waveforms.get(i);
            if (w == null || w.length == 0 || Noise.rms(w) == 0) {
                silent++;
                continue;
            }
            items.add(recordings.get(i));
            clean.add(w);
        }
        List<String> warnings = new ArrayList<>();
        if (noTranscript > 0) warnings.add(noTranscript + " recording(s) without a transcript were skipped.");
        if (notInVocabulary > 0) warnings.add(notInVocabulary + " recording(s) whose transcript is not in the vocabulary were skipped.");
        if (silent > 0) warnings.add(silent + " silent or empty recording(s) were skipped (" + silentReason + ").");
        if (items.isEmpty()) {
            throw new WorkbenchException("No recording can be probed for " + probedFor + ": of " + recordings.size() + ", "
                    + noTranscript + " have no transcript, " + notInVocabulary + " have a transcript outside the vocabulary and "
                    + silent + " are silent. Give recordings with transcripts and audio.");
        }
        int[] target = new int[items.size()];
        for (int k = 0; k < target.length; k++) target[k] = vocabulary.indexOf(items.get(k).label());
        return new ProbedRecordings(List.copyOf(items), List.copyOf(clean), target, noTranscript, notInVocabulary, silent,
                List.copyOf(warnings));
    }

    /** A seeded sample of n of the eligible recordings {@code ok} ({@link Seeds#sample}), as indices of the recordings. */
    static int[] sample(List<Integer> ok, int n, long seed) {
        int[] k = Seeds.sample(ok.size(), n, seed);
        int[] out = new int[k.length];
        for (int j = 0; j < k.length; j++) out[j] = ok.get(k[j]);
        return out;
    }
}
