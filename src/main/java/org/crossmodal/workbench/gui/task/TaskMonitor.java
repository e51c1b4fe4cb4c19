package org.crossmodal.workbench.gui.task;

import java.time.Duration;
import java.util.Locale;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the status bar shows about the current job: title, stage, progress (0..1, or -1 when
 * unknown), an estimate of the time left, and whether a job is running. Updated on the UI thread
 * only; {@link FxTaskExecutor} coalesces worker updates to at most one per frame.
 */
public final class TaskMonitor {
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "Ready");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(this, "eta", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ObjectProperty<TaskHandle> current = new SimpleObjectProperty<>(this, "current");
    private long startNanos;
    private String title = "";

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty etaProperty() { return eta.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ObjectProperty<TaskHandle> currentProperty() { return current; }

    /** A job started. */
    public void started(TaskHandle h) {
        current.set(h);
        title = h.title();
        startNanos = System.nanoTime();
        message.set(title + "…");
        progress.set(-1);
        eta.set("");
        running.set(true);
    }

    /** Progress of the current job. */
    public void update(TaskHandle h, String stage, long done, long total) {
        if (h != current.get()) return;
        String st = stage == null || stage.isBlank() ? title : stage;
        if (total > 0) {
            double f = Math.max(0, Math.min(1, done / (double) total));
            progress.set(f);
            message.set(st + " (" + done + "/" + total + ")");
            eta.set(estimate(f, System.nanoTime() - startNanos));
        } else {
            progress.set(-1);
            message.set(st + "…");
            eta.set("");
        }
    }

    /** The job ended; {@code outcome} is what the status bar says next. */
    public void finished(TaskHandle h, String outcome) {
        if (h != current.get()) return;
        current.set(null);
        running.set(false);
        progress.set(0);
        eta.set("");
        message.set(outcome);
    }

    /** Shows a message without a job. */
    public void say(String text) {
        if (!running.get()) message.set(text);
    }

    public String message() { return message.get(); }

    /** Cancels the current job, if any. */
    public void cancelCurrent() {
        TaskHandle h = current.get();
        if (h != null) h.cancel();
    }

    /** "about 1 min 20 s left" from the share done and the time spent. */
    static String estimate(double fraction, long elapsedNanos) {
        if (fraction <= 0.02 || elapsedNanos < 500_000_000L) return "";
        long left = (long) (elapsedNanos / fraction * (1 - fraction));
        Duration d = Duration.ofNanos(left);
        long s = d.toSeconds();
        if (s < 60) return String.format(Locale.ROOT, "about %d s left", Math.max(1, s));
        return String.format(Locale.ROOT, "about %d min %02d s left", s / 60, s % 60);
    }
}
