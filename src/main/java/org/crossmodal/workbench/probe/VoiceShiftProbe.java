package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
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
 *
 * <p>Each curve whose best factor ({@link Curve#bestP1()}) is not 1, when factor 1 was probed, carries the paired test
 * of the two ({@link Curve#bestVsOne()}): the same recordings are retrieved at both, so the exact McNemar test counts
 * those right at the best factor only (b) against those right at factor 1 only (c). The best factor is picked on the
 * recordings the test runs on, so its p-value is optimistic; {@link BestFactorTest#pBonferroni()} corrects it for the
 * factors the best was chosen among.
 *
 * <p>With {@link VoiceShiftOptions#bySpeaker()} the same per-recording scores are also averaged within each speaker:
 * the result holds the curve {@value #ALL} over every probed recording, then one curve per speaker named by the
 * speaker, in the order of the names, and last {@value #NO_SPEAKER} for recordings without one. Each recording is
 * still encoded once per factor. The sample is then drawn within each speaker (up to {@code sample} recordings of
 * each, from a seeded stream of the speaker's own), so that a speaker with few recordings is not starved by a large one.
 */
public final class VoiceShiftProbe {
    public static final String KIND = "voice-shift";
    /** The name of the probe's one curve (without the per-speaker breakdown). */
    public static final String CURVE = "voice-shift";
    /** With the per-speaker breakdown: the curve over every probed recording, whatever its speaker. */
    public static final String ALL = "all";
    /** With the per-speaker breakdown: the curve of the recordings that have no speaker. */
    public static final String NO_SPEAKER = "(no speaker)";
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
        ProbedRecordings in = ProbedRecordings.of(recordings, waveforms, vocabulary, ok -> pick(recordings, ok, options),
                "voice shift", "they have no voice to shift");
        UnaryOperator<float[]> map = speechToText == null ? UnaryOperator.identity() : speechToText;
        List<String> warnings = new ArrayList<>(in.warnings());
        List<Item> items = in.items();
        List<float[]> clean = in.clean();
        int[] target = in.target();
        int noTranscript = in.noTranscript(), notInVocabulary = in.notInVocabulary(), silent = in.silent();
        int n = items.size();
        if (n == 1) warnings.add("Only one recording: the bands, which are over recordings, have no width.");
        if (vocabulary.size() == 1) warnings.add("The vocabulary has one word: P@1 is 1 whatever the factor.");
        // The groups a curve is drawn for: everything, then (with bySpeaker) each speaker in the order of the names.
        List<String> names = new ArrayList<>(List.of(options.bySpeaker() ? ALL : CURVE));
        List<int[]> members = new ArrayList<>();
        int[] every = new int[n];
        for (int i = 0; i < n; i++) every[i] = i;
        members.add(every);
        if (options.bySpeaker()) speakers(items, names, members, warnings);
        int ng = names.size();

        List<Double> factors = options.factors();
        int nf = factors.size();
        long total = n + (long) nf * n;
        long[] done = {0};
        ProbedRecordings.CleanScores c0 = ProbedRecordings.CleanScores.NONE;
        boolean partial = false;
        List<List<CurvePoint>> points = new ArrayList<>();
        for (int g = 0; g < ng; g++) points.add(new ArrayList<>());
        // Which recordings are retrieved right at each finished factor (in the order of the points), for the paired test.
        List<boolean[]> hits = new ArrayList<>();
        try {
            float[][] cv = NoiseProbe.encode(speech, clean, map, progress, cancel, "encoding clean recordings", done, total);
            c0 = in.scoreClean(cv, vocabulary, options.minCleanScore(), warnings);
            double[] s0 = c0.s0();
            boolean[] use = c0.use();
            double[] scores = new double[n];
            boolean[] hit = new boolean[n];
            for (int f = 0; f < nf; f++) {
                double a = factors.get(f);
                List<float[]> shifted = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    cancel.check();
                    shifted.add(VoiceShift.resample(clean.get(i), a));
                }
                String stage = String.format(Locale.ROOT, "voice shift x%s (%d/%d)", TextPerturbationOptions.fmt(a), f + 1, nf);
                float[][] v = NoiseProbe.encode(speech, shifted, map, progress, cancel, stage, done, total);
                for (int i = 0; i < n; i++) {
                    scores[i] = Vectors.dot(v[i], vocabulary.vector(target[i]));
                    hit[i] = vocabulary.top1(v[i]) == target[i];
                }
                // Each group's point is made from the scores of its own recordings: nothing is encoded twice.
                for (int g = 0; g < ng; g++) points.get(g).add(point(a, members.get(g), s0, use, scores, hit));
                hits.add(hit.clone());
            }
        } catch (CancelledException e) {
            partial = true;
            warnings.add("Cancelled: the curve" + (ng > 1 ? "s hold" : " holds") + " only the factors that finished.");
        }

        List<Curve> curves = new ArrayList<>(ng);
        for (int g = 0; g < ng; g++) {
            Curve c = new Curve(names.get(g), X_LABEL, points.get(g));
            curves.add(new Curve(c.name(), X_LABEL, c.points(), bestVsOne(c, hits, members.get(g))));
        }
        var info = speech.info();
        Provenance prov = Provenance.of("probe:" + KIND).withAll(options.toMap())
                .with("items", n).with("skippedNoTranscript", noTranscript).with("skippedNotInVocabulary", notInVocabulary)
                .with("skippedSilent", silent).with("vocabulary", vocabulary.size()).with("cleanP1", c0.p1())
                .with("sampleRate", speech.sampleRate()).with("partial", partial);
        if (options.bySpeaker()) prov = prov.with("speakers", ng - 1);
        if (info != null) prov = prov.with("speech.model", info.name()).with("speech.sha256", info.sha256());
        return new CurveResult(KIND, curves, n, noTranscript, c0.lowScore(), partial, warnings, prov);
    }

    /**
     * The indices of the recordings to probe, in increasing order: a seeded sample of the eligible ones, or with
     * bySpeaker a seeded sample within each speaker (the stream of each is named by the speaker).
     */
    private static int[] pick(List<Item> recordings, List<Integer> ok, VoiceShiftOptions options) {
        if (!options.bySpeaker()) {
            return ProbedRecordings.sample(ok, options.sample(), options.seed());
        }
        Map<String, List<Integer>> bySpeaker = new LinkedHashMap<>();
        for (int i : ok) bySpeaker.computeIfAbsent(curveName(recordings.get(i)), x -> new ArrayList<>()).add(i);
        List<Integer> out = new ArrayList<>();
        for (var e : bySpeaker.entrySet()) {
            for (int k : Seeds.sample(e.getValue().size(), options.sample(), options.seed(), "speaker", e.getKey())) {
                out.add(e.getValue().get(k));
            }
        }
        out.sort(null);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The name of a recording's speaker curve: its speaker, {@link #NO_SPEAKER} when it has none, and a speaker
     * literally named like one of the probe's own groups ({@link #ALL}, {@link #NO_SPEAKER}) quoted, as
     * {@code speaker "all"}, so that it keeps a curve of its own.
     */
    static String curveName(Item it) {
        String sp = it.speaker();
        if (sp == null || sp.isBlank()) return NO_SPEAKER;
        return sp.equals(ALL) || sp.equals(NO_SPEAKER) ? "speaker \"" + sp + "\"" : sp;
    }

    /**
     * Adds a curve name and its members for each speaker among the probed recordings: speakers in the order of their
     * names, {@link #NO_SPEAKER} last.
     */
    private static void speakers(List<Item> items, List<String> names, List<int[]> members, List<String> warnings) {
        Map<String, List<Integer>> groups = new TreeMap<>((x, y) -> x.equals(y) ? 0 : x.equals(NO_SPEAKER) ? 1
                : y.equals(NO_SPEAKER) ? -1 : x.compareTo(y));
        for (int i = 0; i < items.size(); i++) groups.computeIfAbsent(curveName(items.get(i)), x -> new ArrayList<>()).add(i);
        List<String> single = new ArrayList<>();
        for (var e : groups.entrySet()) {
            names.add(e.getKey());
            members.add(e.getValue().stream().mapToInt(Integer::intValue).toArray());
            if (e.getValue().size() == 1) single.add(e.getKey());
        }
        if (groups.size() == 1 && groups.containsKey(NO_SPEAKER)) {
            warnings.add("No probed recording has a speaker, so the one speaker curve, " + NO_SPEAKER + ", is the curve "
                    + ALL + ": give each recording its speaker (the manifest's speaker column) to see one curve per voice.");
        } else if (groups.size() == 1) {
            warnings.add("All probed recordings are of one speaker (" + groups.keySet().iterator().next()
                    + "): its curve is the curve " + ALL + ".");
        }
        if (!single.isEmpty() && items.size() > 1) {
            warnings.add(single.size() + " speaker(s) have only one probed recording, so their bands have no width: "
                    + String.join(", ", single.subList(0, Math.min(10, single.size()))) + (single.size() > 10 ? ", ..." : "")
                    + ".");
        }
    }

    /**
     * The paired test of a curve's best factor against factor 1 over the recordings in {@code members}, or null when
     * factor 1 is not among the curve's points (not asked for, or cancelled before it) or is itself the best.
     * {@code hits.get(f)[i]}: recording i retrieved right at the curve's f-th point.
     */
    static BestFactorTest bestVsOne(Curve c, List<boolean[]> hits, int[] members) {
        CurvePoint best = c.bestP1(), atOne = c.at(1.0);
        if (best == null || atOne == null || best == atOne) return null;
        int at = c.points().indexOf(best), one = c.points().indexOf(atOne);
        int b = 0, cOnly = 0;
        for (int i : members) {
            boolean here = hits.get(at)[i], there = hits.get(one)[i];
            if (here && !there) b++;
            else if (there && !here) cOnly++;
        }
        return new BestFactorTest(best.level(), b, cOnly, c.points().size() - 1);
    }

    /** The point at factor a of the recordings in {@code members}, from each recording's clean and shifted scores. */
    private static CurvePoint point(double a, int[] members, double[] s0, boolean[] use, double[] scores, boolean[] hit) {
        int m = members.length;
        double[] drops = new double[m], sc = new double[m];
        int u = 0, h = 0;
        for (int j = 0; j < m; j++) {
            int i = members[j];
            sc[j] = scores[i];
            if (use[i]) drops[u++] = (s0[i] - scores[i]) / s0[i];
            if (hit[i]) h++;
        }
        return new CurvePoint(a, Band.of(drops, u), Band.of(sc, m), p1Band(h, m), u, 1);
    }

    /** P@1 of h hits in n recordings with its 95% Wilson interval and the sample sd of the hits. */
    static Band p1Band(int h, int n) {
        GroupP1 g = GroupP1.of("", n, h);
        double p = g.p1();
        double sd = n < 2 ? 0 : Math.sqrt(p * (1 - p) * n / (n - 1));
        return new Band(p, g.low(), g.high(), sd, n);
    }
}
