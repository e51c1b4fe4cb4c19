package org.crossmodal.workbench.probe;

/**
 * Resampling a recording by a factor a, which scales every frequency in it (pitch and formants together) by a and its
 * duration by 1/a: a &lt; 1 sounds like a longer vocal tract (a deeper voice), a &gt; 1 like a shorter one.
 *
 * <p>Output sample i reads the input at position p = (i + 0.5)·a − 0.5, clamped at 0, by linear interpolation between
 * samples ⌊p⌋ and ⌊p⌋ + 1 (both clamped to the last sample); the output has ⌊n / a⌋ samples, at least one. This is
 * PyTorch's {@code F.interpolate(x, scale_factor=1/a, mode="linear", align_corners=False)} on the clip alone, and the
 * {@code warp_batch} of {@code training/model.py}. There is no low-pass filter: with a &gt; 1 content above a·Nyquist
 * folds back, as it does in the training code.
 */
public final class VoiceShift {
    /** The factors a probe accepts: a voice shifted further than this is no longer a voice. */
    public static final double MIN_FACTOR = 0.5, MAX_FACTOR = 2.0;

    private VoiceShift() { }

    /**
     * The number of output samples for n input samples: ⌊n / a⌋, at least 1. A quotient within a relative 1e-12 of an
     * integer counts as that integer, so that a factor typed as a decimal (0.7, 1.1) gives the length its exact value
     * gives, whichever way the binary rounding of a fell.
     */
    public static int outputLength(int n, double a) {
        check(a);
        if (n < 1) throw new IllegalArgumentException("A recording to resample needs at least one sample, got " + n + ".");
        double q = n / a;
        long m = (long) Math.floor(q * (1 + 1e-12));
        if (m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Resampling " + n + " samples by " + a + " gives more samples than an array holds.");
        }
        return (int) Math.max(1, m);
    }

    /**
     * The recording resampled by the factor a (see the class comment). a = 1 returns a copy of x.
     *
     * @param x a mono waveform with at least one sample
     * @param a the factor, finite and positive
     */
    public static float[] resample(float[] x, double a) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("Cannot resample an empty recording: give at least one sample.");
        }
        check(a);
        if (a == 1.0) return x.clone();
        int n = x.length, m = outputLength(n, a);
        int last = n - 1;
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            double p = Math.max(0.0, (i + 0.5) * a - 0.5);
            int i0 = (int) Math.min(Math.floor(p), last);
            int i1 = Math.min(i0 + 1, last);
            double w = p - Math.floor(p);
            y[i] = (float) (x[i0] * (1 - w) + x[i1] * w);
        }
        return y;
    }

    private static void check(double a) {
        if (!Double.isFinite(a) || a <= 0) {
            throw new IllegalArgumentException("The resampling factor must be a finite positive number, got " + a + ".");
        }
    }
}
