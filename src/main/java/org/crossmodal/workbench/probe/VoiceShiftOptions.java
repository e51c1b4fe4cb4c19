package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of the voice-shift probe, checked on construction; shared by the CLI flags and the GUI.
 *
 * @param factors       resampling factors a within [0.5, 2], kept sorted ascending (default 0.7, 0.75, ..., 0.95, 1,
 *                      1.05, 1.1, 1.2, 1.3); a &lt; 1 lowers the voice, a &gt; 1 raises it
 * @param seed          seed of the sample (the probe draws nothing else: it is deterministic)
 * @param sample        use a seeded sample of this many recordings; 0 uses all (the default 200 keeps a run short).
 *                      With {@code bySpeaker} the sample is taken within each speaker: up to this many recordings of
 *                      every speaker, so that a speaker with few recordings keeps them all
 * @param minCleanScore recordings whose clean matched cosine is at or below this are left out of the relative drop
 * @param bySpeaker     also one curve per speaker (recordings without one form the group "(no speaker)"), beside the
 *                      curve "all" over every probed recording
 */
public record VoiceShiftOptions(List<Double> factors, long seed, int sample, double minCleanScore, boolean bySpeaker) {
    public static final List<Double> DEFAULT_FACTORS = List.of(0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.2, 1.3);

    public VoiceShiftOptions {
        if (factors == null || factors.isEmpty()) {
            throw new IllegalArgumentException("Give at least one resampling factor, e.g. 0.8,0.9,1,1.1 (1 leaves the voice as "
                    + "it is, below 1 lowers it, above 1 raises it).");
        }
        List<Double> sorted = new ArrayList<>(factors.size());
        for (Double a : factors) {
            if (a == null || !Double.isFinite(a)) {
                throw new IllegalArgumentException("The resampling factor " + a + " is not a finite number: give factors such as "
                        + "0.8 or 1.1.");
            }
            if (a < VoiceShift.MIN_FACTOR || a > VoiceShift.MAX_FACTOR) {
                throw new IllegalArgumentException("The resampling factor " + TextPerturbationOptions.fmt(a) + " is outside ["
                        + TextPerturbationOptions.fmt(VoiceShift.MIN_FACTOR) + ", " + TextPerturbationOptions.fmt(VoiceShift.MAX_FACTOR)
                        + "]: give a factor, not a percentage or semitones (0.8 lowers every frequency by 20%, 1.25 raises it by 25%).");
            }
            sorted.add(a);
        }
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).equals(sorted.get(i - 1))) {
                throw new IllegalArgumentException("The resampling factor " + TextPerturbationOptions.fmt(sorted.get(i))
                        + " is given twice (" + TextPerturbationOptions.join(factors) + "): give each factor once.");
            }
        }
        factors = List.copyOf(sorted);
        if (sample < 0) throw new IllegalArgumentException("Sample size must be 0 (all) or positive, got " + sample + ".");
        if (!(minCleanScore >= -1 && minCleanScore < 1)) {
            throw new IllegalArgumentException("The minimum clean score must be in [-1, 1), got " + minCleanScore + ".");
        }
    }

    /** One curve over all probed recordings. */
    public VoiceShiftOptions(List<Double> factors, long seed, int sample, double minCleanScore) {
        this(factors, seed, sample, minCleanScore, false);
    }

    public static VoiceShiftOptions defaults() {
        return new VoiceShiftOptions(DEFAULT_FACTORS, 1, 200, 0.05, false);
    }

    public VoiceShiftOptions withFactors(List<Double> f) {
        return new VoiceShiftOptions(f, seed, sample, minCleanScore, bySpeaker);
    }

    public VoiceShiftOptions withSeed(long s) {
        return new VoiceShiftOptions(factors, s, sample, minCleanScore, bySpeaker);
    }

    public VoiceShiftOptions withSample(int n) {
        return new VoiceShiftOptions(factors, seed, n, minCleanScore, bySpeaker);
    }

    public VoiceShiftOptions withMinCleanScore(double m) {
        return new VoiceShiftOptions(factors, seed, sample, m, bySpeaker);
    }

    public VoiceShiftOptions withBySpeaker(boolean b) {
        return new VoiceShiftOptions(factors, seed, sample, minCleanScore, b);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("factors", TextPerturbationOptions.join(factors));
        m.put("seed", String.valueOf(seed));
        m.put("sample", String.valueOf(sample));
        m.put("minCleanScore", String.valueOf(minCleanScore));
        m.put("bySpeaker", String.valueOf(bySpeaker));
        return m;
    }
}
