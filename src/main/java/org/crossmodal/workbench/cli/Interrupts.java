package org.crossmodal.workbench.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.crossmodal.workbench.core.Cancellation;

/**
 * Ctrl-C for long commands: while the work runs, a JVM shutdown hook sets its {@link Cancellation} and waits
 * (up to 20 s) for the work to stop, so temporary files are removed and no half-written file remains.
 */
final class Interrupts {
    private Interrupts() { }

    static <T> T run(Function<Cancellation, T> work) {
        Cancellation cancel = new Cancellation();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                done.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "workbench-cancel");
        boolean installed;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            installed = true;
        } catch (IllegalStateException e) {
            installed = false; // already shutting down
            cancel.cancel();
        }
        try {
            return work.apply(cancel);
        } finally {
            done.countDown();
            if (installed) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // the JVM is shutting down: the hook is running and has been released above
                }
            }
        }
    }
}
