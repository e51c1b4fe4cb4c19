package org.crossmodal.workbench.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SilenceTrimmerTest {
    @Test
    void cutsLeadingAndTrailingSilenceAndKeepsThePadding() {
        int rate = 16000;
        float[] x = new float[rate * 2];
        Random rnd = new Random(7);
        for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextGaussian() * 1e-4); // -80 dBFS hiss
        int start = 8000, len = 12000; // 0.5 s .. 1.25 s
        float[] tone = Signals.sine(300, 0.5, rate, len);
        for (int i = 0; i < len; i++) x[start + i] += tone[i];
        Audio out = new SilenceTrimmer().trim(new Audio(x, rate, 1, "t"));
        int[] r = new SilenceTrimmer().soundRange(x, rate);
        // sound starts in frame 50 (samples 8000..8159) and ends in frame 124; 50 ms = 800 samples of padding
        assertEquals(start - 800, r[0]);
        assertEquals(start + len + 800, r[1]);
        assertEquals(r[1] - r[0], out.samples().length);
        assertEquals(x[r[0]], out.samples()[0]);
    }

    @Test
    void relativeThresholdFollowsTheLoudestFrame() {
        int rate = 8000;
        float[] x = new float[rate];
        float[] quiet = Signals.sine(200, 0.001, rate, 800);   // -63 dBFS: below the -60 floor
        float[] loud = Signals.sine(200, 0.5, rate, 800);
        System.arraycopy(quiet, 0, x, 800, 800);
        System.arraycopy(loud, 0, x, 4000, 800);
        int[] r = new SilenceTrimmer(new SilenceTrimmer.Options(-40, -60, 10, 0)).soundRange(x, rate);
        assertEquals(4000, r[0]);
        assertEquals(4800, r[1]);
        // with a lower floor and a generous relative threshold the quiet part counts as sound
        int[] r2 = new SilenceTrimmer(new SilenceTrimmer.Options(-70, -90, 10, 0)).soundRange(x, rate);
        assertEquals(800, r2[0]);
    }

    @Test
    void allSilenceIsLeftAlone() {
        Audio a = new Audio(new float[1000], 8000, 1, "t");
        assertSame(a, new SilenceTrimmer().trim(a));
    }

    @Test
    void stereoIsMixedFirst() {
        float[] x = new float[2 * 8000];
        for (int i = 4000; i < 4800; i++) x[2 * i] = (float) Math.sin(i * 0.3) * 0.5f;
        Audio out = new SilenceTrimmer(new SilenceTrimmer.Options(-40, -60, 10, 0)).trim(new Audio(x, 8000, 2, "t"));
        assertEquals(1, out.channels());
        assertEquals(800, out.samples().length);
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new SilenceTrimmer.Options(10, -60, 10, 50));
        assertThrows(IllegalArgumentException.class, () -> new SilenceTrimmer.Options(-40, -60, 0, 50));
        assertThrows(IllegalArgumentException.class, () -> new SilenceTrimmer.Options(-40, -60, 10, -1));
        assertArrayEquals(new int[] {0, 0}, new SilenceTrimmer().soundRange(new float[0], 8000));
    }
}
