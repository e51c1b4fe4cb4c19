package org.crossmodal.workbench.probe;

import java.util.List;
import java.util.Objects;

/**
 * A probe curve: the relative drop of the matched score (and the score and P@1) against a perturbation level.
 *
 * @param name   e.g. "characters", "phonemes", "white/mix", "babble/snr", "voice-shift"
 * @param xLabel what the level means, e.g. "replaced characters (fraction)", "SNR (dB)", "resampling factor a (...)"
 * @param points one per level, in the order of the options' levels
 * @param bestVsOne voice-shift curves only: whether P@1 at the best factor beats P@1 at factor 1 by more than chance;
 *                  null for the other probes, and for a voice-shift curve whose best factor is 1 or that lacks factor 1
 */
public record Curve(String name, String xLabel, List<CurvePoint> points, BestFactorTest bestVsOne) {
    public Curve {
        Objects.requireNonNull(name, "name");
        points = List.copyOf(points);
        // (the fields are not assigned yet: look in the parameter)
        if (bestVsOne != null && (at(points, bestVsOne.factor()) == null || at(points, 1.0) == null)) {
            throw new IllegalArgumentException("The curve " + name + " compares factor " + bestVsOne.factor() + " with factor 1, "
                    + "but does not hold both.");
        }
    }

    /** A curve without a best-factor test (every probe but voice shift). */
    public Curve(String name, String xLabel, List<CurvePoint> points) {
        this(name, xLabel, points, null);
    }

    /** The point at a level, or null. */
    public CurvePoint at(double level) {
        return at(points, level);
    }

    private static CurvePoint at(List<CurvePoint> points, double level) {
        for (CurvePoint p : points) if (Double.compare(p.level(), level) == 0) return p;
        return null;
    }

    /**
     * The point of highest P@1, ties broken by the higher mean score (then the first); null when no point has a P@1.
     * For the voice-shift probe its level is the factor at which a voice is retrieved best.
     */
    public CurvePoint bestP1() {
        CurvePoint best = null;
        for (CurvePoint p : points) {
            if (p.p1() == null || !Double.isFinite(p.p1().mean())) continue;
            if (best == null || p.p1().mean() > best.p1().mean()
                    || p.p1().mean() == best.p1().mean() && p.score().mean() > best.score().mean()) {
                best = p;
            }
        }
        return best;
    }
}
