package org.crossmodal.workbench.workflow;

import java.util.List;

import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;

/** Finds and opens encoders by name or folder; the workflows ask it instead of the registry directly. */
public interface EncoderProvider {
    /** Every encoder that can be used (built in, ./models, the per-user folder), unusable ones with their problem. */
    List<ModelSummary> available();

    /**
     * Opens a speech encoder.
     *
     * @param nameOrFolder a model name from {@link #available()}, a model folder, or null for the default
     * @param threads      inference threads, 0 for the model's default
     */
    SpeechEncoder openSpeech(String nameOrFolder, int threads);

    /**
     * Opens a text encoder.
     *
     * @param nameOrFolder a model name, a model folder, or null for the default text model to go with
     *                     {@code speechModel} (the one sharing its space, else the built-in MiniLM)
     * @param speechModel  the speech model of the same run (null for the default), used only to pick the default
     */
    TextEncoder openText(String nameOrFolder, String speechModel, int threads);
}
