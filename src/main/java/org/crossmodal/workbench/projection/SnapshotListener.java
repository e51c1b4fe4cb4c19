package org.crossmodal.workbench.projection;

/**
 * Receives intermediate layouts of an iterative projection, a few times a second, from the worker thread.
 * The array is a fresh copy the receiver may keep.
 */
@FunctionalInterface
public interface SnapshotListener {
    SnapshotListener NONE = (iteration, total, xy) -> { };

    /**
     * @param iteration iterations done
     * @param total     iterations planned
     * @param xy        x,y interleaved, one pair per input row
     */
    void snapshot(int iteration, int total, float[] xy);
}
