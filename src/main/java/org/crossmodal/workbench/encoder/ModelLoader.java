package org.crossmodal.workbench.encoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.WorkbenchException;

/** Opens encoders from model folders or class-path models, validating the manifest against the ONNX model. */
public final class ModelLoader {
    private ModelLoader() {
    }

    /** Reads the manifest of a model folder; the error says when the folder or its model.json is missing. */
    public static ModelManifest readFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new WorkbenchException("Model folder not found: " + folder + ". Give a model name from"
                    + " 'workbench models' or the path of a folder holding model.json.");
        }
        Path json = folder.resolve("model.json");
        if (!Files.isRegularFile(json)) {
            throw new WorkbenchException("Model folder " + folder + " has no model.json. A model folder needs a"
                    + " model.json naming its ONNX file, input and output (see docs/formats.md).");
        }
        return ModelManifest.read(json);
    }

    /** Opens any encoder described by a manifest. */
    public static OnnxEncoder<?> open(ModelFiles files, ModelManifest m, EncoderOptions options, boolean builtIn) {
        Map<String, String> digests = new LinkedHashMap<>();
        ModelManifest.Input in = m.input();
        // check the other files before the (slow) model load
        if (in.tokenizer() != null && !files.exists(in.tokenizer())) {
            throw new WorkbenchException("Model file not found: " + files.describe(in.tokenizer()) + ". The tokenizer"
                    + " named in " + m.origin() + " (input.tokenizer) is missing; copy it into the model folder.");
        }
        OnnxModel model = OnnxModel.load(files, m.onnx(), options.resolveThreads(m.threads()));
        try {
            model.validate(m);
            digests.put(m.onnx(), model.sha256());
            if (in.tokenizer() != null) digests.put(in.tokenizer(), files.sha256(in.tokenizer()));
            return switch (in.kind()) {
                case WAVEFORM -> new OnnxSpeechEncoder(m, model, new WaveformFeaturizer(in.name(), in.lengthsName()),
                        options, builtIn, files, digests);
                case LOGMEL -> new OnnxSpeechEncoder(m, model, new LogMelFeaturizer(in.name(), in.lengthsName(),
                        in.sampleRate(), in.logMel()), options, builtIn, files, digests);
                case TOKENS -> new OnnxTextEncoder(m, model, new TokenFeaturizer(files, in.tokenizer(), in.maxLength(),
                        in.name(), in.maskName(), in.typeIdsName()), options, builtIn, files, digests);
                case CHARACTERS -> new OnnxTextEncoder(m, model, new CharacterFeaturizer(in.name(), in.lengthsName(),
                        in.alphabet(), in.lowercase(), in.maxLength()), options, builtIn, files, digests);
            };
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Opens a speech encoder from a model folder. */
    public static OnnxSpeechEncoder openSpeech(Path folder, EncoderOptions options) {
        ModelManifest m = readFolder(folder);
        requireModality(m, Modality.SPEECH);
        return (OnnxSpeechEncoder) open(ModelFiles.folder(folder), m, options, false);
    }

    /** Opens a text encoder from a model folder. */
    public static OnnxTextEncoder openText(Path folder, EncoderOptions options) {
        ModelManifest m = readFolder(folder);
        requireModality(m, Modality.TEXT);
        return (OnnxTextEncoder) open(ModelFiles.folder(folder), m, options, false);
    }

    static void requireModality(ModelManifest m, Modality want) {
        if (m.modality() != want) {
            throw new WorkbenchException("Model " + m.name() + " (" + m.origin() + ") is a " + m.modality().key()
                    + " model, but a " + want.key() + " model is needed here. Choose a " + want.key()
                    + " model (see 'workbench models').");
        }
    }
}
