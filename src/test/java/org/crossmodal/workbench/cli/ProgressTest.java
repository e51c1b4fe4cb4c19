package org.crossmodal.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void barCountRateAndEta() {
        String l = Progress.line("encoding", 50, 200, 10.0);
        assertTrue(l.startsWith("encoding [########----------------------] 50/200"), l);
        assertTrue(l.contains("5.0/s"), l);
        assertTrue(l.contains("ETA 0:30"), l);
        String done = Progress.line("encoding", 200, 200, 3725.0);
        assertTrue(done.contains("in 1:02:05"), done);
        assertEquals("1:40", Progress.clock(100));
    }

    @Test
    void quietForShortWorkAndOneLinePerFinishedStage() throws InterruptedException {
        StringWriter w = new StringWriter();
        Progress p = new Progress(new PrintWriter(w));
        p.update("fast", 1, 1);
        assertEquals("", w.toString(), "nothing drawn within the first second");
        Thread.sleep(1100);
        p.update("slow", 5, 10);
        p.update("slow", 10, 10);
        p.update("slow", 10, 10);
        p.finish();
        String out = w.toString();
        assertEquals(1, out.split("\n").length, out);
        assertTrue(out.contains("10/10"), out);
    }
}
