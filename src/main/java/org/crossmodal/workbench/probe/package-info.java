/**
 * Probes for embedding quality: how the matched speech–text score reacts when the text is perturbed
 * (characters or phonemes replaced at random), the audio is mixed with noise or resampled to another voice, a calibrated
 * intelligibility score per recording, and the confusions of speech-to-text retrieval.
 *
 * <p>The engine works against the {@link org.crossmodal.workbench.encoder.Encoder} interfaces and plain
 * vectors, so every probe can be checked with planted encoders. Each long probe takes a
 * {@link org.crossmodal.workbench.core.ProgressListener} and a {@link org.crossmodal.workbench.core.Cancellation};
 * a cancelled run returns what it finished, marked partial.
 */
package org.crossmodal.workbench.probe;
