package org.crossmodal.workbench.encoder;

/** A speech encoder takes a mono waveform (floats in [-1, 1]) at its own sample rate. */
public interface SpeechEncoder extends Encoder<float[]> {
    int sampleRate();
}
