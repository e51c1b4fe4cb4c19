package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.SpeechEncoder;

/**
 * The voice-shift probe: how the matched speech–text score and speech-to-text P@1 change when every recording is
 * resampled by a factor a ({@link VoiceShift#resample}), which moves pitch and formants together as a longer (a &lt; 1)
 * or shorter (a &gt; 1) vocal tract would. An encoder that learnt the words, not the voices of its training speakers,
 * keeps both flat around a = 1; a voice unlike the training voices shows as a curve whose best factor is not 1.
 *
 * <p>Each recording is encoded clean once: s0_i = cos(speech(x_i), text(t_i)). For each factor a the resampled
 * recordings are encoded and scored: the relative drop is the mean of (s0_i − s_i) / s0_i over recordings with s0_i
 * above the threshold, the score the mean of s_i, and P@1 the share of recordings whose best vocabulary word is their
 * transcript. Nothing is random, so there are no draws: each band is over the recordings (the 95% interval of the
 * mean, Student t, for the drop and the score; the 95% Wilson interval for P@1).
 */
public final class VoiceShiftProbe {
    public static final String KIND = "voice-shift";
    /** The name of the probe's one curve. */
    public static final String CURVE = "voice-shift";
    /** What the curve's level is. */
    public static final String X_LABEL = "resampling factor (below 1: deeper voice; above 1: higher)";

    private VoiceShiftProbe() { }

