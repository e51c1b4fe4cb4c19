package org.crossmodal.workbench.encoder;

import java.util.List;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/**
 * An embedding model: inputs of one modality to fixed-size vectors. Pre-processing (audio to features,
 * text to token ids), the model call, and post-processing (pooling, normalisation) are separate steps
 * inside implementations, each testable alone.
 *
 * @param <I> the input: a mono waveform at {@link SpeechEncoder#sampleRate()} for speech, a String for text
 */
public interface Encoder<I> extends AutoCloseable {
    /** What the model is: name, modality, dimension, shared-space id, SHA-256, provenance. */
    EncoderInfo info();

    /**
     * Encodes inputs in batches; row i of the result belongs to input i. Checks {@code cancel}
     * between batches and reports progress per input.
     *
     * @throws org.crossmodal.workbench.core.WorkbenchException when the model returns NaN or infinite values
     */
    float[][] encode(List<I> inputs, ProgressListener progress, Cancellation cancel);

    default float[] encodeOne(I input) {
        return encode(List.of(input), ProgressListener.NONE, Cancellation.NONE)[0];
    }

    @Override
    void close();
}
