package org.crossmodal.workbench.gui;

import java.util.function.Consumer;

/** The microphone and the speakers, as the window needs them. */
public interface AudioPort {

    /** Why nothing can be recorded (no input device, no permission), or null when recording works. */
    String recordingUnavailableReason();

    /**
     * Starts recording mono samples in [-1, 1].
     *
     * @param sampleRate the rate wanted
     * @param chunks     receives each block as it arrives (on a recording thread)
     */
    Recording startRecording(int sampleRate, Consumer<float[]> chunks);

    /** Why nothing can be played, or null when playback works. */
    String playbackUnavailableReason();

    /** Plays mono samples; returns at once. */
    void play(float[] samples, int sampleRate);

    /** A recording in progress. */
    interface Recording {
        /** Stops and returns everything recorded. */
        float[] stop();

        int sampleRate();
    }
}
