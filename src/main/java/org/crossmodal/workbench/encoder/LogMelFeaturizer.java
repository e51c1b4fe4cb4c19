package org.crossmodal.workbench.encoder;

import java.util.ArrayList;
import java.util.List;

import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Log-mel input: float32 [batch, frames, nMels], zero-padded, with optional int64 [batch] valid frame counts.
 * The front end is the one of torchaudio's {@code MelSpectrogram(center=..., power=2, norm=None,
 * mel_scale="htk")} followed by {@code ln(mel + logOffset)}:
 * <ol>
 * <li>with {@code center}, the signal is padded by nFft / 2 on both sides by reflection;</li>
 * <li>frame t holds samples [t * hop, t * hop + nFft); there are 1 + (n - nFft) / hop frames (a signal shorter
 * than nFft is zero-padded to one frame);</li>
 * <li>each frame is multiplied by a periodic Hann window of length win, centred in the nFft samples (zero
 * outside), and its power spectrum |X[k]|^2, k = 0 .. nFft / 2, is taken;</li>
 * <li>nMels triangular filters on the HTK mel scale (mel = 2595 log10(1 + f / 700)), with edges equally spaced
 * in mel from fmin to fmax and bin k at frequency k * (sampleRate / 2) / (nFft / 2), unnormalised;</li>
 * <li>the natural logarithm of each filter output plus logOffset.</li>
 * </ol>
 */
public final class LogMelFeaturizer implements Featurizer<float[]> {
    private final String name;
    private final String lengthsName;
    private final ModelManifest.LogMel p;
    private final double[] window;      // nFft long, the Hann window centred, zeros elsewhere
    private final double[][] filters;   // [nMels][nFft / 2 + 1]
    private final int[] firstBin, lastBin; // non-zero range of each filter
    private final Fft fft;

    public LogMelFeaturizer(String name, String lengthsName, int sampleRate, ModelManifest.LogMel p) {
        this.name = name;
        this.lengthsName = lengthsName;
        this.p = p;
        int nFft = p.nFft();
        window = new double[nFft];
        int off = (nFft - p.win()) / 2;
        for (int i = 0; i < p.win(); i++) window[off + i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / p.win());
        int bins = nFft / 2 + 1;
        filters = melFilters(p.nMels(), bins, sampleRate, p.fmin(), p.fmax());
        firstBin = new int[p.nMels()];
        lastBin = new int[p.nMels()];
        for (int m = 0; m < p.nMels(); m++) {
            int a = 0, b = -1;
            while (a < bins && filters[m][a] == 0) a++;
            for (int k = bins - 1; k >= 0; k--) {
                if (filters[m][k] != 0) {
                    b = k;
                    break;
                }
            }
            firstBin[m] = a;
            lastBin[m] = b;
        }
        fft = new Fft(nFft);
    }

    static double hzToMel(double f) {
        return 2595.0 * Math.log10(1.0 + f / 700.0);
    }

    static double melToHz(double m) {
        return 700.0 * (Math.pow(10.0, m / 2595.0) - 1.0);
    }

    /** Triangular HTK-mel filters, [nMels][bins], without area normalisation. */
    static double[][] melFilters(int nMels, int bins, int sampleRate, double fmin, double fmax) {
        double[] f = new double[nMels + 2];
        double mMin = hzToMel(fmin), mMax = hzToMel(fmax);
        for (int i = 0; i < f.length; i++) f[i] = melToHz(mMin + (mMax - mMin) * i / (nMels + 1));
        double[][] fb = new double[nMels][bins];
        for (int k = 0; k < bins; k++) {
            double freq = bins == 1 ? 0 : k * (sampleRate / 2.0) / (bins - 1);
            for (int m = 0; m < nMels; m++) {
                double down = (freq - f[m]) / (f[m + 1] - f[m]);
                double up = (f[m + 2] - freq) / (f[m + 2] - f[m + 1]);
                fb[m][k] = Math.max(0, Math.min(down, up));
            }
        }
        return fb;
    }

    /** Frames of a signal of n samples (after centring). */
    public int frames(int n) {
        int len = p.center() ? n + 2 * (p.nFft() / 2) : n;
        return len < p.nFft() ? 1 : 1 + (len - p.nFft()) / p.hop();
    }

    /** The log-mel features of one signal, [frames][nMels]. */
    public float[][] features(float[] x) {
        if (x.length == 0) {
            throw new WorkbenchException("A speech input is empty (zero samples); there is nothing to encode.");
        }
        double[] s = signal(x);
        int nFft = p.nFft();
        int frames = s.length < nFft ? 1 : 1 + (s.length - nFft) / p.hop();
        int bins = nFft / 2 + 1;
        float[][] out = new float[frames][p.nMels()];
        double[] re = new double[nFft], im = new double[nFft], power = new double[bins];
        for (int t = 0; t < frames; t++) {
            int start = t * p.hop();
            for (int i = 0; i < nFft; i++) {
                int j = start + i;
                re[i] = j < s.length ? s[j] * window[i] : 0;
                im[i] = 0;
            }
            fft.transform(re, im);
            for (int k = 0; k < bins; k++) power[k] = re[k] * re[k] + im[k] * im[k];
            for (int m = 0; m < p.nMels(); m++) {
                double e = 0;
                for (int k = firstBin[m]; k <= lastBin[m]; k++) e += filters[m][k] * power[k];
                out[t][m] = (float) Math.log(e + p.logOffset());
            }
        }
        return out;
    }

