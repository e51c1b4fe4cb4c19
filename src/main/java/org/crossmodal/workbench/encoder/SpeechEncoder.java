package org.crossmodal.workbench.encoder;

import java.util.ArrayList;
import java.util.List;

import org.crossmodal.workbench.audio.Audio;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/** A speech encoder takes a mono waveform (floats in [-1, 1]) at its own sample rate. */
public interface SpeechEncoder extends Encoder<float[]> {
    int sampleRate();

    /**
     * Encodes decoded or recorded audio of any rate and channel count: each clip is mixed to mono and resampled
     * to {@link #sampleRate()} with the band-limited {@link org.crossmodal.workbench.audio.Resampler} first.
     */
    default float[][] encodeAudio(List<Audio> clips, ProgressListener progress, Cancellation cancel) {
        List<float[]> waves = new ArrayList<>(clips.size());
        for (Audio a : clips) {
            cancel.check();
            waves.add(a.toMono(sampleRate()).samples());
        }
        return encode(waves, progress, cancel);
    }
}
