package org.crossmodal.workbench.projection;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/**
 * Lays out n points of dimension d on a plane. One implementation per method, each built from its own
 * validated options record; {@link Projectors} makes them by name.
 *
 * <p>Contract shared by all implementations (held by {@code ProjectorContractTest}):
 * <ul>
 *   <li>the input is not modified; NaN or infinite values are refused with a {@link org.crossmodal.workbench.core.WorkbenchException}
 *       naming the row and column;</li>
 *   <li>the same input and seed give the same map;</li>
 *   <li>a set {@link Cancellation} ends the call with a {@link org.crossmodal.workbench.core.CancelledException} within
 *       about 100 ms, and nothing the caller holds is changed (the previous map stays);</li>
 *   <li>iterative methods hand intermediate layouts to the {@link SnapshotListener} a few times a second.</li>
 * </ul>
 */
public interface Projector {
    /** The method's name as used on the command line, e.g. "tsne". */
    String method();

    /**
     * @param data      n x d floats, row-major
     * @param n         rows
     * @param d         columns
     * @param progress  receives (stage, done, total)
     * @param cancel    checked in inner loops
     * @param snapshots receives intermediate layouts (may be {@link SnapshotListener#NONE})
     */
    ProjectionResult project(float[] data, int n, int d, ProgressListener progress, Cancellation cancel,
                             SnapshotListener snapshots);

    default ProjectionResult project(float[] data, int n, int d) {
        return project(data, n, d, ProgressListener.NONE, Cancellation.NONE, SnapshotListener.NONE);
    }
}
