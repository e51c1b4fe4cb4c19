package org.crossmodal.workbench.core;

import java.util.Locale;

/** The two kinds of item the workbench lines up. */
public enum Modality {
    SPEECH, TEXT;

    /** Parses "speech" or "text" (any case); the error names the accepted values. */
    public static Modality parse(String s) {
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "speech", "audio" -> { return SPEECH; }
                case "text" -> { return TEXT; }
                default -> { }
            }
        }
        throw new IllegalArgumentException("Unknown modality '" + s + "': use 'speech' or 'text'.");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
