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

    /**
     * The clean recordings' matched scores, the baseline of every relative drop.
     *
     * @param s0       cos(speech(x_i), text(t_i)) of each probed recording
     * @param use      whether a recording enters the relative drop (s0_i above the minimum clean score)
     * @param usable   how many do
     * @param lowScore how many do not
     * @param p1       clean speech-to-text P@1 over all probed recordings
     */
    record CleanScores(double[] s0, boolean[] use, int usable, int lowScore, double p1) {
        /** Before the clean recordings are scored (a cancel while encoding them): nothing usable, P@1 unknown. */
        static final CleanScores NONE = new CleanScores(new double[0], new boolean[0], 0, 0, Double.NaN);
    }

    /**
     * Scores the encoded clean recordings {@code cv} (one per item, in the vocabulary's space) against their
     * transcripts, and adds to {@code warnings} when no recording, or only some, can enter the relative drop.
     */
    CleanScores scoreClean(float[][] cv, Vocabulary vocabulary, double minCleanScore, List<String> warnings) {
        int n = target.length;
        double[] s0 = new double[n];
        boolean[] use = new boolean[n];
        int usable = 0, lowScore = 0, hits = 0;
        for (int i = 0; i < n; i++) {
            s0[i] = Vectors.dot(cv[i], vocabulary.vector(target[i]));
            use[i] = s0[i] > minCleanScore;
            if (use[i]) usable++;
            else lowScore++;
            if (vocabulary.top1(cv[i]) == target[i]) hits++;
        }
        if (usable == 0) {
            warnings.add("No recording has a clean score above " + minCleanScore
                    + ", so no relative drop can be computed (are the spaces aligned?).");
        } else if (lowScore > 0) {
            warnings.add(lowScore + " recording(s) with a clean score at or below " + minCleanScore
                    + " left out of the relative drop (they still count in P@1).");
        }
        return new CleanScores(s0, use, usable, lowScore, (double) hits / n);
    }

    /** A seeded sample of n of the eligible recordings {@code ok} ({@link Seeds#sample}), as indices of the recordings. */
    static int[] sample(List<Integer> ok, int n, long seed) {
        int[] k = Seeds.sample(ok.size(), n, seed);
        int[] out = new int[k.length];
        for (int j = 0; j < k.length; j++) out[j] = ok.get(k[j]);
        return out;
    }
}
