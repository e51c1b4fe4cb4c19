package org.crossmodal.workbench.probe;

/**
 * One level of a probe curve. For the random probes (text perturbation, noise) each band is over the draws finished
 * at that level; for the deterministic voice-shift probe there is one pass and each band is over the recordings.
 *
 * @param level     the perturbation level: fraction replaced or mixing ratio in [0, 1], SNR in dB, or resampling factor
 * @param drop      mean relative drop of the matched score, (clean - perturbed) / clean, with its band
 * @param score     mean matched cosine score at this level, with its band
 * @param p1        speech-to-text P@1 at this level with its band, or null when the probe does not measure it
 * @param items     items that entered the relative drop (clean score above the threshold)
 * @param draws     random draws finished at this level (1 for a deterministic probe)
 */
public record CurvePoint(double level, Band drop, Band score, Band p1, int items, int draws) {
    /** A point whose bands are over draws: the number of draws is the drop band's. */
    public CurvePoint(double level, Band drop, Band score, Band p1, int items) {
        this(level, drop, score, p1, items, drop.n());
    }
}
