package org.crossmodal.workbench.encoder;

import java.util.List;
import java.util.Map;

/** A text encoder: words or phrases to vectors (token or character input). */
public final class OnnxTextEncoder extends OnnxEncoder<String> implements TextEncoder {
    OnnxTextEncoder(ModelManifest manifest, OnnxModel model, Featurizer<String> featurizer, EncoderOptions options,
                    boolean builtIn, ModelFiles files, Map<String, String> digests) {
        super(manifest, model, featurizer, options, builtIn, files, digests);
    }

    @Override
    protected String describe(String input) {
        String s = input.length() > 40 ? input.substring(0, 40) + "..." : input;
        return "\"" + s + "\"";
    }

    /**
     * For benchmarks: the same phrases through the featurizer and a direct call of the ONNX session, in fixed
     * batches of {@code batchSize} in input order, without pooling, normalisation, checks or re-ordering.
     * Returns the number of output floats, so the work cannot be optimised away.
     */
    public long runRaw(List<String> phrases, int batchSize) {
        long total = 0;
        for (int i = 0; i < phrases.size(); i += batchSize) {
            Batch b = featurizer.featurize(phrases.subList(i, Math.min(phrases.size(), i + batchSize)));
            total += model.run(b.feeds(), manifest.output().name()).data().length;
        }
        return total;
    }
}
