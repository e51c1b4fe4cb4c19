package org.crossmodal.workbench.core;

import java.util.concurrent.atomic.AtomicBoolean;

/** A stop flag shared between the one who asks and the worker, which checks it in its inner loops. */
public final class Cancellation {
    /** A token that is never cancelled. */
    public static final Cancellation NONE = new Cancellation();

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        if (this != NONE) cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link CancelledException} when cancelled. */
    public void check() {
        if (cancelled.get()) throw new CancelledException();
    }
}
