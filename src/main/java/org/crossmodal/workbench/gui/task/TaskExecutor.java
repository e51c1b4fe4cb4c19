package org.crossmodal.workbench.gui.task;

import java.util.function.Consumer;

/**
 * Runs long work away from the caller and delivers the result back. The window uses
 * {@link FxTaskExecutor} (worker threads, callbacks on the FX thread); tests use
 * {@link CurrentThreadTaskExecutor}, so view-models can be tested without the FX thread.
 */
public interface TaskExecutor {

    /**
     * Starts a job.
     *
     * @param title     what the status bar says while it runs
     * @param job       the work
     * @param onSuccess called with the result (on the FX thread in the window)
     * @param onFailure called with the error, including {@link org.crossmodal.workbench.core.CancelledException}
     * @return a handle to cancel the job
     */
    <T> TaskHandle submit(String title, Job<T> job, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * Starts a short job that the status bar does not show (e.g. the neighbours of a click), so a long job's
     * progress stays visible.
     */
    <T> void submitQuiet(Job<T> job, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs a small action on the thread that owns the views (the FX thread in the window). */
    void runOnUi(Runnable action);

    /** The monitor that shows the running jobs (status bar). */
    TaskMonitor monitor();
}
