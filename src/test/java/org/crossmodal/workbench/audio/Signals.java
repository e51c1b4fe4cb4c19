package org.crossmodal.workbench.audio;

/** Test signals and measurements. */
final class Signals {
    private Signals() {
    }

    static float[] sine(double freq, double amplitude, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (amplitude * Math.sin(2 * Math.PI * freq * i / rate));
        return x;
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += (double) x[i] * x[i];
        return Math.sqrt(s / (to - from));
    }

    /**
     * Amplitude and phase-free fit of a sinusoid at {@code freq} over [from, to): projects on sin and cos, so it
     * measures the component at exactly that frequency (Goertzel-like, on a window of whole periods it is exact).
     */
    static double amplitudeAt(float[] x, double freq, int rate, int from, int to) {
        double s = 0, c = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * freq * i / rate;
            s += x[i] * Math.sin(w);
            c += x[i] * Math.cos(w);
        }
        int n = to - from;
        return 2 * Math.hypot(s, c) / n;
    }

    /** The frequency with the largest {@link #amplitudeAt} on a grid from lo to hi (Hz). */
    static double peakFrequency(float[] x, int rate, double lo, double hi, double step, int from, int to) {
        double best = lo, bestA = -1;
        for (double f = lo; f <= hi; f += step) {
            double a = amplitudeAt(x, f, rate, from, to);
            if (a > bestA) {
                bestA = a;
                best = f;
            }
        }
        return best;
    }
}
