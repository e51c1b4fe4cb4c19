package org.crossmodal.workbench.gui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TaskMonitorTest {
    @Test
    void etaFromShareDoneAndTimeSpent() {
        assertEquals("", TaskMonitor.estimate(0.5, 100_000_000L), "too early to say");
        assertEquals("about 10 s left", TaskMonitor.estimate(0.5, 10_000_000_000L));
        assertEquals("about 3 min 00 s left", TaskMonitor.estimate(0.25, 60_000_000_000L));
    }

    @Test
    void progressAndOutcome() {
        CurrentThreadTaskExecutor ex = new CurrentThreadTaskExecutor();
        double[] seen = new double[1];
        ex.submit("Counting", (p, c) -> {
            p.update("counting", 3, 4);
            seen[0] = ex.monitor().progressProperty().get();
            return 1;
        }, r -> { }, t -> { });
        assertEquals(0.75, seen[0], 1e-9);
        assertEquals("Counting: done", ex.monitor().message());
        ex.submit("Failing", (p, c) -> {
            throw new IllegalStateException("x");
        }, r -> { }, t -> { });
        assertEquals("Failing: failed", ex.monitor().message());
    }
}
