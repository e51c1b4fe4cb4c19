package org.crossmodal.workbench.gui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.concurrent.Task;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;

/**
 * Runs jobs as JavaFX {@link Task}s on daemon worker threads; results, errors and progress come back
 * on the FX thread. Progress from the worker is coalesced: at most one pending update at a time.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private final ExecutorService pool;
    private final TaskMonitor monitor = new TaskMonitor();
    /** Short jobs (neighbours of a click) get their own thread, so they are not queued behind a long job. */
    private final ExecutorService quiet = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-quick");
        t.setDaemon(true);
        return t;
    });

    public FxTaskExecutor() {
        this.pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "workbench-worker");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    @Override
    public <T> TaskHandle submit(String title, Job<T> job, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        TaskHandle h = new TaskHandle(title, new Cancellation());
        runOnUi(() -> monitor.started(h));
        AtomicReference<long[]> pending = new AtomicReference<>();
        AtomicReference<String> pendingStage = new AtomicReference<>();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return job.run((stage, done, total) -> {
                    pendingStage.set(stage);
                    if (pending.getAndSet(new long[] {done, total}) == null) {
                        Platform.runLater(() -> {
                            long[] p = pending.getAndSet(null);
                            if (p != null) monitor.update(h, pendingStage.get(), p[0], p[1]);
                        });
                    }
                }, h.cancellation());
            }
        };
        task.setOnSucceeded(e -> {
            h.markFinished();
            monitor.finished(h, title + ": done");
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            h.markFinished();
            Throwable t = task.getException();
            monitor.finished(h, t instanceof CancelledException ? title + ": cancelled" : title + ": failed");
            onFailure.accept(t);
        });
        pool.execute(task);
        return h;
    }

    @Override
    public <T> void submitQuiet(Job<T> job, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        quiet.execute(() -> {
            try {
                T r = job.run((stage, done, total) -> { }, new Cancellation());
                Platform.runLater(() -> onSuccess.accept(r));
            } catch (Throwable t) {
                Platform.runLater(() -> onFailure.accept(t));
            }
        });
    }

    @Override
    public void runOnUi(Runnable action) {
        if (Platform.isFxApplicationThread()) action.run();
        else Platform.runLater(action);
    }

    @Override
    public TaskMonitor monitor() {
        return monitor;
    }

    /** Stops the workers (when the window closes). */
    public void shutdown() {
        pool.shutdownNow();
        quiet.shutdownNow();
    }
}
