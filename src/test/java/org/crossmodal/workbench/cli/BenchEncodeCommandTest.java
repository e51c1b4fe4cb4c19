package org.crossmodal.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code workbench bench encode} on a handful of phrases with the real built-in MiniLM: it runs and reports sane figures. */
class BenchEncodeCommandTest {
    @Test
    void printsBothRatesAndTheOverhead() {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = WorkbenchCommand.run(new PrintWriter(o), new PrintWriter(e), "bench", "encode", "--count", "12", "--rounds", "1", "--threads", "1");
        String out = o.toString();
        assertEquals(0, code, e.toString());
        assertTrue(out.contains("model      all-minilm-l6-v2-q (sha256 "), out);
        assertTrue(out.contains("setup      12 phrases"), out);
        double wb = rate(out, "workbench"), direct = rate(out, "direct");
        assertTrue(wb > 0 && direct > 0, out);
        Matcher m = Pattern.compile("overhead   ([+-][0-9.]+) %").matcher(out);
        assertTrue(m.find(), out);
        // the printed overhead is the one implied by the two printed rates (up to rounding of the rates)
        assertEquals(100 * (direct / wb - 1), Double.parseDouble(m.group(1)), 0.2 + 100 * 0.05 / Math.min(wb, direct));
    }

    private static double rate(String out, String label) {
        Matcher m = Pattern.compile("(?m)^" + label + " +([0-9.]+) phrases/s").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }
}
