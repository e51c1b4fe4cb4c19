package org.crossmodal.workbench.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Per-speaker voice normalisation, in the manner of vocal-tract-length normalisation (VTLN) in speech recognition:
 * each speaker's recordings are resampled by one factor a (every frequency, pitch and formants, times a; see
 * {@link org.crossmodal.workbench.probe.VoiceShift}) before they are encoded, and a is chosen per speaker, without
 * transcripts, as the factor under which the speaker's recordings lie closest to the session's words.
 *
 * <p>The score of a factor is the mean, over a sample of the speaker's recordings, of how far each recording's best
 * word stands above its closest rivals ({@link #meanBestMargin}: the best cosine minus the mean of the next ten; the
 * words are the gallery a recording is retrieved from, the transcripts are not read).
 * The choice is coarse to fine: the best of {@link Options#coarse()}, then that factor and its neighbours
 * {@link Options#fineStep()} either side; ties go to the factor nearer 1. The recordings are moved only when the best
 * factor scores at least {@link Options#minGain()} (10%) above the recordings as they are: near 1 the scores differ by
 * a few percent from sample to sample, and a voice the model knows is best left alone. A speaker with fewer than
 * {@link Options#minRecordings()} recordings keeps a = 1: a few words are too few to tell a voice from chance.
 *
 * <p>Then, when at least two speakers have {@link Options#centreMin()} recordings or more, each of them is centred:
 * the mean of the speaker's vectors is moved onto the mean of those speakers' means, and every vector is scaled back
 * to unit length. What all of a speaker's recordings share beyond their words is the voice; over enough words the
 * words' own parts of the mean are alike for every speaker, so moving the speaker's mean removes the voice and keeps
 * the words. With few recordings the mean is mostly the words said, so a speaker with fewer is left uncentred.
 *
 * <p>It only makes sense when recordings and words share one space (a jointly trained pair such as the built-in
 * models). It helps a voice that lies outside the range of vocal tracts the speech model learnt (the built-in model's
 * held-out woman's voice {@code flite:slt} is recognised about twice as often lowered by 0.8; docs/models.md,
 * "Voice normalisation per speaker"), and it is what {@code training/voice_norm.py} measures on the held-out voices.
 */
public final class VoiceNormalisation {
    private VoiceNormalisation() { }

    /**
     * How factors are chosen.
     *
     * @param coarse        the factors tried first, each in [{@link #MIN_FACTOR}, {@link #MAX_FACTOR}], including 1
     * @param fineStep      the step either side of the best coarse factor tried next (0: none)
     * @param sample        recordings of a speaker scored per factor (evenly spaced through the speaker's list)
     * @param minRecordings fewer recordings than this and the speaker keeps a = 1
     * @param minGain       the best factor must score this much (relative) above a = 1 to be applied
     * @param centreMin     a speaker with at least this many recordings is centred (0: no centring)
     */
    public record Options(double[] coarse, double fineStep, int sample, int minRecordings, double minGain, int centreMin) {
        public Options {
            if (coarse == null || coarse.length == 0) throw new IllegalArgumentException("Give at least one factor to try.");
            coarse = coarse.clone();
            boolean one = false;
            for (double a : coarse) {
                if (!(a >= MIN_FACTOR && a <= MAX_FACTOR)) {
                    throw new IllegalArgumentException("Voice factors must lie in [" + MIN_FACTOR + ", " + MAX_FACTOR + "], got " + a + ".");
                }
                one |= a == 1.0;
            }
            if (!one) throw new IllegalArgumentException("The factors tried must include 1 (the recordings as they are).");
            if (!(fineStep >= 0 && fineStep <= 0.25)) throw new IllegalArgumentException("The fine step must lie in [0, 0.25], got " + fineStep + ".");
            if (sample < 1 || sample > 100_000) throw new IllegalArgumentException("The sample must be 1 to 100000 recordings, got " + sample + ".");
            if (minRecordings < 1) throw new IllegalArgumentException("The minimum number of recordings must be at least 1, got " + minRecordings + ".");
            if (!(minGain >= 0 && minGain <= 10)) throw new IllegalArgumentException("The minimum gain must lie in [0, 10], got " + minGain + ".");
            if (centreMin < 0) throw new IllegalArgumentException("The recordings needed for centring must be 0 or more, got " + centreMin + ".");
        }

        @Override
        public double[] coarse() {
            return coarse.clone();
        }

        /**
         * 0.7 to 1.2 by 0.1, then 0.05 either side; 48 recordings scored; at least 8 recordings per speaker; 10% gain;
         * speakers with 100 recordings or more centred.
         */
        public static Options defaults() {
            return new Options(new double[] {0.7, 0.8, 0.9, 1.0, 1.1, 1.2}, 0.05, 48, 8, 0.10, 100);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options x && Arrays.equals(coarse, x.coarse) && fineStep == x.fineStep
                    && sample == x.sample && minRecordings == x.minRecordings && minGain == x.minGain && centreMin == x.centreMin;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(coarse) * 31 + Double.hashCode(fineStep) * 7 + sample * 3 + minRecordings + Double.hashCode(minGain) * 11 + centreMin * 13;
        }

        @Override
        public String toString() {
            return "coarse=" + Arrays.toString(coarse) + ", fineStep=" + fineStep + ", sample=" + sample + ", minRecordings=" + minRecordings
                    + ", minGain=" + minGain + ", centreMin=" + centreMin;
        }
    }

    /** The factors a choice may reach (the coarse grid's ends, one fine step beyond). */
    public static final double MIN_FACTOR = 0.5, MAX_FACTOR = 1.5;

    /**
     * What was chosen for one speaker.
     *
     * @param speaker    the speaker's name ({@code ""} for recordings that name none)
     * @param recordings the speaker's recordings
     * @param sampled    recordings scored per factor (0 when the speaker was skipped)
     * @param factor     the factor applied to every recording of the speaker (1: unchanged)
     * @param best       the best-scoring factor (not applied when it gained less than {@link Options#minGain()})
     * @param scores     factor -> score ({@link #meanBestMargin}), for every factor scored
     * @param note       why a speaker kept a = 1 without being scored, or null
     * @param centred    whether the speaker's vectors were centred (see the class comment)
     */
    public record SpeakerChoice(String speaker, int recordings, int sampled, double factor, double best, Map<Double, Double> scores,
                                String note, boolean centred) {
        public SpeakerChoice {
            scores = Collections.unmodifiableMap(new TreeMap<>(scores));
        }

        /** The score at a = 1, or NaN when the speaker was not scored. */
        public double scoreAsIs() {
            return scores.getOrDefault(1.0, Double.NaN);
        }

        /** This choice, centred or not. */
        public SpeakerChoice withCentred(boolean c) {
            return new SpeakerChoice(speaker, recordings, sampled, factor, best, scores, note, c);
        }

        /** The speaker as shown and as recorded in provenance: "(no speaker)" for recordings that name none. */
        public String label() {
            return speaker.isEmpty() ? "(no speaker)" : speaker;
        }
    }

    /**
     * Provenance with each speaker's factor ({@code voiceFactor.<speaker>}) and, for a centred speaker,
     * {@code voiceCentred.<speaker>}.
     */
    static org.crossmodal.workbench.core.Provenance record(org.crossmodal.workbench.core.Provenance p, List<SpeakerChoice> choices) {
        for (SpeakerChoice c : choices) {
            p = p.with("voiceFactor." + c.label(), c.factor());
            if (c.centred()) p = p.with("voiceCentred." + c.label(), true);
        }
        return p;
    }

    /** Every speaker's choice, in the order the speakers first appear. */
    public record Report(List<SpeakerChoice> speakers, Options options) {
        public Report {
            speakers = List.copyOf(speakers);
        }

        /** One line per speaker, e.g. {@code flite-slt: x0.85 (score 0.079 as recorded, 0.102 at x0.85; 48 of 312 recordings scored)}, as on the demo. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (SpeakerChoice c : speakers) {
                int before = out.size();
                String who = c.label();
                if (c.note() != null) {
                    out.add(who + ": unchanged (" + c.note() + ")");
                } else if (c.factor() != c.best()) {
                    out.add(String.format(Locale.ROOT, "%s: x1.00 (score %.3f as recorded; the best, x%.2f, scored %.3f, %+.1f%%, under the %.0f%% needed to move; %d of %d recordings scored)",
                            who, c.scoreAsIs(), c.best(), c.scores().get(c.best()), 100 * (c.scores().get(c.best()) / c.scoreAsIs() - 1),
                            100 * options.minGain(), c.sampled(), c.recordings()));
                } else {
                    out.add(String.format(Locale.ROOT, "%s: x%.2f (score %.3f as recorded, %.3f at x%.2f; %d of %d recordings scored)",
                            who, c.factor(), c.scoreAsIs(), c.scores().get(c.factor()), c.factor(), c.sampled(), c.recordings()));
                }
                if (out.size() > before) out.set(before, out.get(before) + (c.centred() ? "; centred" : "; not centred"));
            }
            return out;
        }

        /** A short summary for a status line: the speakers whose recordings were resampled. */
        public String summary() {
            List<String> moved = new ArrayList<>();
            for (SpeakerChoice c : speakers) {
                if (c.factor() != 1.0) moved.add(String.format(Locale.ROOT, "%s x%.2f", c.label(), c.factor()));
            }
            long centred = speakers.stream().filter(SpeakerChoice::centred).count();
            String c = centred == 0 ? "" : "; " + centred + " of " + speakers.size() + " centred";
            return (moved.isEmpty() ? "voices normalised: every speaker's pitch as recorded (" + speakers.size() + " speakers)"
                    : "voices normalised: " + String.join(", ", moved) + "; " + (speakers.size() - moved.size()) + " speaker(s) as recorded") + c;
        }
    }

    /**
     * The result of {@link #choose}: the factor to apply, the best-scoring one (the same unless it gained less than
     * {@link Options#minGain()} over a = 1), and every score computed on the way.
     */
    public record Choice(double factor, double best, Map<Double, Double> scores) { }

    /**
     * Coarse to fine: scores every coarse factor, then the best one's neighbours {@code fineStep} either side (within
     * [{@link #MIN_FACTOR}, {@link #MAX_FACTOR}]), and returns the best factor scored. Ties go to the factor nearer 1,
     * then to the smaller factor. Factors are rounded to 1e-6 so that 0.8 - 0.05 and 0.75 are one factor. The best
     * factor is applied only when its score is at least (1 + minGain) times the score at 1 (and above it).
     */
    public static Choice choose(DoubleUnaryOperator score, Options o) {
        TreeMap<Double, Double> s = new TreeMap<>();
        for (double a : o.coarse()) s.put(round(a), checked(score, round(a)));
        double best = best(s, s.keySet());
        if (o.fineStep() > 0) {
            List<Double> near = new ArrayList<>(List.of(best));
            for (double d : new double[] {-o.fineStep(), o.fineStep()}) {
                double a = round(best + d);
                if (a < MIN_FACTOR - 1e-9 || a > MAX_FACTOR + 1e-9) continue;
                if (!s.containsKey(a)) s.put(a, checked(score, a));
                near.add(a);
            }
            best = best(s, near);
        }
        double at1 = s.get(1.0), top = s.get(best);
        boolean enough = top > at1 && top >= at1 * (1 + o.minGain());
        return new Choice(enough ? best : 1.0, best, s);
    }

    private static double checked(DoubleUnaryOperator score, double a) {
        double v = score.applyAsDouble(a);
        if (!Double.isFinite(v)) throw new IllegalStateException("The score of factor " + a + " is not a finite number (" + v + ").");
        return v;
    }

    private static double best(Map<Double, Double> s, Iterable<Double> among) {
        double best = Double.NaN;
        for (double a : among) {
            if (Double.isNaN(best)) {
                best = a;
                continue;
            }
            double va = s.get(a), vb = s.get(best);
            if (va > vb || (va == vb && (Math.abs(a - 1) < Math.abs(best - 1) || (Math.abs(a - 1) == Math.abs(best - 1) && a < best)))) best = a;
        }
        return best;
    }

    static double round(double a) {
        return Math.round(a * 1e6) / 1e6;
    }

    /** How many runner-up words a recording's best word is compared with ({@link #meanBestMargin}). */
    public static final int RIVALS = 10;

    /**
     * The score of a factor: the mean over the recordings of how far each one's best word stands above its closest
     * rivals, the best cosine minus the mean of the next {@link #RIVALS} best (all the other words when there are
     * fewer). A plain mean of best cosines also rises when a factor moves recordings towards words that are near
     * everything (hubs), and a recording's cosines with all the words measured against their spread reward one that
     * lies far from every word but a little less far from one; the margin over the rivals rises only when a
     * recording lands on one word and not on its neighbours. Rows need not be unit length (they are normalised
     * here); a zero row scores 0.
     *
     * @param speech  [n][d] the sampled recordings' vectors, n at least 1
     * @param gallery [m][d] the words' vectors, m at least 2
     */
    public static double meanBestMargin(float[][] speech, float[][] gallery) {
        if (speech.length == 0) throw new IllegalArgumentException("Need at least one recording to score a factor.");
        if (gallery.length < 2) throw new IllegalArgumentException("Need at least two words to score a factor, got " + gallery.length + ".");
        float[][] g = new float[gallery.length][];
        for (int j = 0; j < gallery.length; j++) g[j] = unit(gallery[j]);
        int k = Math.min(RIVALS, g.length - 1);
        double sum = 0;
        double[] top = new double[k + 1]; // the k + 1 best cosines, in decreasing order
        for (float[] row : speech) {
            float[] x = unit(row);
            if (x.length != g[0].length) throw new IllegalArgumentException("Recording vectors have " + x.length + " dimensions, word vectors " + g[0].length + ".");
            java.util.Arrays.fill(top, Double.NEGATIVE_INFINITY);
            for (float[] w : g) {
                double dot = 0;
                for (int c = 0; c < x.length; c++) dot += x[c] * w[c];
                if (dot <= top[k]) continue;
                int i = k;
                while (i > 0 && top[i - 1] < dot) {
                    top[i] = top[i - 1];
                    i--;
                }
                top[i] = dot;
            }
            double rivals = 0;
            for (int i = 1; i <= k; i++) rivals += top[i];
            sum += top[0] - rivals / k;
        }
        return sum / speech.length;
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float f : v) n += (double) f * f;
        n = Math.sqrt(n);
        float[] out = new float[v.length];
        if (n == 0) return out;
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / n);
        return out;
    }

    /**
     * Indices of s recordings out of n, evenly spaced: {@code floor((i + 0.5) * n / s)} for i in [0, s); all of them
     * when n is at most s.
     */
    public static int[] evenSample(int n, int s) {
        if (n <= s) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] out = new int[s];
        for (int i = 0; i < s; i++) out[i] = (int) Math.floor((i + 0.5) * n / s);
        return out;
    }

    /**
     * Centres speakers in place: for the groups of row indices with at least {@code min} rows (when there are two such
     * groups or more), each row moves by (mean of the group means - its group's mean) and is scaled to unit length.
     * Returns which groups were centred.
     *
     * @param groups row indices per speaker
     * @param rows   the vectors, changed in place (the arrays of centred rows are replaced, not written into)
     */
    public static boolean[] centre(List<int[]> groups, float[][] rows, int min) {
        boolean[] done = new boolean[groups.size()];
        if (min <= 0) return done;
        List<double[]> means = new ArrayList<>();
        List<Integer> which = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int[] idx = groups.get(g);
            if (idx.length < min) continue;
            double[] m = new double[rows[idx[0]].length];
            for (int i : idx) for (int k = 0; k < m.length; k++) m[k] += rows[i][k];
            for (int k = 0; k < m.length; k++) m[k] /= idx.length;
            means.add(m);
            which.add(g);
        }
        if (means.size() < 2) return done;
        int dim = means.getFirst().length;
        double[] global = new double[dim];
        for (double[] m : means) for (int k = 0; k < dim; k++) global[k] += m[k] / means.size();
        for (int j = 0; j < which.size(); j++) {
            int g = which.get(j);
            double[] m = means.get(j);
            for (int i : groups.get(g)) {
                float[] v = new float[dim];
                double n = 0;
                for (int k = 0; k < dim; k++) {
                    v[k] = (float) (rows[i][k] - m[k] + global[k]);
                    n += (double) v[k] * v[k];
                }
                n = Math.sqrt(n);
                if (n > 0) for (int k = 0; k < dim; k++) v[k] = (float) (v[k] / n);
                rows[i] = v;
            }
            done[g] = true;
        }
        return done;
    }

    /** One speaker's choice and the vectors of all the speaker's recordings at the chosen factor. */
    record Normalised(SpeakerChoice choice, float[][] rows) { }

    /** The progress stage of normalising a speaker's voice. */
    static String stage(String speaker) {
        return "normalising voices: " + (speaker.isEmpty() ? "recordings without a speaker" : "speaker " + speaker);
    }

    /** Encodes some of a speaker's recordings ({@code which}, indices into the speaker's list) resampled by a. */
    @FunctionalInterface
    interface Encoding {
        float[][] at(double a, int[] which);
    }

    /**
     * The choice for one speaker of n recordings: with fewer than {@link Options#minRecordings()} the recordings keep
     * a = 1 and the choice says why; otherwise an evenly spaced sample is scored at each factor {@link #choose} tries.
     */
    static SpeakerChoice chooseFor(String speaker, int n, Encoding encoding, float[][] gallery, Options o) {
        if (n < o.minRecordings()) {
            return new SpeakerChoice(speaker, n, 0, 1.0, 1.0, Map.of(), "only " + n + " recording" + (n == 1 ? "" : "s")
                    + "; at least " + o.minRecordings() + " are needed to choose a factor", false);
        }
        int[] pick = evenSample(n, o.sample());
        Choice c = choose(a -> meanBestMargin(encoding.at(a, pick), gallery), o);
        return new SpeakerChoice(speaker, n, pick.length, c.factor(), c.best(), c.scores(), null, false);
    }

    /**
     * Normalises one speaker whose recordings are already decoded (recordings made in the window, files added by
     * hand): the same choice as for a dataset, then every recording encoded at the chosen factor.
     */
    static Normalised speaker(String speaker, List<float[]> waves, org.crossmodal.workbench.encoder.SpeechEncoder enc,
                              float[][] gallery, Options o, org.crossmodal.workbench.core.ProgressListener progress,
                              org.crossmodal.workbench.core.Cancellation cancel) {
        String stage = stage(speaker);
        SpeakerChoice c = chooseFor(speaker, waves.size(), (a, which) -> {
            progress.update(stage + String.format(Locale.ROOT, ", x%.2f", a), 0, 1);
            List<float[]> sample = new ArrayList<>(which.length);
            for (int i : which) sample.add(waves.get(i));
            return enc.encode(resampled(sample, a), org.crossmodal.workbench.core.ProgressListener.NONE, cancel);
        }, gallery, o);
        return new Normalised(c, enc.encode(resampled(waves, c.factor()), progress, cancel));
    }

    static List<float[]> resampled(List<float[]> waves, double a) {
        if (a == 1.0) return waves;
        List<float[]> out = new ArrayList<>(waves.size());
        for (float[] w : waves) out.add(org.crossmodal.workbench.probe.VoiceShift.resample(w, a));
        return out;
    }
}
