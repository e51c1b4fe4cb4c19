package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
