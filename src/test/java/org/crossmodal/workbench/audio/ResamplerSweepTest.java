package org.crossmodal.workbench.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measurement behind the resampler figures in docs/formats.md: pure tones every 37 Hz through 44.1, 48 and
 * 22.05 kHz to 16 kHz. Slow (about a minute); run with
 * {@code mvn -o test -Dtest.excludedGroups=none -Dgroups=slow -Dtest=ResamplerSweepTest}.
 */
@Tag("slow")
class ResamplerSweepTest {
    @Test
    void passBandIsFlatAndEveryToneAboveTheNewNyquistIsFarDown() {
        for (int from : new int[] {44100, 48000, 22050}) {
            int to = 16000;
            double passMin = Double.MAX_VALUE, passMax = -Double.MAX_VALUE, stopMax = -Double.MAX_VALUE;
            for (double f = 100; f < from / 2.0; f += 37) {
                float[] x = Signals.sine(f, 0.5, from, from / 2);
                float[] y = Resampler.DEFAULT.resample(x, from, to);
                int n = y.length;
                double db = 20 * Math.log10(Signals.rms(y, n / 10, n - n / 10) / (0.5 / Math.sqrt(2)));
                if (f <= 0.75 * to / 2) {
                    passMin = Math.min(passMin, db);
                    passMax = Math.max(passMax, db);
                }
                if (f >= to / 2.0) stopMax = Math.max(stopMax, db);
            }
            assertTrue(passMin > -0.02 && passMax < 0.02, from + ": pass band " + passMin + " .. " + passMax + " dB");
            assertTrue(stopMax < -80, from + ": a tone above 8 kHz comes through at " + stopMax + " dB");
        }
    }
}
