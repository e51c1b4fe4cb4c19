package org.crossmodal.workbench.workflow;

/** Receives intermediate layouts of a map being made, a few times a second, from the worker thread. */
@FunctionalInterface
public interface MapSnapshots {
    MapSnapshots NONE = (iteration, total, xy) -> { };

    /**
     * @param iteration iterations done
     * @param total     iterations planned
     * @param xy        a fresh copy: x,y interleaved, in the order of {@link ProjectionWorkflow.Input#itemIds()}
     */
    void snapshot(int iteration, int total, float[] xy);
}
