package org.crossmodal.workbench.gui.task;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/**
 * A piece of long work handed to a {@link TaskExecutor}: it reports progress and checks the
 * cancellation in its inner loops.
 */
@FunctionalInterface
public interface Job<T> {
    T run(ProgressListener progress, Cancellation cancellation) throws Exception;
}
