package org.crossmodal.workbench.probe;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.crossmodal.workbench.encoder.TextEncoder;

/**
 * A text tower to probe: its encoder, the unit to perturb, and how a transcript becomes its input.
 *
 * @param encoder    the tower
 * @param unit       characters, or phonemes for a tower that reads IPA
 * @param toInput    turns transcripts into the tower's inputs (identity for characters, a phonemizer for IPA);
 *                   one output per input, blank when there is none
 * @param inventory  replacement symbols; null takes the options' alphabet (characters) or the phonemes seen
 *                   in the inputs (phonemes)
 */
public record TextTower(TextEncoder encoder, PerturbationUnit unit, Function<List<String>, List<String>> toInput,
                        List<String> inventory) {
    public TextTower {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(unit, "unit");
        toInput = toInput == null ? Function.identity() : toInput;
        inventory = inventory == null ? null : List.copyOf(inventory);
    }

    /** A character tower fed the transcripts as they are. */
    public static TextTower characters(TextEncoder encoder) {
        return new TextTower(encoder, PerturbationUnit.CHARACTERS, null, null);
    }

    /** A phoneme tower fed IPA from a phonemizer. */
    public static TextTower phonemes(TextEncoder encoder, Function<List<String>, List<String>> phonemizer) {
        return new TextTower(encoder, PerturbationUnit.PHONEMES, Objects.requireNonNull(phonemizer), null);
    }
}
