package org.crossmodal.workbench.gui.task;

import java.util.function.Consumer;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;

/** Runs every job at once on the calling thread; for tests of view-models without the FX thread. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    private final TaskMonitor monitor = new TaskMonitor();

    @Override
    public <T> TaskHandle submit(String title, Job<T> job, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        TaskHandle h = new TaskHandle(title, new Cancellation());
        monitor.started(h);
        T result;
        try {
            result = job.run((stage, done, total) -> monitor.update(h, stage, done, total), h.cancellation());
        } catch (Throwable t) {
            h.markFinished();
            monitor.finished(h, t instanceof CancelledException ? title + ": cancelled" : title + ": failed");
            onFailure.accept(t);
            return h;
        }
        h.markFinished();
        monitor.finished(h, title + ": done");
        onSuccess.accept(result);
        return h;
    }

    @Override
    public <T> void submitQuiet(Job<T> job, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = job.run((stage, done, total) -> { }, new Cancellation());
        } catch (Throwable t) {
            onFailure.accept(t);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void runOnUi(Runnable action) {
        action.run();
    }

    @Override
    public TaskMonitor monitor() {
        return monitor;
    }
}
