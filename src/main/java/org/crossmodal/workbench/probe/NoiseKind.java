package org.crossmodal.workbench.probe;

import java.util.Locale;

/** The noises a recording can be mixed with. */
public enum NoiseKind {
    /** Gaussian white noise. */
    WHITE,
    /** 1/f noise (power halves per octave), Voss–McCartney generator. */
    PINK,
    /** Several other recordings of the set talking at once. */
    BABBLE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NoiseKind parse(String s) {
        for (NoiseKind k : values()) if (k.key().equalsIgnoreCase(s.trim())) return k;
        throw new IllegalArgumentException("Unknown noise '" + s + "': use white, pink or babble.");
    }
}
