package org.crossmodal.workbench.encoder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * An encoder backed by an ONNX model described by a {@link ModelManifest}. The pipeline is split in three testable
 * steps: {@link Featurizer} (inputs to padded tensors), {@link OnnxModel#run} and {@link PostProcessing} (pooling
 * with the mask, finiteness check, L2 normalisation). Inputs are sorted by size so that a batch holds inputs of
 * similar length; results come back in input order.
 */
public abstract sealed class OnnxEncoder<I> implements Encoder<I> permits OnnxSpeechEncoder, OnnxTextEncoder {
    /** Upper bound on padded elements per batch (keeps long clips from making huge tensors). */
    static final long MAX_BATCH_ELEMENTS = 16_000_000L;

    protected final ModelManifest manifest;
    protected final OnnxModel model;
    protected final Featurizer<I> featurizer;
    protected final EncoderInfo info;
    private final int batchSize;
    private final boolean padSafe;

    OnnxEncoder(ModelManifest manifest, OnnxModel model, Featurizer<I> featurizer, EncoderOptions options,
                boolean builtIn, ModelFiles files, Map<String, String> fileDigests) {
        this.manifest = manifest;
        this.model = model;
        this.featurizer = featurizer;
        this.batchSize = manifest.maxBatch() > 0 ? Math.min(manifest.maxBatch(), options.batchSize())
                : options.batchSize();
        ModelManifest.Input in = manifest.input();
        this.padSafe = in.lengthsName() != null || in.maskName() != null;
        Map<String, String> prov = new LinkedHashMap<>(manifest.provenance());
        fileDigests.forEach((f, d) -> prov.put("sha256:" + f, d));
        prov.put("input", in.kind().key());
        prov.put("pooling", manifest.output().pooling().key());
        prov.put("normalize", Boolean.toString(manifest.output().normalize()));
        prov.put("threads", Integer.toString(model.threads()));
        prov.put(EncoderInfo.CACHE_KEY, cacheKey(manifest, fileDigests));
        this.info = new EncoderInfo(manifest.name(), manifest.modality(), manifest.output().dimension(),
                manifest.sharedSpace(), model.sha256(), files.folder(), builtIn, prov);
    }

    /** A digest of everything that decides the output: every model file and the manifest's settings. */
    static String cacheKey(ModelManifest m, Map<String, String> fileDigests) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(fileDigests).forEach((f, d) -> sb.append(f).append('=').append(d).append('\n'));
        ModelManifest.Input in = m.input();
        sb.append(in).append('\n').append(m.output()).append('\n');
        return ModelFiles.sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public EncoderInfo info() {
        return info;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The loaded ONNX model (its raw session is there for benchmarks). */
    public OnnxModel model() {
        return model;
    }

    /** Inputs per model call: the options' batch size, capped by the manifest's maxBatch. */
    public int batchSize() {
        return batchSize;
    }

    public Featurizer<I> featurizer() {
        return featurizer;
    }

    /** Describes input i in error messages. */
    protected abstract String describe(I input);

    @Override
    public float[][] encode(List<I> inputs, ProgressListener progress, Cancellation cancel) {
        int n = inputs.size();
        float[][] result = new float[n][];
        if (n == 0) return result;
        int[] size = new int[n];
        for (int i = 0; i < n; i++) size[i] = featurizer.sizeHint(inputs.get(i));
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt(i -> size[i]))
                .toArray(Integer[]::new);
        String stage = "encoding " + manifest.modality().key() + " with " + manifest.name();
        progress.update(stage, 0, n);
        int pos = 0;
        while (pos < n) {
            cancel.check();
            int end = pos + 1;
            while (end < n && end - pos < batchSize) {
                int s = size[order[end]];
                if (!padSafe && s != size[order[pos]]) break;
                if ((long) (end - pos + 1) * Math.max(1, s) > MAX_BATCH_ELEMENTS) break;
                end++;
            }
            List<I> batch = new ArrayList<>(end - pos);
            for (int k = pos; k < end; k++) batch.add(inputs.get(order[k]));
            float[][] vecs = encodeBatch(batch);
            for (int k = pos; k < end; k++) {
                float[] v = vecs[k - pos];
                PostProcessing.requireFinite(v, manifest.name(), order[k], describe(inputs.get(order[k])));
                result[order[k]] = v;
            }
            pos = end;
            progress.update(stage, pos, n);
        }
        return result;
    }

    /** One batch through the three steps; vectors are not yet checked for NaN (encode does that). */
    public float[][] encodeBatch(List<I> batch) {
        Batch b = featurizer.featurize(batch);
        OnnxModel.FloatOutput out = model.run(b.feeds(), manifest.output().name());
        long[] shape = out.shape();
        int rank = manifest.output().pooling() == ModelManifest.Pooling.NONE ? 2 : 3;
        if (shape.length != rank || shape[0] != b.size() || shape[rank - 1] != manifest.output().dimension()) {
            throw new WorkbenchException("Model " + manifest.name() + " returned output '" + manifest.output().name()
                    + "' of shape " + java.util.Arrays.toString(shape) + " for a batch of " + b.size()
                    + "; model.json (" + manifest.origin() + ") expects rank " + rank + " and dimension "
                    + manifest.output().dimension() + ".");
        }
        float[][] vecs = PostProcessing.pool(out.data(), shape, manifest.output().pooling(), b.lengths(),
                b.paddedLength());
        if (manifest.output().normalize()) {
            for (float[] v : vecs) {
                if (PostProcessing.firstNonFinite(v) < 0) PostProcessing.l2Normalize(v);
            }
        }
        return vecs;
    }

    private boolean closed;

    /** Releases the tokenizer and the ONNX session; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            featurizer.close();
        } finally {
            model.close();
        }
    }
}
