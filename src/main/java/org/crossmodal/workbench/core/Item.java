package org.crossmodal.workbench.core;

import java.util.Objects;

/**
 * One thing on the map: a recording (speech) or a word or phrase (text).
 *
 * @param id         unique within a session
 * @param modality   speech or text
 * @param label      what the item says: the transcript of a recording, or the text itself
 * @param source     where it came from (a file path for recordings), or null
 * @param speaker    speaker or voice of a recording, or null
 */
public record Item(String id, Modality modality, String label, String source, String speaker) {
    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(modality, "modality");
        if (id.isBlank()) throw new IllegalArgumentException("An item id must not be blank.");
        label = label == null ? "" : label;
    }

    /** The label folded for matching: lower case, surrounding punctuation and spaces removed. */
    public String matchKey() {
        return Labels.matchKey(label);
    }
}
