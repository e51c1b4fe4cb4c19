package org.crossmodal.workbench.workflow;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.Batch;
import org.crossmodal.workbench.encoder.EncoderOptions;
import org.crossmodal.workbench.encoder.ModelRegistry;
import org.crossmodal.workbench.encoder.OnnxModel;
import org.crossmodal.workbench.encoder.OnnxTextEncoder;

/**
 * Phrases per second of the built-in text encoder through the workbench ({@code TextEncoder.encode}: tokenise,
 * batch by length, run, pool with the mask, normalise, check for NaN) against the same ONNX session called
 * directly: tokenise with the same tokenizer, {@code OrtSession.run}, read the output tensor, with no pooling or
 * checks. The direct path runs twice: with the same length-sorted batches as the workbench (the overhead is
 * measured against this one, so it counts only what the workbench adds around the session) and with batches in
 * input order (what a naive caller gets). Paths are timed in rotating order after a warm-up; medians are reported.
 */
public final class EncodeBenchmark {
    private EncodeBenchmark() { }

    /**
     * @param phrases   inputs (null: {@code count} generated phrases)
     * @param count     generated phrases when {@code phrases} is null
     * @param batchSize phrases per model call in both paths (capped by the model's maxBatch)
     * @param threads   ONNX Runtime threads, 0 for the default
     * @param rounds    timed rounds of each path
     */
    public record Options(Path phrases, int count, int batchSize, int threads, int rounds) {
        public Options {
            if (count < 1) throw new IllegalArgumentException("count must be at least 1, got " + count);
            if (batchSize < 1 || batchSize > 4096) throw new IllegalArgumentException("batch size must be in [1, 4096], got " + batchSize);
            if (threads < 0) throw new IllegalArgumentException("threads must be 0 or more, got " + threads);
            if (rounds < 1 || rounds > 100) throw new IllegalArgumentException("rounds must be in [1, 100], got " + rounds);
        }
    }

    /**
     * @param phrases       phrases per round
     * @param workbenchPps  phrases/s through the workbench (median round)
     * @param directPps     phrases/s calling the ONNX session directly with the workbench's batches (median round)
     * @param overheadPct   (workbench time - direct time) / direct time, in percent; negative when the workbench is faster
     * @param inOrderPps    phrases/s calling the session directly with batches in input order
     * @param workbenchSecs each workbench round in seconds
     * @param directSecs    each direct round in seconds
     */
    public record Result(String model, String sha256, int phrases, int batchSize, int threads, double workbenchPps,
                         double directPps, double overheadPct, double[] workbenchSecs, double[] directSecs,
                         double inOrderPps, double[] inOrderSecs) { }

    public static Result run(Options o, ProgressListener progress, Cancellation cancel) {
        List<String> phrases = o.phrases() != null ? Dataset.readWords(o.phrases()) : generate(o.count());
        try (OnnxTextEncoder enc = ModelRegistry.openMiniLm(new EncoderOptions(o.threads(), o.batchSize()))) {
            OnnxModel model = enc.model();
            String output = enc.manifest().output().name();
            int batch = enc.batchSize(); // the options' size capped by the manifest's maxBatch, as the workbench runs it
            List<List<String>> sorted = batches(sortedByLength(enc, phrases), batch);
            List<List<String>> inOrder = batches(phrases, batch);
            // warm-up: one pass of each, not timed
            progress.update("warming up", 0, 3);
            enc.encode(phrases, ProgressListener.NONE, cancel);
            direct(enc, model, output, sorted, cancel);
            direct(enc, model, output, inOrder, cancel);
            progress.update("warming up", 3, 3);
            double[] wb = new double[o.rounds()], dr = new double[o.rounds()], io = new double[o.rounds()];
            for (int r = 0; r < o.rounds(); r++) {
                cancel.check();
                progress.update("timing", r, o.rounds());
                for (int k = 0; k < 3; k++) {
                    switch ((r + k) % 3) {
                        case 0 -> wb[r] = timeWorkbench(enc, phrases, cancel);
                        case 1 -> dr[r] = timeDirect(enc, model, output, sorted, cancel);
                        default -> io[r] = timeDirect(enc, model, output, inOrder, cancel);
                    }
                }
            }
            progress.update("timing", o.rounds(), o.rounds());
            double mw = median(wb), md = median(dr), mi = median(io);
            return new Result(enc.info().name(), enc.info().sha256(), phrases.size(), batch, model.threads(),
                    phrases.size() / mw, phrases.size() / md, 100 * (mw - md) / md, wb, dr, phrases.size() / mi, io);
        }
    }

