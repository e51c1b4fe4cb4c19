package org.crossmodal.workbench.audio;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/** Where recordings come from (a microphone, or a fake in tests). */
public interface AudioSource {
    /**
     * Records mono audio, blocking, until {@code stop} is cancelled or {@code maxSeconds} have been captured.
     * Progress is reported in milliseconds recorded (total = the limit).
     *
     * @throws org.crossmodal.workbench.core.WorkbenchException when no input device is available
     */
    Audio record(double maxSeconds, Cancellation stop, ProgressListener progress);
}
