package org.crossmodal.workbench.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of the noise probe, checked on construction; shared by the CLI flags and the GUI.
 *
 * @param kinds         noises to mix in (default white, pink, babble)
 * @param mixLevels     mixing ratios in [0, 1] (default 0, 0.1, ..., 1); may be empty when SNR levels are given
 * @param snrLevels     SNRs in dB within [-40, 80] (default 30, 25, ..., -10); may be empty when mixing ratios are given
 * @param draws         noise draws per level (1..100, default 3)
 * @param seed          seed of the noise and of the sample
 * @param sample        use a seeded sample of this many recordings; 0 uses all (the default 200 keeps a run short)
 * @param minCleanScore recordings whose clean matched cosine is at or below this are left out of the relative drop
 * @param talkers       recordings summed into babble (1..50, default 6)
 */
public record NoiseOptions(List<NoiseKind> kinds, List<Double> mixLevels, List<Double> snrLevels, int draws, long seed,
                           int sample, double minCleanScore, int talkers) {
    public static final double MIN_SNR = -40, MAX_SNR = 80;

    public NoiseOptions {
        if (kinds == null || kinds.isEmpty()) throw new IllegalArgumentException("Give at least one noise kind (white, pink, babble).");
        kinds = List.copyOf(new java.util.LinkedHashSet<>(kinds));
        mixLevels = mixLevels == null ? List.of() : mixLevels;
        snrLevels = snrLevels == null ? List.of() : snrLevels;
        if (mixLevels.isEmpty() && snrLevels.isEmpty()) {
            throw new IllegalArgumentException("Give mixing ratios, SNR levels, or both.");
        }
        mixLevels = mixLevels.isEmpty() ? List.of()
                : TextPerturbationOptions.checkLevels(mixLevels, "mixing ratio", 0, 1);
        snrLevels = snrLevels.isEmpty() ? List.of()
                : TextPerturbationOptions.checkLevels(snrLevels, "SNR (dB)", MIN_SNR, MAX_SNR);
        if (draws < 1 || draws > 100) throw new IllegalArgumentException("Draws must be in 1..100, got " + draws + ".");
        if (sample < 0) throw new IllegalArgumentException("Sample size must be 0 (all) or positive, got " + sample + ".");
        if (!(minCleanScore >= -1 && minCleanScore < 1)) {
            throw new IllegalArgumentException("The minimum clean score must be in [-1, 1), got " + minCleanScore + ".");
        }
        if (talkers < 1 || talkers > 50) throw new IllegalArgumentException("Babble talkers must be in 1..50, got " + talkers + ".");
    }

    public static NoiseOptions defaults() {
        return new NoiseOptions(List.of(NoiseKind.values()), TextPerturbationOptions.steps(0, 1, 0.1),
                TextPerturbationOptions.steps(-10, 30, 5).reversed(), 3, 1, 200, 0.05, 6);
    }

    public NoiseOptions withKinds(List<NoiseKind> k) {
        return new NoiseOptions(k, mixLevels, snrLevels, draws, seed, sample, minCleanScore, talkers);
    }

    public NoiseOptions withLevels(List<Double> mix, List<Double> snr) {
        return new NoiseOptions(kinds, mix, snr, draws, seed, sample, minCleanScore, talkers);
    }

    public NoiseOptions withDraws(int d) {
        return new NoiseOptions(kinds, mixLevels, snrLevels, d, seed, sample, minCleanScore, talkers);
    }

    public NoiseOptions withSeed(long s) {
        return new NoiseOptions(kinds, mixLevels, snrLevels, draws, s, sample, minCleanScore, talkers);
    }

    public NoiseOptions withSample(int n) {
        return new NoiseOptions(kinds, mixLevels, snrLevels, draws, seed, n, minCleanScore, talkers);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kinds", String.join(",", kinds.stream().map(NoiseKind::key).toList()));
        m.put("mixLevels", TextPerturbationOptions.join(mixLevels));
        m.put("snrLevels", TextPerturbationOptions.join(snrLevels));
        m.put("draws", String.valueOf(draws));
        m.put("seed", String.valueOf(seed));
        m.put("sample", String.valueOf(sample));
        m.put("minCleanScore", String.valueOf(minCleanScore));
        m.put("talkers", String.valueOf(talkers));
        return m;
    }
}