    private double[] signal(float[] x) {
        int pad = p.center() ? p.nFft() / 2 : 0;
        double[] s = new double[x.length + 2 * pad];
        for (int i = 0; i < x.length; i++) s[pad + i] = x[i];
        if (pad > 0) {
            for (int i = 1; i <= pad; i++) {
                s[pad - i] = x[reflect(-i, x.length)];
                s[pad + x.length - 1 + i] = x[reflect(x.length - 1 + i, x.length)];
            }
        }
        return s;
    }

    /** Index of reflection padding (edge sample not repeated), folded as often as needed for short signals. */
    static int reflect(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        int k = Math.floorMod(i, period);
        return k < n ? k : period - k;
    }

    @Override
    public Batch featurize(List<float[]> inputs) {
        int b = inputs.size();
        List<float[][]> feats = new ArrayList<>(b);
        int max = 0;
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            float[][] f = features(inputs.get(i));
            feats.add(f);
            lengths[i] = f.length;
            max = Math.max(max, f.length);
        }
        int nm = p.nMels();
        float[] data = new float[b * max * nm];
        for (int i = 0; i < b; i++) {
            float[][] f = feats.get(i);
            for (int t = 0; t < f.length; t++) System.arraycopy(f[t], 0, data, (i * max + t) * nm, nm);
        }
        return Batch.padded(OnnxModel.Feed.floats(name, new long[] {b, max, nm}, data), lengthsName, lengths, max);
    }

    @Override
    public int sizeHint(float[] input) {
        return input.length;
    }

    /** In-place complex DFT: iterative radix-2 for powers of two, Bluestein's algorithm otherwise. */
    static final class Fft {
        private final int n;
        private final int m;              // radix-2 size (n itself, or the Bluestein convolution size)
        private final double[] cos, sin;  // twiddles for size m
        private final int[] rev;
        private final double[] wRe, wIm;  // Bluestein chirp, length n
        private final double[] bRe, bIm;  // FFT of the chirp filter, length m

        Fft(int n) {
            this.n = n;
            boolean pow2 = Integer.bitCount(n) == 1;
            m = pow2 ? n : Integer.highestOneBit(2 * n - 1) << 1;
            cos = new double[m / 2];
            sin = new double[m / 2];
            for (int i = 0; i < m / 2; i++) {
                cos[i] = Math.cos(-2 * Math.PI * i / m);
                sin[i] = Math.sin(-2 * Math.PI * i / m);
            }
            rev = new int[m];
            int bits = Integer.numberOfTrailingZeros(m);
            for (int i = 0; i < m; i++) rev[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            if (pow2) {
                wRe = wIm = bRe = bIm = null;
            } else {
                wRe = new double[n];
                wIm = new double[n];
                for (int k = 0; k < n; k++) {
                    long kk = (long) k * k % (2L * n); // exact angle reduction
                    double a = Math.PI * kk / n;
                    wRe[k] = Math.cos(a);
                    wIm[k] = -Math.sin(a);
                }
                bRe = new double[m];
                bIm = new double[m];
                bRe[0] = wRe[0];
                bIm[0] = -wIm[0];
                for (int k = 1; k < n; k++) {
                    bRe[k] = bRe[m - k] = wRe[k];
                    bIm[k] = bIm[m - k] = -wIm[k];
                }
                radix2(bRe, bIm);
            }
        }

        void transform(double[] re, double[] im) {
            if (wRe == null) {
                radix2(re, im);
                return;
            }
            double[] aRe = new double[m], aIm = new double[m];
            for (int k = 0; k < n; k++) {
                aRe[k] = re[k] * wRe[k] - im[k] * wIm[k];
                aIm[k] = re[k] * wIm[k] + im[k] * wRe[k];
            }
            radix2(aRe, aIm);
            for (int k = 0; k < m; k++) {
                double r = aRe[k] * bRe[k] - aIm[k] * bIm[k];
                double i = aRe[k] * bIm[k] + aIm[k] * bRe[k];
                aRe[k] = r;
                aIm[k] = -i; // conjugate, forward FFT, conjugate = inverse (up to 1/m)
            }
            radix2(aRe, aIm);
            for (int k = 0; k < n; k++) {
                double r = aRe[k] / m, i = -aIm[k] / m;
                re[k] = r * wRe[k] - i * wIm[k];
                im[k] = r * wIm[k] + i * wRe[k];
            }
        }

        private void radix2(double[] re, double[] im) {
            for (int i = 0; i < m; i++) {
                int j = rev[i];
                if (j > i) {
                    double t = re[i];
                    re[i] = re[j];
                    re[j] = t;
                    t = im[i];
                    im[i] = im[j];
                    im[j] = t;
                }
            }
            for (int size = 2; size <= m; size <<= 1) {
                int half = size / 2, step = m / size;
                for (int start = 0; start < m; start += size) {
                    for (int k = 0; k < half; k++) {
                        double c = cos[k * step], s = sin[k * step];
                        int a = start + k, b = a + half;
                        double tr = re[b] * c - im[b] * s;
                        double ti = re[b] * s + im[b] * c;
                        re[b] = re[a] - tr;
                        im[b] = im[a] - ti;
                        re[a] += tr;
                        im[a] += ti;
                    }
                }
            }
        }
    }
}
