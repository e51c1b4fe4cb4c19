package org.crossmodal.workbench.probe;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.encoder.EncoderInfo;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;

/** Encoders with planted behaviour for the probe tests. */
public final class Planted {
    private Planted() { }

    public static final int DIM = 32;

    /** A unit vector that is a hash of the string: any change gives an unrelated vector. */
    public static float[] hashVector(String s, int dim) {
        SplittableRandom r = new SplittableRandom(Seeds.stringHash(s));
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) v[i] = (float) r.nextGaussian();
        return Vectors.normalized(v);
    }

    static EncoderInfo info(String name, Modality m, int dim) {
        return new EncoderInfo(name, m, dim, "planted", "0".repeat(64), null, false, Map.of());
    }

    /** A text encoder computing a function of each string, counting calls and checking cancel per input. */
    public static class FnText implements TextEncoder {
        final Function<String, float[]> fn;
        final String name;
        public final AtomicInteger encoded = new AtomicInteger();
        public Runnable afterEach = () -> { };

        public FnText(String name, Function<String, float[]> fn) {
            this.name = name;
            this.fn = fn;
        }

        @Override
        public EncoderInfo info() {
            return Planted.info(name, Modality.TEXT, DIM);
        }

        @Override
        public float[][] encode(List<String> inputs, ProgressListener progress, Cancellation cancel) {
            float[][] out = new float[inputs.size()][];
            for (int i = 0; i < inputs.size(); i++) {
                cancel.check();
                out[i] = fn.apply(inputs.get(i));
                encoded.incrementAndGet();
                afterEach.run();
                progress.update("encode", i + 1, inputs.size());
            }
            return out;
        }

        @Override
        public void close() { }
    }

    public static FnText hashText() {
        return new FnText("hash", s -> hashVector(s, DIM));
    }

    /** Ignores its input: always the same vector. */
    static FnText constantText(float[] v) {
        return new FnText("constant", s -> v.clone());
    }

    /**
     * A linear speech encoder: the vector is the projection of the waveform onto DIM orthonormal random patterns.
     * {@link #synth} makes the waveform whose projection is a given vector, so a recording of a word can carry
     * exactly the text vector of that word, and added noise moves the vector smoothly.
     */
    public static class ProjectionSpeech implements SpeechEncoder {
        final int length;
        final double[][] patterns;
        public final AtomicInteger encoded = new AtomicInteger();

        public ProjectionSpeech(int length, long seed) {
            this.length = length;
            SplittableRandom r = new SplittableRandom(seed);
            patterns = new double[DIM][length];
            for (int k = 0; k < DIM; k++) {
                for (int t = 0; t < length; t++) patterns[k][t] = r.nextGaussian();
                for (int j = 0; j < k; j++) {
                    double d = 0;
                    for (int t = 0; t < length; t++) d += patterns[k][t] * patterns[j][t];
                    for (int t = 0; t < length; t++) patterns[k][t] -= d * patterns[j][t];
                }
                double n = 0;
                for (int t = 0; t < length; t++) n += patterns[k][t] * patterns[k][t];
                n = Math.sqrt(n);
                for (int t = 0; t < length; t++) patterns[k][t] /= n;
            }
        }

        /** A waveform carrying vector v (scaled to a speech-like RMS of about 0.1). */
        public float[] synth(float[] v) {
            double[] w = new double[length];
            for (int k = 0; k < DIM; k++) for (int t = 0; t < length; t++) w[t] += v[k] * patterns[k][t];
            double rms = 0;
            for (double x : w) rms += x * x;
            rms = Math.sqrt(rms / length);
            float[] out = new float[length];
            for (int t = 0; t < length; t++) out[t] = (float) (w[t] / rms * 0.1);
            return out;
        }

        @Override
        public int sampleRate() {
            return 16000;
        }

        @Override
        public EncoderInfo info() {
            return Planted.info("projection", Modality.SPEECH, DIM);
        }

        @Override
        public float[][] encode(List<float[]> inputs, ProgressListener progress, Cancellation cancel) {
            float[][] out = new float[inputs.size()][];
            for (int i = 0; i < inputs.size(); i++) {
                cancel.check();
                float[] w = inputs.get(i);
                float[] v = new float[DIM];
                for (int k = 0; k < DIM; k++) {
                    double d = 0;
                    for (int t = 0; t < Math.min(length, w.length); t++) d += w[t] * patterns[k][t];
                    v[k] = (float) d;
                }
                out[i] = v;
                encoded.incrementAndGet();
                progress.update("encode", i + 1, inputs.size());
            }
            return out;
        }

        @Override
        public void close() { }
    }

    /**
     * A planted voice: word k of {@link #TONE_WORDS} is spoken as a pure tone at 200·1.25^k Hz, and a tone of frequency f
     * is heard at the angle (π/8)·log(f / 200) / log(1.25) in the plane of the first two axes, so word k sits at kπ/8 and
     * a factor a turns every recording by (π/8)·log(a) / log(1.25): its matched cosine becomes cos of that, and it is
     * still heard as its own word while the turn is under half a step, i.e. for a within (1.25^-0.5, 1.25^0.5) =
     * (0.894, 1.118). The eight words span less than a half turn, so the lowest word lowered and the highest raised stay
     * nearest to themselves.
     */
    public static final List<String> TONE_WORDS = List.of("one", "two", "three", "four", "five", "six", "seven", "eight");
    public static final double TONE_BASE_HZ = 200, TONE_STEP = 1.25;

    /** The tone of word k of {@link #TONE_WORDS}, in Hz. */
    public static double toneHz(int k) {
        return TONE_BASE_HZ * Math.pow(TONE_STEP, k);
    }

    /** Where a tone of this frequency is heard (radians). */
    public static double toneAngle(double hz) {
        return Math.PI / 8 * Math.log(hz / TONE_BASE_HZ) / Math.log(TONE_STEP);
    }

    /** The unit vector at an angle in the plane of the first two of DIM axes. */
    public static float[] angleVector(double angle) {
        float[] v = new float[DIM];
        v[0] = (float) Math.cos(angle);
        v[1] = (float) Math.sin(angle);
        return v;
    }

    /** The text vector of a word of {@link #TONE_WORDS} (any other string: a hash vector). */
    public static float[] toneText(String word) {
        int k = TONE_WORDS.indexOf(word);
        return k < 0 ? hashVector(word, DIM) : angleVector(k * Math.PI / 8);
    }

    /** A pure tone of amplitude 0.3 at 16 kHz. */
    public static float[] tone(double hz, int samples) {
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / 16000));
        return x;
    }

    /**
     * The frequency of a tone at 16 kHz from its zero crossings (located by linear interpolation between samples): half
     * the number of crossings between the first and the last, over the time between them. NaN without two crossings.
     */
    public static double dominantHz(float[] x) {
        double first = Double.NaN, last = Double.NaN;
        int crossings = 0;
        for (int i = 1; i < x.length; i++) {
            if ((x[i - 1] < 0) != (x[i] < 0)) {
                double t = i - 1 + x[i - 1] / (double) (x[i - 1] - x[i]);
                if (crossings == 0) first = t;
                last = t;
                crossings++;
            }
        }
        return crossings < 2 ? Double.NaN : (crossings - 1) / 2.0 / ((last - first) / 16000);
    }

    /**
     * The planted speech encoder of the tone voice: hears the dominant frequency of its input (16 kHz), whatever its
     * length or loudness, at {@link #toneAngle}; an input without two zero crossings is heard at angle 0.
     */
    public static class ToneSpeech implements SpeechEncoder {
        public final AtomicInteger encoded = new AtomicInteger();

        @Override
        public int sampleRate() {
            return 16000;
        }

        @Override
        public EncoderInfo info() {
            return Planted.info("tone", Modality.SPEECH, DIM);
        }

        @Override
        public float[][] encode(List<float[]> inputs, ProgressListener progress, Cancellation cancel) {
            float[][] out = new float[inputs.size()][];
            for (int i = 0; i < inputs.size(); i++) {
                cancel.check();
                double hz = dominantHz(inputs.get(i));
                out[i] = angleVector(Double.isNaN(hz) ? 0 : toneAngle(hz));
                encoded.incrementAndGet();
                progress.update("encode", i + 1, inputs.size());
            }
            return out;
        }

        @Override
        public void close() { }
    }

    /** Letter counts (a-z) as a unit vector: a smooth text encoder whose score falls with each replaced letter. */
    static float[] letterBag(String s) {
        float[] v = new float[DIM];
        for (char c : s.toLowerCase(java.util.Locale.ROOT).toCharArray()) if (c >= 'a' && c <= 'z') v[c - 'a'] += 1;
        return Vectors.normalized(v);
    }

    static Item rec(String id, String transcript, String speaker) {
        return new Item(id, Modality.SPEECH, transcript, id + ".wav", speaker);
    }

    /** Recordings of words, one per word, with speakers cycling a, b. */
    static List<Item> recordings(List<String> words) {
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) out.add(rec("r" + i, words.get(i), i % 2 == 0 ? "a" : "b"));
        return out;
    }

    /** Speech vectors that equal the hash text vector of each transcript. */
    static float[][] hashSpeech(List<Item> items) {
        float[][] v = new float[items.size()][];
        for (int i = 0; i < items.size(); i++) v[i] = hashVector(items.get(i).label(), DIM);
        return v;
    }

    /** A view of the waveforms that adds to {@code read} the index of each waveform read, as a lazy list would load it. */
    static List<float[]> recordingReads(List<float[]> waveforms, Set<Integer> read) {
        return new AbstractList<>() {
            @Override
            public float[] get(int i) {
                read.add(i);
                return waveforms.get(i);
            }

            @Override
            public int size() {
                return waveforms.size();
            }
        };
    }
}