    /**
     * @param recordings   speech items with transcripts
     * @param waveforms    one mono waveform per recording at the encoder's sample rate; may be a lazy list, since only
     *                     the sampled recordings' waveforms are read
     * @param speech       the speech encoder
     * @param speechToText maps speech vectors into the vocabulary's space (null when shared)
     * @param vocabulary   the candidate texts, holding every transcript to be probed
     */
    public static CurveResult run(List<Item> recordings, List<float[]> waveforms, SpeechEncoder speech,
                                  UnaryOperator<float[]> speechToText, Vocabulary vocabulary, VoiceShiftOptions options,
                                  ProgressListener progress, Cancellation cancel) {
        progress = progress == null ? ProgressListener.NONE : progress;
        cancel = cancel == null ? Cancellation.NONE : cancel;
        if (recordings.size() != waveforms.size()) {
            throw new IllegalArgumentException(recordings.size() + " recordings but " + waveforms.size() + " waveforms.");
        }
        UnaryOperator<float[]> map = speechToText == null ? UnaryOperator.identity() : speechToText;
        List<String> warnings = new ArrayList<>();

        List<Integer> ok = NoiseProbe.eligible(recordings, vocabulary);
        int noTranscript = (int) recordings.stream().filter(it -> it.label().isBlank()).count();
        int notInVocabulary = recordings.size() - ok.size() - noTranscript;
        int silent = 0;
        // Waveforms are read only for the sampled recordings, so a lazy list loads no more audio than it must.
        int[] pick = Seeds.sample(ok.size(), options.sample(), options.seed());
        List<Item> items = new ArrayList<>(pick.length);
        List<float[]> clean = new ArrayList<>(pick.length);
        for (int k : pick) {
            int i = ok.get(k);
            float[] w = waveforms.get(i);
            if (w == null || w.length == 0 || Noise.rms(w) == 0) {
                silent++;
                continue;
            }
            items.add(recordings.get(i));
            clean.add(w);
        }
        if (noTranscript > 0) warnings.add(noTranscript + " recording(s) without a transcript were skipped.");
        if (notInVocabulary > 0) warnings.add(notInVocabulary + " recording(s) whose transcript is not in the vocabulary were skipped.");
        if (silent > 0) warnings.add(silent + " silent or empty recording(s) were skipped (they have no voice to shift).");
        if (items.isEmpty()) {
            throw new WorkbenchException("No recording can be probed for voice shift: of " + recordings.size() + ", " + noTranscript
                    + " have no transcript, " + notInVocabulary + " have a transcript outside the vocabulary and " + silent
                    + " are silent. Give recordings with transcripts and audio.");
        }
        int n = items.size();
        int[] target = new int[n];
        for (int k = 0; k < n; k++) target[k] = vocabulary.indexOf(items.get(k).label());
        if (n == 1) warnings.add("Only one recording: the bands, which are over recordings, have no width.");
        if (vocabulary.size() == 1) warnings.add("The vocabulary has one word: P@1 is 1 whatever the factor.");

        List<Double> factors = options.factors();
        int nf = factors.size();
        long total = n + (long) nf * n;
        long[] done = {0};
        double[] s0 = new double[n];
        boolean[] use = new boolean[n];
        int usable = 0, lowScore = 0;
        double cleanP1 = Double.NaN;
        boolean partial = false;
        List<CurvePoint> points = new ArrayList<>();
        try {
            float[][] cv = NoiseProbe.encode(speech, clean, map, progress, cancel, "encoding clean recordings", done, total);
            int hits = 0;
            for (int i = 0; i < n; i++) {
                s0[i] = Vectors.dot(cv[i], vocabulary.vector(target[i]));
                use[i] = s0[i] > options.minCleanScore();
                if (use[i]) usable++;
                else lowScore++;
                if (vocabulary.top1(cv[i]) == target[i]) hits++;
            }
            cleanP1 = (double) hits / n;
            if (usable == 0) {
                warnings.add("No recording has a clean score above " + options.minCleanScore()
                        + ", so no relative drop can be computed (are the spaces aligned?).");
            } else if (lowScore > 0) {
                warnings.add(lowScore + " recording(s) with a clean score at or below " + options.minCleanScore()
                        + " left out of the relative drop (they still count in P@1).");
            }
            double[] drops = new double[n], scores = new double[n];
            for (int f = 0; f < nf; f++) {
                double a = factors.get(f);
                List<float[]> shifted = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    cancel.check();
                    shifted.add(VoiceShift.resample(clean.get(i), a));
                }
                String stage = String.format(Locale.ROOT, "voice shift x%s (%d/%d)", TextPerturbationOptions.fmt(a), f + 1, nf);
                float[][] v = NoiseProbe.encode(speech, shifted, map, progress, cancel, stage, done, total);
                int u = 0, h = 0;
                for (int i = 0; i < n; i++) {
                    double s = Vectors.dot(v[i], vocabulary.vector(target[i]));
                    scores[i] = s;
                    if (use[i]) drops[u++] = (s0[i] - s) / s0[i];
                    if (vocabulary.top1(v[i]) == target[i]) h++;
                }
                points.add(new CurvePoint(a, Band.of(drops, u), Band.of(scores, n), p1Band(h, n), usable, 1));
            }
        } catch (CancelledException e) {
            partial = true;
            warnings.add("Cancelled: the curve holds only the factors that finished.");
        }

        List<Curve> curves = List.of(new Curve(CURVE, X_LABEL, points));
        var info = speech.info();
        Provenance prov = Provenance.of("probe:" + KIND).withAll(options.toMap())
                .with("items", n).with("skippedNoTranscript", noTranscript).with("skippedNotInVocabulary", notInVocabulary)
                .with("skippedSilent", silent).with("vocabulary", vocabulary.size()).with("cleanP1", cleanP1)
                .with("sampleRate", speech.sampleRate()).with("partial", partial);
        if (info != null) prov = prov.with("speech.model", info.name()).with("speech.sha256", info.sha256());
        return new CurveResult(KIND, curves, n, noTranscript, lowScore, partial, warnings, prov);
    }

    /** P@1 of h hits in n recordings with its 95% Wilson interval and the sample sd of the hits. */
    static Band p1Band(int h, int n) {
        GroupP1 g = GroupP1.of("", n, h);
        double p = g.p1();
        double sd = n < 2 ? 0 : Math.sqrt(p * (1 - p) * n / (n - 1));
        return new Band(p, g.low(), g.high(), sd, n);
    }
}
