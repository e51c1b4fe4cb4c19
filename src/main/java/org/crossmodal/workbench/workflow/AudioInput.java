package org.crossmodal.workbench.workflow;

import java.nio.file.Path;

/** Turns an audio file into what a speech model takes: mono floats at its rate, optionally without silence. */
@FunctionalInterface
public interface AudioInput {
    /**
     * @throws org.crossmodal.workbench.core.WorkbenchException naming the file when it cannot be decoded
     */
    float[] load(Path file, int sampleRate, boolean trimSilence);

    /**
     * The settings that shape what {@link #load} returns (resampler, trimmer), part of the embedding cache key, so
     * that changing them recomputes instead of reusing vectors made from differently prepared audio.
     */
    default String settings() {
        return "";
    }
}
