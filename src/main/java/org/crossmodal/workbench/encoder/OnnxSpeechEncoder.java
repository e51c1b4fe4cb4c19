package org.crossmodal.workbench.encoder;

import java.util.Map;

/** A speech encoder: mono waveforms at {@link #sampleRate()} to vectors. */
public final class OnnxSpeechEncoder extends OnnxEncoder<float[]> implements SpeechEncoder {
    OnnxSpeechEncoder(ModelManifest manifest, OnnxModel model, Featurizer<float[]> featurizer, EncoderOptions options,
                      boolean builtIn, ModelFiles files, Map<String, String> digests) {
        super(manifest, model, featurizer, options, builtIn, files, digests);
    }

    @Override
    public int sampleRate() {
        return manifest.input().sampleRate();
    }

    @Override
    protected String describe(float[] input) {
        return input.length + " samples";
    }
}
