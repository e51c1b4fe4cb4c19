package org.crossmodal.workbench.probe;

import java.util.Locale;

/** What a text perturbation replaces. */
public enum PerturbationUnit {
    /** Letters and digits of the written text; spaces and punctuation stay. */
    CHARACTERS,
    /** IPA segments (a base symbol with its diacritics, length marks and tie bars); stress marks stay. */
    PHONEMES;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
