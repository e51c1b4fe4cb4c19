package org.crossmodal.workbench.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.crossmodal.workbench.core.Cancellation;

/**
 * Ctrl-C for long commands: while the work runs, a JVM shutdown hook sets its {@link Cancellation} and holds the
 * JVM (up to 20 s) until the command has stopped and reported, so temporary files are removed, the one-line
 * "cancelled" message is printed, and no half-written file remains.
 */
final class Interrupts {
    private Interrupts() { }

    /** Latches of hooks that fired while their command was still running; released by {@link #release()}. */
    private static final Set<CountDownLatch> HELD = ConcurrentHashMap.newKeySet();

    static <T> T run(Function<Cancellation, T> work) {
        Cancellation cancel = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(20, TimeUnit.SECONDS);
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
            boolean removed = false;
            if (installed) {
                try {
                    removed = Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    removed = false;
                }
            }
            if (removed || !installed) {
                finished.countDown();
            } else {
                HELD.add(finished); // the JVM is shutting down: hold it until the command has printed its result
            }
        }
    }

    /** Called when a command has returned and flushed its output: lets a waiting shutdown hook finish. */
    static void release() {
        for (CountDownLatch l : HELD) l.countDown();
        HELD.clear();
    }
}
