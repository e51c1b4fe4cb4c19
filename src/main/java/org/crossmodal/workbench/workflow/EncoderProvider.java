package org.crossmodal.workbench.workflow;

import java.util.List;

import org.crossmodal.workbench.encoder.EncoderInfo;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;

/** Finds and opens encoders by name or folder; the workflows ask it instead of the registry directly. */
public interface EncoderProvider {
    /** Every encoder that can be used: built in, ./models, the per-user folder. */
    List<EncoderInfo> available();

    /**
     * Opens a speech encoder.
     *
     * @param nameOrFolder a model name from {@link #available()}, a model folder, or null for the built-in one
     * @param threads      inference threads, 0 for the model's default
     */
    SpeechEncoder openSpeech(String nameOrFolder, int threads);

    /** Opens a text encoder; see {@link #openSpeech}. */
    TextEncoder openText(String nameOrFolder, int threads);
}
