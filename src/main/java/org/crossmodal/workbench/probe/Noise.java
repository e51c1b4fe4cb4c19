package org.crossmodal.workbench.probe;

import java.util.List;
import java.util.SplittableRandom;

/** Noise generators (unit RMS) and the two ways of mixing noise into a recording. */
public final class Noise {
    private Noise() { }

    /** Root mean square of a signal (double accumulation). */
    public static double rms(float[] x) {
        if (x.length == 0) return 0;
        double s = 0;
        for (float v : x) s += (double) v * v;
        return Math.sqrt(s / x.length);
    }

    /** Gaussian white noise with unit RMS (rescaled exactly). */
    public static float[] white(int length, SplittableRandom rng) {
        float[] n = new float[length];
        for (int i = 0; i < length; i++) n[i] = (float) rng.nextGaussian();
        return unitRms(n);
    }

    /**
     * Pink noise by the Voss–McCartney method: 16 random rows, row k redrawn every 2^k samples (the row given by the
     * number of trailing zeros of the sample counter), summed with a white row; the sum has a spectrum close to 1/f
     * from a few Hz to Nyquist. Rescaled to unit RMS.
     */
    public static float[] pink(int length, SplittableRandom rng) {
        final int rows = 16;
        double[] row = new double[rows];
        double sum = 0;
        for (int k = 0; k < rows; k++) {
            row[k] = rng.nextGaussian();
            sum += row[k];
        }
        float[] n = new float[length];
        long counter = rng.nextLong() & 0xffffffL;
        for (int i = 0; i < length; i++) {
            counter++;
            int k = Long.numberOfTrailingZeros(counter);
            if (k < rows) {
                sum -= row[k];
                row[k] = rng.nextGaussian();
                sum += row[k];
            }
            n[i] = (float) (sum + rng.nextGaussian());
        }
        return unitRms(n);
    }

    /**
     * Babble: the sum of {@code talkers} recordings drawn from {@code sources} (each at unit RMS, started at a random
     * offset and looped to the length), rescaled to unit RMS. {@code exclude} (the recording being probed) is never
     * drawn; silent sources are skipped.
     *
     * @return the babble, or null when no other non-silent recording exists
     */
    public static float[] babble(int length, List<float[]> sources, int exclude, int talkers, SplittableRandom rng) {
        int[] usable = new int[sources.size()];
        int m = 0;
        for (int i = 0; i < sources.size(); i++) {
            if (i != exclude && sources.get(i).length > 0 && rms(sources.get(i)) > 0) usable[m++] = i;
        }
        if (m == 0) return null;
        int k = Math.min(talkers, m);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(m - i);
            int t = usable[i];
            usable[i] = usable[j];
            usable[j] = t;
        }
        double[] acc = new double[length];
        for (int t = 0; t < k; t++) {
            float[] s = sources.get(usable[t]);
            double g = 1 / rms(s);
            int off = rng.nextInt(s.length);
            for (int i = 0; i < length; i++) acc[i] += s[(off + i) % s.length] * g;
        }
        float[] n = new float[length];
        for (int i = 0; i < length; i++) n[i] = (float) acc[i];
        return unitRms(n);
    }

    /**
     * y = (1 − r)·x + r·(RMS(x)/RMS(n))·n. At r = 0 the result equals x bit for bit.
     */
    public static float[] mix(float[] x, float[] noise, double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) throw new IllegalArgumentException("Mixing ratio must be in [0, 1], got " + ratio);
        checkLength(x, noise);
        double g = scale(x, noise) * ratio;
        float a = (float) (1 - ratio);
        float b = (float) g;
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = a * x[i] + b * noise[i];
        return y;
    }

    /** y = x + g·n with RMS(x)² / RMS(g·n)² = 10^(snr/10). */
    public static float[] addAtSnr(float[] x, float[] noise, double snrDb) {
        if (!Double.isFinite(snrDb)) throw new IllegalArgumentException("SNR must be a finite number of dB, got " + snrDb);
        checkLength(x, noise);
        float g = (float) (scale(x, noise) * Math.pow(10, -snrDb / 20));
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] + g * noise[i];
        return y;
    }

    private static double scale(float[] x, float[] noise) {
        double rn = rms(noise);
        return rn == 0 ? 0 : rms(x) / rn;
    }

    private static void checkLength(float[] x, float[] noise) {
        if (noise.length < x.length) {
            throw new IllegalArgumentException("Noise of " + noise.length + " samples is shorter than the recording (" + x.length + ").");
        }
    }

    private static float[] unitRms(float[] n) {
        double r = rms(n);
        if (r == 0) return n;
        float g = (float) (1 / r);
        for (int i = 0; i < n.length; i++) n[i] *= g;
        return n;
    }
}
