package org.crossmodal.workbench.probe;

import java.util.Locale;

/** How a noise level is given. */
public enum NoiseScale {
    /**
     * Mixing ratio r in [0, 1]: y = (1 − r)·x + r·n, with the noise n scaled to the recording's RMS;
     * 0 is the clean recording, 1 is noise alone (SCRAPS's "75% Gaussian noise" is r = 0.75 with white noise).
     */
    MIX,
    /** Signal-to-noise ratio in dB: y = x + g·n with g chosen so that RMS(x)² / RMS(g·n)² = 10^(SNR/10). */
    SNR;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
