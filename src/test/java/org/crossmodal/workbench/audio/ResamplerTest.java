package org.crossmodal.workbench.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Measures the resampler: pass-band tones keep frequency and amplitude, tones above the new Nyquist vanish. */
class ResamplerTest {
    private final Resampler r = Resampler.DEFAULT;

    @ParameterizedTest(name = "{0} Hz tone, {1} -> {2} Hz")
    @CsvSource({
            "440, 44100, 16000", "1000, 48000, 16000", "3000, 22050, 16000", "6000, 44100, 16000",
            "440, 8000, 16000", "3000, 8000, 16000", "1000, 16000, 44100", "1234, 11025, 16000",
            "1000, 44100, 16001", "5000, 48000, 15999"})
    void aPassBandToneKeepsItsFrequencyAndAmplitude(double freq, int from, int to) {
        float[] x = Signals.sine(freq, 0.5, from, from); // one second
        float[] y = r.resample(x, from, to);
        assertEquals(Resampler.outputLength(x.length, from, to), y.length);
        assertEquals(to, y.length, 1);
        // measure away from the edges (the filter sees zeros beyond the ends)
        int a = to / 10, b = to - to / 10;
        double amp = Signals.amplitudeAt(y, freq, to, a, b);
        assertEquals(0.5, amp, 0.5 * 0.005, "amplitude within 0.5% (0.04 dB)");
        double peak = Signals.peakFrequency(y, to, freq - 20, freq + 20, 0.5, a, b);
        assertEquals(freq, peak, 0.5, "frequency");
        // nothing else: the residual after removing the tone is tiny
        double rmsAll = Signals.rms(y, a, b);
        double tone = 0.5 / Math.sqrt(2);
        assertEquals(tone, rmsAll, tone * 0.005);
    }

    @ParameterizedTest(name = "{0} Hz tone, {1} -> {2} Hz is suppressed")
    @CsvSource({"8200, 44100, 16000", "9000, 44100, 16000", "12000, 48000, 16000", "15000, 44100, 16000",
            "20000, 44100, 16000", "4100, 22050, 8000", "9000, 44100, 16001", "8300, 48000, 15999"})
    void contentAboveTheNewNyquistIsSuppressedBy40dB(double freq, int from, int to) {
        float[] x = Signals.sine(freq, 0.5, from, from);
        float[] y = r.resample(x, from, to);
        int a = to / 10, b = to - to / 10;
        double level = Signals.rms(y, a, b) / (0.5 / Math.sqrt(2));
        double db = 20 * Math.log10(level);
        assertTrue(db <= -40, freq + " Hz comes through at " + db + " dB");
    }

    @Test
    void linearInterpolationWouldFailTheAliasTest() {
        // the same measurement applied to naive linear interpolation: aliasing comes through loudly
        int from = 44100, to = 16000;
        float[] x = Signals.sine(9000, 0.5, from, from);
        float[] y = new float[to];
        for (int n = 0; n < to; n++) {
            double t = n * (double) from / to;
            int i = (int) t;
            double f = t - i;
            y[n] = (float) (x[i] * (1 - f) + (i + 1 < x.length ? x[i + 1] : 0) * f);
        }
        double db = 20 * Math.log10(Signals.rms(y, 1600, 14400) / (0.5 / Math.sqrt(2)));
        assertTrue(db > -20, "linear interpolation lets the 9 kHz tone alias at " + db + " dB");
    }

    @Test
    void polyphaseBankAndInterpolatedKernelAgree() {
        java.util.Random rnd = new java.util.Random(3);
        float[] x = new float[20000];
        for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian() * 0.3f;
        for (int[] rates : new int[][] {{44100, 16000}, {8000, 16000}, {48000, 22050}}) {
            float[] a = r.resample(x, rates[0], rates[1]);
            float[] b = r.interpolated(x, rates[0], rates[1]);
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-4, rates[0] + " -> " + rates[1] + " at " + i);
        }
    }

    @Test
    void sameRateReturnsTheInput() {
        float[] x = {1, 2, 3};
        assertSame(x, r.resample(x, 16000, 16000));
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertEquals(0, r.resample(new float[0], 44100, 16000).length);
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler.Options(1, 8, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new Resampler.Options(32, -1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new Resampler.Options(32, 8, 1.5));
        assertThrows(IllegalArgumentException.class, () -> r.resample(new float[4], 0, 16000));
    }

    @Test
    void besselI0MatchesKnownValues() {
        // I0(0) = 1, I0(1) = 1.2660658777520082, I0(5) = 27.239871823604442 (Abramowitz and Stegun, table 9.8)
        assertEquals(1.0, Resampler.besselI0(0), 1e-15);
        assertEquals(1.2660658777520082, Resampler.besselI0(1), 1e-13);
        assertEquals(27.239871823604442, Resampler.besselI0(5), 1e-11);
    }
}
