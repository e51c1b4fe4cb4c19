package org.crossmodal.workbench.gui;

import org.crossmodal.workbench.core.Cancellation;

/**
 * Pauses a worker at its next progress report: while paused, {@link #await} blocks the worker until
 * resumed or cancelled. Lets the window pause any long job that reports progress.
 */
public final class PauseGate {
    private boolean paused;

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** Blocks while paused; returns at once when cancelled. */
    public synchronized void await(Cancellation cancel) {
        while (paused && !cancel.isCancelled()) {
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
