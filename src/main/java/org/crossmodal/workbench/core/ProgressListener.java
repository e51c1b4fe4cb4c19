package org.crossmodal.workbench.core;

/**
 * Receives progress of long work. Called from worker threads; implementations must be thread-safe
 * and cheap (the GUI coalesces updates into one per frame).
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, done, total) -> { };

    /**
     * @param stage what is being done, e.g. "encoding speech"
     * @param done  units done
     * @param total units in all, or -1 when unknown
     */
    void update(String stage, long done, long total);
}
