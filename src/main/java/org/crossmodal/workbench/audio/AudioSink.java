package org.crossmodal.workbench.audio;

import org.crossmodal.workbench.core.Cancellation;

/** Where playback goes (the speakers, or a fake in tests). */
public interface AudioSink {
    /**
     * Plays the clip, blocking until it ends or {@code stop} is cancelled.
     *
     * @throws org.crossmodal.workbench.core.WorkbenchException when no output device is available
     */
    void play(Audio audio, Cancellation stop);
}