    /** The phrases in the order the workbench batches them: by the featurizer's size hint, stable. */
    static List<String> sortedByLength(OnnxTextEncoder enc, List<String> phrases) {
        List<String> s = new ArrayList<>(phrases);
        s.sort(java.util.Comparator.comparingInt(p -> enc.featurizer().sizeHint(p)));
        return s;
    }

    static List<List<String>> batches(List<String> phrases, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < phrases.size(); i += size) out.add(phrases.subList(i, Math.min(phrases.size(), i + size)));
        return out;
    }

    private static double timeWorkbench(OnnxTextEncoder enc, List<String> phrases, Cancellation cancel) {
        long t = System.nanoTime();
        float[][] v = enc.encode(phrases, ProgressListener.NONE, cancel);
        double s = (System.nanoTime() - t) / 1e9;
        if (v.length != phrases.size()) throw new IllegalStateException("encoder returned " + v.length + " rows");
        return s;
    }

    private static double timeDirect(OnnxTextEncoder enc, OnnxModel model, String output, List<List<String>> batches,
                                     Cancellation cancel) {
        long t = System.nanoTime();
        long floats = direct(enc, model, output, batches, cancel);
        double s = (System.nanoTime() - t) / 1e9;
        if (floats <= 0) throw new IllegalStateException("no output");
        return s;
    }

    /** Tokenise with the encoder's featurizer, then call OrtSession.run ourselves; returns output floats read. */
    static long direct(OnnxTextEncoder enc, OnnxModel model, String output, List<List<String>> batches, Cancellation cancel) {
        OrtEnvironment env = model.environment();
        OrtSession session = model.session();
        long total = 0;
        for (List<String> batch : batches) {
            cancel.check();
            Batch b = enc.featurizer().featurize(batch);
            Map<String, OnnxTensor> in = new LinkedHashMap<>();
            try {
                for (OnnxModel.Feed f : b.feeds()) {
                    in.put(f.name(), f.floats() != null ? OnnxTensor.createTensor(env, FloatBuffer.wrap(f.floats()), f.shape())
                            : OnnxTensor.createTensor(env, LongBuffer.wrap(f.longs()), f.shape()));
                }
                try (OrtSession.Result r = session.run(in, java.util.Set.of(output))) {
                    OnnxValue v = r.get(output).orElseThrow();
                    FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
                    float[] data = new float[fb.remaining()];
                    fb.get(data);
                    total += data.length;
                }
            } catch (OrtException e) {
                throw new WorkbenchException("ONNX Runtime failed in the direct benchmark path: " + e.getMessage(), e);
            } finally {
                in.values().forEach(OnnxTensor::close);
            }
        }
        return total;
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Reproducible phrases of one to six words from a fixed vocabulary (seed 1). */
    static List<String> generate(int count) {
        String[] vocab = ("the a small large red green quick slow river mountain city village music language speech "
                + "text model space word sound voice morning evening night day walks sings reads writes listens "
                + "carefully quietly again together under over near far bright dark old new").split(" ");
        Random r = new Random(1);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = 1 + r.nextInt(6);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < n; k++) {
                if (k > 0) b.append(' ');
                b.append(vocab[r.nextInt(vocab.length)]);
            }
            out.add(b.toString());
        }
        return out;
    }
}
