package org.crossmodal.workbench.probe;

/**
 * One level of a probe curve, over the draws finished at that level.
 *
 * @param level     the perturbation level: fraction replaced or mixing ratio in [0, 1], or SNR in dB
 * @param drop      mean relative drop of the matched score, (clean - perturbed) / clean, with its band
 * @param score     mean matched cosine score at this level, with its band
 * @param p1        speech-to-text P@1 at this level with its band, or null when the probe does not measure it
 * @param items     items that entered the relative drop (clean score above the threshold)
 */
public record CurvePoint(double level, Band drop, Band score, Band p1, int items) {
    public int draws() {
        return drop.n();
    }
}
