package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of the text perturbation probe, checked on construction; shared by the CLI flags and the GUI.
 *
 * @param levels        shares of units to replace, each in [0, 1], no duplicates (default 0, 0.05, ..., 1)
 * @param draws         random draws per level (1..1000, default 5); the band is the 95% interval of their mean
 * @param seed          seed of every draw
 * @param sample        use a seeded sample of this many recordings; 0 uses all
 * @param minCleanScore recordings whose clean matched cosine is at or below this are left out of the relative
 *                      drop (the drop of a score near zero is meaningless); in [-1, 1), default 0.05
 * @param alphabet      replacement characters for the character unit (default a-z)
 */
public record TextPerturbationOptions(List<Double> levels, int draws, long seed, int sample, double minCleanScore,
                                      String alphabet) {
    public static final String DEFAULT_ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    public TextPerturbationOptions {
        levels = checkLevels(levels, "perturbation level", 0, 1);
        if (draws < 1 || draws > 1000) throw new IllegalArgumentException("Draws must be in 1..1000, got " + draws + ".");
        if (sample < 0) throw new IllegalArgumentException("Sample size must be 0 (all) or positive, got " + sample + ".");
        if (!(minCleanScore >= -1 && minCleanScore < 1)) {
            throw new IllegalArgumentException("The minimum clean score must be in [-1, 1), got " + minCleanScore + ".");
        }
        if (alphabet == null || alphabet.codePointCount(0, alphabet.length()) < 2) {
            throw new IllegalArgumentException("The replacement alphabet needs at least 2 characters.");
        }
    }

    public static TextPerturbationOptions defaults() {
        return new TextPerturbationOptions(steps(0, 1, 0.05), 5, 1, 0, 0.05, DEFAULT_ALPHABET);
    }

    public TextPerturbationOptions withLevels(List<Double> l) {
        return new TextPerturbationOptions(l, draws, seed, sample, minCleanScore, alphabet);
    }

    public TextPerturbationOptions withDraws(int d) {
        return new TextPerturbationOptions(levels, d, seed, sample, minCleanScore, alphabet);
    }

    public TextPerturbationOptions withSeed(long s) {
        return new TextPerturbationOptions(levels, draws, s, sample, minCleanScore, alphabet);
    }

    public TextPerturbationOptions withSample(int n) {
        return new TextPerturbationOptions(levels, draws, seed, n, minCleanScore, alphabet);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("levels", join(levels));
        m.put("draws", String.valueOf(draws));
        m.put("seed", String.valueOf(seed));
        m.put("sample", String.valueOf(sample));
        m.put("minCleanScore", String.valueOf(minCleanScore));
        m.put("alphabet", alphabet);
        return m;
    }

    /** from, from+step, ..., to (rounded to 1e-9 so 0.05 steps land on 1.0). */
    public static List<Double> steps(double from, double to, double step) {
        List<Double> out = new ArrayList<>();
        int n = (int) Math.round((to - from) / step);
        for (int i = 0; i <= n; i++) out.add(Math.round((from + i * step) * 1e9) / 1e9);
        return out;
    }

    static List<Double> checkLevels(List<Double> levels, String what, double lo, double hi) {
        if (levels == null || levels.isEmpty()) throw new IllegalArgumentException("Give at least one " + what + ".");
        List<Double> out = List.copyOf(levels);
        for (Double d : out) {
            if (d == null || !(d >= lo && d <= hi)) {
                throw new IllegalArgumentException("The " + what + " " + d + " is outside [" + fmt(lo) + ", " + fmt(hi)
                        + "]" + (hi == 1 ? " (give shares as fractions, e.g. 0.2 for 20%)" : "") + ".");
            }
        }
        if (out.stream().distinct().count() != out.size()) {
            throw new IllegalArgumentException("The " + what + "s repeat a value: " + join(out) + ".");
        }
        return out;
    }

    static String join(List<Double> l) {
        StringBuilder sb = new StringBuilder();
        for (Double d : l) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(fmt(d));
        }
        return sb.toString();
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
