package org.crossmodal.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The exact McNemar p-value against scipy (src/test/resources/golden/mcnemar_golden.py) and by hand. */
class McNemarTest {

    @Test
    void matchesScipyToOnePartInABillion() throws Exception {
        JsonNode g;
        try (InputStream in = McNemarTest.class.getResourceAsStream("/golden/mcnemar_golden.json")) {
            g = new ObjectMapper().readTree(in);
        }
        JsonNode cases = g.get("cases");
        assertTrue(cases.size() >= 20, "the golden file holds the cases of the script");
        for (JsonNode c : cases) {
            int b = c.get("b").asInt(), cc = c.get("c").asInt();
            double want = c.get("p").asDouble(), got = McNemar.exactP(b, cc);
            assertTrue(want > 0, "every golden p-value is representable: " + c);
            assertEquals(want, got, 1e-9 * want, "b = " + b + ", c = " + cc);
        }
    }

    @Test
    void smallCasesByHand() {
        assertEquals(1.0, McNemar.exactP(0, 0), 0.0, "no discordant recording: nothing to tell the conditions apart");
        assertEquals(1.0, McNemar.exactP(4, 4), 0.0);
        // 7 one way, 0 the other: 2 / 2^7, exactly (small binomial coefficients are exact in a double).
        assertEquals(1.0 / 64, McNemar.exactP(7, 0), 0.0);
        // 10 against 3: 2 (1 + 13 + 78 + 286) / 2^13.
        assertEquals(2.0 * 378 / 8192, McNemar.exactP(10, 3), 0.0);
        assertEquals(McNemar.exactP(10, 3), McNemar.exactP(3, 10), 0.0, "two-sided: symmetric in b and c");
        // One discordant recording can never be significant.
        assertEquals(1.0, McNemar.exactP(1, 0), 0.0);
    }

    @Test
    void largeCountsStayFiniteAndOrdered() {
        // 2^-n underflows beyond n = 1074 and C(n, n/2) overflows beyond n = 1030; the rescaled sum does neither, and p
        // is 0 only once it is itself below the smallest double.
        assertEquals(Math.scalb(1.0, -999), McNemar.exactP(1000, 0), 0.0);
        assertEquals(Math.scalb(1.0, -1073), McNemar.exactP(1074, 0), 0.0, "the smallest subnormal but one");
        assertEquals(0.0, McNemar.exactP(5000, 0), 0.0, "2^-4999 is below the smallest double");
        double p = McNemar.exactP(40000, 39000);
        assertTrue(p > 0 && p < 1e-3, "a 1,000 gap over 79,000 discordant recordings is about 3.5 sd: " + p);
        assertTrue(McNemar.exactP(40000, 39500) > p, "a smaller gap is less significant");
    }

    @Test
    void negativeCountsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> McNemar.exactP(-1, 3));
        assertEquals("The discordant counts of a McNemar test are counts of recordings, never negative: got b = -1, c = 3.",
                e.getMessage());
    }
}
