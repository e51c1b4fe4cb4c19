package org.crossmodal.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The resampler of the voice-shift probe against known answers, and the probe's options. */
class VoiceShiftTest {
    static final int RATE = 16000;

    static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return x;
    }

    static float[] tone(double hz, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / RATE));
        return x;
    }

    /** The frequency (Hz) of the largest DFT bin between 50 Hz and 2 kHz (Goertzel's recurrence), with its bin width. */
    static double[] dftPeak(float[] x) {
        int n = x.length, best = -1;
        double bestPower = -1;
        for (int k = (int) Math.ceil(50.0 * n / RATE); k <= 2000.0 * n / RATE; k++) {
            double c = 2 * Math.cos(2 * Math.PI * k / n), s1 = 0, s2 = 0;
            for (float v : x) {
                double s = v + c * s1 - s2;
                s2 = s1;
                s1 = s;
            }
            double p = s1 * s1 + s2 * s2 - c * s1 * s2;
            if (p > bestPower) {
                bestPower = p;
                best = k;
            }
        }
        return new double[] {(double) best * RATE / n, (double) RATE / n};
    }

    @Test
    void factorOneReturnsTheInputUnchanged() {
        float[] x = tone(440, 1000);
        float[] y = VoiceShift.resample(x, 1.0);
        assertArrayEquals(x, y);
        assertNotSame(x, y, "a copy, so the probe never shares the caller's array");
        assertArrayEquals(new float[] {0.25f}, VoiceShift.resample(new float[] {0.25f}, 1.0));
    }

    @Test
    void goldenValuesOfPyTorchInterpolate() {
        // F.interpolate(torch.arange(10.)[None, None], scale_factor=1 / 0.8, mode="linear", align_corners=False) in
        // PyTorch 1.13: the first output sample reads position -0.1, clamped to 0; the last reads 8.7. Printed by
        // src/test/resources/golden/voice_shift_golden.py, with training/model.py's warp_batch beside it.
        float[] y = VoiceShift.resample(ramp(10), 0.8);
        float[] expected = {0.0f, 0.7f, 1.5f, 2.3f, 3.1f, 3.9f, 4.7f, 5.5f, 6.3f, 7.1f, 7.9f, 8.7f};
        assertEquals(12, y.length);
        assertArrayEquals(expected, y, 1e-5f, Arrays.toString(y));
    }

    @Test
    void raisingAVoiceReadsFurtherAlongAndClampsAtTheLastSample() {
        // a = 1.3 on 0..9: 7 samples at positions 0.15, 1.45, 2.75, 4.05, 5.35, 6.65, 7.95 (worked by hand; PyTorch
        // and warp_batch give the same, see voice_shift_golden.py, as they do for the a = 0.5 case below).
        float[] y = VoiceShift.resample(ramp(10), 1.3);
        assertArrayEquals(new float[] {0.15f, 1.45f, 2.75f, 4.05f, 5.35f, 6.65f, 7.95f}, y, 1e-5f, Arrays.toString(y));
        // a = 0.5 on [0, 2]: 6 samples at 0 (clamped), 0.25, 0.75, 1.25, 1.75 and 2.25, the last clamped to sample 2.
        float[] z = VoiceShift.resample(new float[] {0, 2, 4}, 0.5);
        assertArrayEquals(new float[] {0f, 0.5f, 1.5f, 2.5f, 3.5f, 4f}, z, 1e-6f, Arrays.toString(z));
    }

    @Test
    void aToneMovesToItsFrequencyTimesTheFactor() {
        float[] x = tone(440, RATE);  // one second of 440 Hz
        assertEquals(440, dftPeak(x)[0], 1e-9);
        for (double a : new double[] {0.7, 0.8, 1.25, 1.3}) {
            float[] y = VoiceShift.resample(x, a);
            double[] peak = dftPeak(y);
            assertEquals(440 * a, peak[0], peak[1], "440 Hz resampled by " + a + " (bin width " + peak[1] + " Hz)");
        }
        // The planted case of the task: 440 Hz at 16 kHz lowered by 0.8 lies at 352 Hz, 20000 samples long.
        float[] low = VoiceShift.resample(x, 0.8);
        assertEquals(20000, low.length);
        assertEquals(352, dftPeak(low)[0], 0.8);
    }

    @Test
    void lengthIsFloorOfNOverAAndNeverZero() {
        assertEquals(1, VoiceShift.resample(new float[] {0.5f}, 1.3).length, "one sample raised still gives one sample");
        assertEquals(0.5f, VoiceShift.resample(new float[] {0.5f}, 1.3)[0]);
        assertEquals(1, VoiceShift.resample(new float[] {0.5f}, 2.0).length);
        assertArrayEquals(new float[] {0.5f, 0.5f}, VoiceShift.resample(new float[] {0.5f}, 0.5));
        assertEquals(1, VoiceShift.resample(new float[] {1, 2}, 1.3).length, "floor(2 / 1.3) = 1");
        assertEquals(12, VoiceShift.outputLength(10, 0.8));
        assertEquals(7, VoiceShift.outputLength(10, 1.3));
        assertEquals(20, VoiceShift.outputLength(10, 0.5));
        // Quotients that are whole numbers in decimal stay whole whichever way the binary factor was rounded.
        assertEquals(10, VoiceShift.outputLength(7, 0.7));
        assertEquals(10, VoiceShift.outputLength(11, 1.1));
        assertEquals(100, VoiceShift.outputLength(110, 1.1));
        assertEquals(20000, VoiceShift.outputLength(16000, 0.8));
        assertEquals(12307, VoiceShift.outputLength(16000, 1.3));
    }

    @Test
    void badInputsAreRefusedWithAReason() {
        var empty = assertThrows(IllegalArgumentException.class, () -> VoiceShift.resample(new float[0], 0.8));
        assertTrue(empty.getMessage().contains("empty recording"), empty.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> VoiceShift.resample(new float[3], 0));
        assertTrue(zero.getMessage().contains("finite positive"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VoiceShift.resample(new float[3], Double.NaN));
    }

    @Test
    void optionsKeepValidFactorsSortedAndRefuseTheRestNamingTheValue() {
        VoiceShiftOptions d = VoiceShiftOptions.defaults();
        assertEquals(List.of(0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.05, 1.1, 1.2, 1.3), d.factors());
        assertEquals(200, d.sample());
        assertEquals(0.05, d.minCleanScore());
        assertEquals("0.7,0.75,0.8,0.85,0.9,0.95,1,1.05,1.1,1.2,1.3", d.toMap().get("factors"));
        assertEquals(List.of(0.5, 1.0, 2.0), d.withFactors(List.of(2.0, 0.5, 1.0)).factors(), "sorted, bounds included");

        var low = assertThrows(IllegalArgumentException.class, () -> d.withFactors(List.of(0.8, 0.4)));
        assertTrue(low.getMessage().contains("factor 0.4 is outside [0.5, 2]"), low.getMessage());
        var pct = assertThrows(IllegalArgumentException.class, () -> d.withFactors(List.of(80.0)));
        assertTrue(pct.getMessage().contains("80 is outside") && pct.getMessage().contains("not a percentage"), pct.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> d.withFactors(List.of(1.0, Double.NaN)));
        assertTrue(nan.getMessage().contains("NaN is not a finite number"), nan.getMessage());
        var inf = assertThrows(IllegalArgumentException.class, () -> d.withFactors(List.of(Double.POSITIVE_INFINITY)));
        assertTrue(inf.getMessage().contains("Infinity is not a finite number"), inf.getMessage());
        List<Double> withNull = new ArrayList<>(Arrays.asList(1.0, null));
        assertThrows(IllegalArgumentException.class, () -> d.withFactors(withNull));
        var none = assertThrows(IllegalArgumentException.class, () -> d.withFactors(List.of()));
        assertTrue(none.getMessage().startsWith("Give at least one resampling factor"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withFactors(null));
        var twice = assertThrows(IllegalArgumentException.class, () -> d.withFactors(List.of(0.8, 1.0, 0.8)));
        assertTrue(twice.getMessage().contains("0.8 is given twice"), twice.getMessage());
        var sample = assertThrows(IllegalArgumentException.class, () -> d.withSample(-1));
        assertTrue(sample.getMessage().contains("-1"), sample.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withMinCleanScore(1.0));
    }
}
