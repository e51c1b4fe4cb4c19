package org.crossmodal.workbench.audio;

/**
 * Band-limited sample-rate conversion by windowed-sinc interpolation (Kaiser window), for any pair of rates.
 * When the rate goes down, the low-pass cut-off follows the new Nyquist frequency, so content above it is
 * suppressed instead of folding back as aliases. When the reduced ratio to/from has at most
 * {@value #MAX_PHASES} phases (44.1 kHz to 16 kHz has 160), a polyphase filter bank with exact kernel values
 * is computed once per rate pair and cached; otherwise the kernel is interpolated from a fine table.
 */
public final class Resampler {
    /**
     * @param zeroCrossings sinc zero crossings on each side of the centre (filter half-length); longer is sharper
     * @param kaiserBeta    Kaiser window shape; larger gives deeper stop-band attenuation and a wider transition
     * @param cutoff        low-pass cut-off as a fraction of the lower of the two Nyquist frequencies, in (0, 1]
     */
    public record Options(int zeroCrossings, double kaiserBeta, double cutoff) {
        public Options {
            if (zeroCrossings < 2 || zeroCrossings > 256) {
                throw new IllegalArgumentException("zeroCrossings must be in [2, 256], got " + zeroCrossings);
            }
            if (!(kaiserBeta >= 0 && kaiserBeta <= 30)) {
                throw new IllegalArgumentException("kaiserBeta must be in [0, 30], got " + kaiserBeta);
            }
            if (!(cutoff > 0 && cutoff <= 1)) throw new IllegalArgumentException("cutoff must be in (0, 1], got " + cutoff);
        }

        /** 32 zero crossings, beta 8.6 (about 90 dB side lobes), cut-off at 0.92 of the new Nyquist. */
        public static Options defaults() {
            return new Options(32, 8.6, 0.92);
        }
    }

    public static final Resampler DEFAULT = new Resampler(Options.defaults());

    private static final int TABLE_STEPS = 512; // kernel samples per zero crossing
    static final int MAX_PHASES = 2048;

    /** Filter bank for one rate pair: weights[phase][tap], taps starting at input index base - (half - 1). */
    private record Bank(int up, int down, int half, float[][] weights) {
    }

    private final java.util.Map<Long, Bank> banks = new java.util.concurrent.ConcurrentHashMap<>();

    private final Options options;
    private final double[] kernel; // windowed sinc at x = i / TABLE_STEPS, x in [0, zeroCrossings]

    public Resampler(Options options) {
        this.options = options;
        int zc = options.zeroCrossings();
        kernel = new double[zc * TABLE_STEPS + 2];
        double i0b = besselI0(options.kaiserBeta());
        for (int i = 0; i < kernel.length; i++) {
            double x = i / (double) TABLE_STEPS;
            double r = x / zc;
            if (r >= 1) {
                kernel[i] = 0;
                continue;
            }
            double w = besselI0(options.kaiserBeta() * Math.sqrt(1 - r * r)) / i0b;
            double s = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            kernel[i] = s * w;
        }
    }

    public Options options() {
        return options;
    }

    /** Output length for {@code frames} input frames: ceil(frames * to / from). */
    public static int outputLength(int frames, int fromRate, int toRate) {
        long n = ((long) frames * toRate + fromRate - 1) / fromRate;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Resampled signal too long: " + n + " samples");
        return (int) n;
    }

    /** Resamples a mono signal; returns the input itself when the rates are equal. */
    public float[] resample(float[] in, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("Sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) return in;
        int g = gcd(fromRate, toRate);
        if (toRate / g <= MAX_PHASES) return polyphase(in, fromRate, toRate, g);
        return interpolated(in, fromRate, toRate);
    }

    /** The general path: kernel values interpolated from the fine table (used when there are too many phases). */
    float[] interpolated(float[] in, int fromRate, int toRate) {
        int outLen = outputLength(in.length, fromRate, toRate);
        float[] out = new float[outLen];
        double step = fromRate / (double) toRate;                       // input samples per output sample
        double scale = Math.min(1.0, toRate / (double) fromRate) * options.cutoff(); // cut-off, in input Nyquist units
        int zc = options.zeroCrossings();
        double reach = zc / scale;                                      // kernel half-width in input samples
        double tableScale = scale * TABLE_STEPS;
        int last = in.length - 1;
        for (int n = 0; n < outLen; n++) {
            double t = n * step;
            int lo = Math.max(0, (int) Math.ceil(t - reach));
            int hi = Math.min(last, (int) Math.floor(t + reach));
            double acc = 0;
            for (int k = lo; k <= hi; k++) {
                double pos = Math.abs(t - k) * tableScale;
                int idx = (int) pos;
                double frac = pos - idx;
                double h = kernel[idx] + frac * (kernel[idx + 1] - kernel[idx]);
                acc += in[k] * h;
            }
            out[n] = (float) (acc * scale);
        }
        return out;
    }

    private float[] polyphase(float[] in, int fromRate, int toRate, int g) {
        int up = toRate / g, down = fromRate / g;
        Bank bank = banks.get(((long) fromRate << 32) | toRate);
        if (bank == null) {
            if (banks.size() > 32) banks.clear();
            bank = makeBank(up, down, fromRate, toRate);
            banks.put(((long) fromRate << 32) | toRate, bank);
        }
        int outLen = outputLength(in.length, fromRate, toRate);
        float[] out = new float[outLen];
        int half = bank.half();
        int taps = 2 * half;
        int last = in.length - 1;
        for (int n = 0; n < outLen; n++) {
            long pos = (long) n * down;
            int base = (int) (pos / up);
            int phase = (int) (pos % up);
            float[] w = bank.weights()[phase];
            int k0 = base - (half - 1);
            double acc = 0;
            if (k0 >= 0 && k0 + taps - 1 <= last) {
                for (int j = 0; j < taps; j++) acc += in[k0 + j] * w[j];
            } else {
                for (int j = 0; j < taps; j++) {
                    int k = k0 + j;
                    if (k >= 0 && k <= last) acc += in[k] * w[j];
                }
            }
            out[n] = (float) acc;
        }
        return out;
    }

    private Bank makeBank(int up, int down, int fromRate, int toRate) {
        double scale = Math.min(1.0, toRate / (double) fromRate) * options.cutoff();
        int zc = options.zeroCrossings();
        double reach = zc / scale;
        int half = (int) Math.ceil(reach) + 1;
        double i0b = besselI0(options.kaiserBeta());
        float[][] w = new float[up][2 * half];
        for (int p = 0; p < up; p++) {
            double frac = p / (double) up;            // output position = base + frac
            for (int j = 0; j < 2 * half; j++) {
                double d = frac - (j - (half - 1));   // distance from input tap base + j - (half - 1)
                double x = Math.abs(d) * scale;       // in zero crossings of the low-pass
                if (x >= zc) continue;
                double r = x / zc;
                double win = besselI0(options.kaiserBeta() * Math.sqrt(1 - r * r)) / i0b;
                double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
                w[p][j] = (float) (scale * sinc * win);
            }
        }
        return new Bank(up, down, half, w);
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Zeroth-order modified Bessel function of the first kind, by its power series. */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }
}
