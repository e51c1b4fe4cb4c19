package org.crossmodal.workbench.encoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * A model folder's {@code model.json} (see docs/formats.md), parsed and validated. Every error names the file.
 *
 * @param format      manifest format version (1)
 * @param name        model name
 * @param modality    speech or text
 * @param onnx        ONNX file name, relative to the folder
 * @param input       what the model reads
 * @param output      what it returns and how to pool it
 * @param sharedSpace id shared by towers trained together, or null
 * @param threads     intra-op threads the model suggests (0 = let the workbench choose)
 * @param provenance  source, license, training data, metrics (free text)
 * @param origin      where the manifest was read from, for messages (a path or "class path:...")
 * @param maxBatch    the largest batch whose results do not depend on the other inputs in it (0 = no limit);
 *                    1 for dynamically quantised models, whose activation scales are computed over the whole batch
 */
public record ModelManifest(int format, String name, Modality modality, String onnx, Input input, Output output,
                            String sharedSpace, int threads, Map<String, String> provenance, String origin,
                            int maxBatch) {

    /** The newest manifest format this version reads. */
    public static final int FORMAT = 1;

    public enum InputKind {
        WAVEFORM, LOGMEL, TOKENS, CHARACTERS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Pooling {
        NONE, MEAN, FIRST;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Log-mel front-end parameters (input kind {@code logmel}); see {@link LogMelFeaturizer} for the definition.
     *
     * @param center pad the signal by nFft / 2 on both sides by reflection before framing (torch.stft center=True)
     */
    public record LogMel(int nMels, int nFft, int hop, int win, double fmin, double fmax, double logOffset,
                         boolean center) {
    }

    /**
     * @param kind        waveform, logmel, tokens or characters
     * @param name        the ONNX input holding the data
     * @param lengthsName optional int64 [batch] input of valid lengths (waveform, logmel, characters), or null
     * @param maskName    int64 attention mask input (tokens), or null
     * @param typeIdsName optional int64 token type ids input (tokens), or null
     * @param sampleRate  waveform and logmel: the rate the model expects; 0 otherwise
     * @param logMel      logmel parameters, or null
     * @param tokenizer   tokens: the tokenizer.json file in the folder, or null
     * @param maxLength   tokens, characters: the longest sequence (longer input is truncated); 0 = no limit
     * @param alphabet    characters: the alphabet; alphabet[i] has id i + 2 (0 = padding, 1 = unknown)
     * @param lowercase   characters: lower-case the text first
     */
    public record Input(InputKind kind, String name, String lengthsName, String maskName, String typeIdsName,
                        int sampleRate, LogMel logMel, String tokenizer, int maxLength, String alphabet,
                        boolean lowercase) {
    }

    /**
     * @param name      the ONNX output holding the vectors
     * @param pooling   none ([batch, dim] output), mean or first (over [batch, steps, dim])
     * @param normalize scale each vector to unit L2 length
     * @param dimension the vector size
     */
    public record Output(String name, Pooling pooling, boolean normalize, int dimension) {
    }

    public ModelManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance == null ? Map.of() : provenance));
        origin = origin == null ? name : origin;
        if (maxBatch < 0) throw new IllegalArgumentException("maxBatch must not be negative, got " + maxBatch);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads and validates a {@code model.json} file. */
    public static ModelManifest read(Path modelJson) {
        String text;
        try {
            text = Files.readString(modelJson);
        } catch (NoSuchFileException e) {
            throw new WorkbenchException("Model manifest not found: " + modelJson
                    + ". A model folder needs a model.json (see docs/formats.md).", e);
        } catch (IOException e) {
            throw new WorkbenchException("Could not read model manifest " + modelJson + ": " + e.getMessage(), e);
        }
        return parse(text, modelJson.toString());
    }

    /** Parses and validates manifest text; {@code origin} names it in errors. */
    public static ModelManifest parse(String json, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new WorkbenchException("Model manifest " + origin + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + "). Fix the file (see docs/formats.md).", e);
        }
        if (root == null || !root.isObject()) {
            throw new WorkbenchException("Model manifest " + origin + " must hold a JSON object (see docs/formats.md).");
        }
        P p = new P(origin);
        int format = p.integer(root, "format", true, 1);
        if (format > FORMAT) {
            throw new WorkbenchException("Model manifest " + origin + " has format " + format + ", newer than this"
                    + " workbench reads (" + FORMAT + "). Update the workbench.");
        }
        if (format < 1) throw p.bad("format", "must be 1 or more");
        String name = p.text(root, "name", true);
        if (name.isBlank()) throw p.bad("name", "must not be blank");
        Modality modality;
        try {
            modality = Modality.parse(p.text(root, "modality", true));
        } catch (IllegalArgumentException e) {
            throw p.bad("modality", "must be \"speech\" or \"text\"");
        }
        String onnx = p.text(root, "onnx", true);
        if (onnx.isBlank()) throw p.bad("onnx", "must name the ONNX file");

        JsonNode in = p.object(root, "input");
        String kindText = p.text(in, "kind", true, "input.kind");
        InputKind kind;
        try {
            kind = InputKind.valueOf(kindText.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw p.bad("input.kind", "is '" + kindText + "'; use waveform, logmel, tokens or characters");
        }
        String inName = p.text(in, "name", true, "input.name");
        String lengthsName = p.text(in, "lengthsName", false, "input.lengthsName");
        String maskName = p.text(in, "maskName", false, "input.maskName");
        String typeIdsName = p.text(in, "typeIdsName", false, "input.typeIdsName");
        int sampleRate = 0;
        LogMel logMel = null;
        String tokenizer = null;
        int maxLength = p.integer(in, "maxLength", false, 0, "input.maxLength");
        if (maxLength < 0) throw p.bad("input.maxLength", "must not be negative");
        String alphabet = null;
        boolean lowercase = false;
        switch (kind) {
            case WAVEFORM -> sampleRate = p.positive(in, "sampleRate", "input.sampleRate");
            case LOGMEL -> {
                sampleRate = p.positive(in, "sampleRate", "input.sampleRate");
                int nMels = p.positive(in, "nMels", "input.nMels");
                int nFft = p.positive(in, "nFft", "input.nFft");
                int hop = p.positive(in, "hop", "input.hop");
                int win = p.integer(in, "win", false, nFft, "input.win");
                if (win <= 0 || win > nFft) throw p.bad("input.win", "must be in [1, nFft]");
                double fmin = p.number(in, "fmin", 0, "input.fmin");
                double fmax = p.number(in, "fmax", sampleRate / 2.0, "input.fmax");
                if (!(fmin >= 0 && fmin < fmax && fmax <= sampleRate / 2.0)) {
                    throw p.bad("input.fmin/fmax", "must satisfy 0 <= fmin < fmax <= sampleRate / 2");
                }
                double logOffset = p.number(in, "logOffset", 1e-6, "input.logOffset");
                if (!(logOffset > 0)) throw p.bad("input.logOffset", "must be positive");
                boolean center = p.bool(in, "center", false, "input.center");
                if (nFft > 1 << 16) throw p.bad("input.nFft", "must be at most 65536");
                logMel = new LogMel(nMels, nFft, hop, win, fmin, fmax, logOffset, center);
            }
            case TOKENS -> {
                tokenizer = p.text(in, "tokenizer", true, "input.tokenizer");
                if (maskName == null) throw p.bad("input.maskName", "is required for token input");
            }
            case CHARACTERS -> {
                alphabet = p.text(in, "alphabet", true, "input.alphabet");
                if (alphabet.isEmpty()) throw p.bad("input.alphabet", "must not be empty");
                if (alphabet.codePoints().distinct().count() != alphabet.codePointCount(0, alphabet.length())) {
                    throw p.bad("input.alphabet", "has a repeated character");
                }
                lowercase = p.bool(in, "lowercase", false, "input.lowercase");
            }
        }
        if (kind != InputKind.TOKENS && maskName != null) {
            throw p.bad("input.maskName", "is only used with token input; use lengthsName");
        }
        Input input = new Input(kind, inName, lengthsName, maskName, typeIdsName, sampleRate, logMel, tokenizer,
                maxLength, alphabet, lowercase);
        if ((kind == InputKind.TOKENS || kind == InputKind.CHARACTERS) != (modality == Modality.TEXT)) {
            throw p.bad("input.kind", "'" + kind.key() + "' does not fit modality " + modality.key());
        }

        JsonNode out = p.object(root, "output");
        String outName = p.text(out, "name", true, "output.name");
        String poolText = p.text(out, "pooling", false, "output.pooling");
        Pooling pooling;
        try {
            pooling = poolText == null ? Pooling.NONE : Pooling.valueOf(poolText.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw p.bad("output.pooling", "is '" + poolText + "'; use none, mean or first");
        }
        boolean normalize = p.bool(out, "normalize", false, "output.normalize");
        int dimension = p.positive(out, "dimension", "output.dimension");
        Output output = new Output(outName, pooling, normalize, dimension);

        String sharedSpace = p.text(root, "sharedSpace", false);
        if (sharedSpace != null && sharedSpace.isBlank()) sharedSpace = null;
        int threads = p.integer(root, "threads", false, 0);
        if (threads < 0 || threads > 1024) throw p.bad("threads", "must be in [0, 1024]");
        int maxBatch = p.integer(root, "maxBatch", false, 0);
        if (maxBatch < 0) throw p.bad("maxBatch", "must not be negative (0 = no limit)");
        Map<String, String> prov = new LinkedHashMap<>();
        JsonNode pn = root.get("provenance");
        if (pn != null && !pn.isNull()) {
            if (!pn.isObject()) throw p.bad("provenance", "must be an object of text fields");
            for (Iterator<Map.Entry<String, JsonNode>> it = pn.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                prov.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
        }
        return new ModelManifest(format, name.trim(), modality, onnx, input, output, sharedSpace, threads, prov, origin,
                maxBatch);
    }

    /** Field readers whose errors name the manifest. */
    private record P(String origin) {
        WorkbenchException bad(String field, String what) {
            return new WorkbenchException("Model manifest " + origin + ": field '" + field + "' " + what
                    + ". Fix the file (see docs/formats.md).");
        }

        JsonNode object(JsonNode parent, String field) {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) throw bad(field, "is missing");
            if (!n.isObject()) throw bad(field, "must be an object");
            return n;
        }

        String text(JsonNode parent, String field, boolean required) {
            return text(parent, field, required, field);
        }

        String text(JsonNode parent, String field, boolean required, String path) {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) {
                if (required) throw bad(path, "is missing");
                return null;
            }
            if (!n.isTextual()) throw bad(path, "must be a string");
            return n.asText();
        }

        int integer(JsonNode parent, String field, boolean required, int dflt) {
            return integer(parent, field, required, dflt, field);
        }

        int integer(JsonNode parent, String field, boolean required, int dflt, String path) {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) {
                if (required) throw bad(path, "is missing");
                return dflt;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt()) throw bad(path, "must be an integer");
            return n.asInt();
        }

        int positive(JsonNode parent, String field, String path) {
            int v = integer(parent, field, true, 0, path);
            if (v <= 0) throw bad(path, "must be positive, got " + v);
            return v;
        }

        double number(JsonNode parent, String field, double dflt, String path) {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) return dflt;
            if (!n.isNumber()) throw bad(path, "must be a number");
            return n.asDouble();
        }

        boolean bool(JsonNode parent, String field, boolean dflt, String path) {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) return dflt;
            if (!n.isBoolean()) throw bad(path, "must be true or false");
            return n.asBoolean();
        }
    }
}
