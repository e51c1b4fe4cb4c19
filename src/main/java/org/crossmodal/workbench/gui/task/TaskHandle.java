package org.crossmodal.workbench.gui.task;

import org.crossmodal.workbench.core.Cancellation;

/** A submitted job: its title and the flag that stops it. */
public final class TaskHandle {
    private final String title;
    private final Cancellation cancellation;
    private volatile boolean finished;

    public TaskHandle(String title, Cancellation cancellation) {
        this.title = title;
        this.cancellation = cancellation;
    }

    public String title() {
        return title;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    public void cancel() {
        cancellation.cancel();
    }

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    public boolean isFinished() {
        return finished;
    }

    void markFinished() {
        finished = true;
    }
}
