package org.crossmodal.workbench.probe;

import java.util.List;
import java.util.Objects;

/**
 * A probe curve: the relative drop of the matched score (and the score and P@1) against a perturbation level.
 *
 * @param name   e.g. "characters", "phonemes", "white/mix", "babble/snr", "voice-shift"
 * @param xLabel what the level means, e.g. "replaced characters (fraction)", "SNR (dB)", "resampling factor a (...)"
 * @param points one per level, in the order of the options' levels
 */
public record Curve(String name, String xLabel, List<CurvePoint> points) {
    public Curve {
        Objects.requireNonNull(name, "name");
        points = List.copyOf(points);
    }

    /** The point at a level, or null. */
    public CurvePoint at(double level) {
        for (CurvePoint p : points) if (Double.compare(p.level(), level) == 0) return p;
        return null;
    }
}
