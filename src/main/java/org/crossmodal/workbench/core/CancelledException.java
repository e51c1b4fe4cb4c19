package org.crossmodal.workbench.core;

/** Thrown by long work when its {@link Cancellation} is set. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("Cancelled.");
    }
}
