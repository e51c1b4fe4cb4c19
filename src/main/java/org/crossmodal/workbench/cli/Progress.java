package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.crossmodal.workbench.core.ProgressListener;

/**
 * Progress on standard error: a bar, the count, the rate and an ETA, redrawn in place at most four times a second.
 * Stays silent for work that finishes within the first second.
 */
final class Progress implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private String stage;
    private String finishedStage;
    private long stageStart;
    private long lastDraw;
    private boolean drawn;

    Progress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void update(String s, long done, long total) {
        long now = System.nanoTime();
        if (s.equals(finishedStage)) return; // a stage reported complete twice draws once
        if (!s.equals(stage)) {
            if (drawn) err.println();
            drawn = false;
            stage = s;
            stageStart = now;
        }
        boolean finished = total > 0 && done >= total;
        if (now - start < 1_000_000_000L && !drawn) return;
        if (!finished && now - lastDraw < 250_000_000L) return;
        lastDraw = now;
        err.print("\r" + line(s, done, total, (now - stageStart) / 1e9));
        err.flush();
        drawn = true;
        if (finished) {
            err.println();
            drawn = false;
            stage = null;
            finishedStage = s;
        }
    }

    static String line(String stage, long done, long total, double seconds) {
        StringBuilder b = new StringBuilder(stage).append(' ');
        if (total > 0) {
            double f = Math.min(1, (double) done / total);
            int fill = (int) Math.round(f * WIDTH);
            b.append('[').append("#".repeat(fill)).append("-".repeat(WIDTH - fill)).append("] ");
            b.append(done).append('/').append(total);
            double rate = seconds > 0 ? done / seconds : 0;
            if (rate > 0 && total > 1) b.append(String.format(Locale.ROOT, "  %.1f/s", rate));
            if (done < total && rate > 0) b.append("  ETA ").append(clock((total - done) / rate));
            else if (done >= total) b.append("  in ").append(clock(seconds));
        } else {
            b.append(done);
        }
        return b.append("   ").toString();
    }

    static String clock(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }

    /** Ends a bar left half-drawn. */
    synchronized void finish() {
        if (drawn) err.println();
        drawn = false;
        err.flush();
    }
}
