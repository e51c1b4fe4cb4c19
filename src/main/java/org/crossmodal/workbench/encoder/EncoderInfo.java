package org.crossmodal.workbench.encoder;

import java.nio.file.Path;
import java.util.Map;

import org.crossmodal.workbench.core.Modality;

/**
 * Describes a loaded encoder.
 *
 * @param name        model name from its manifest
 * @param modality    speech or text
 * @param dimension   output vector size
 * @param sharedSpace id shared by towers trained together (no alignment needed), or null
 * @param sha256      SHA-256 of the ONNX file (hex); see {@link #cacheKey()} for the key that also covers the
 *                    tokenizer and the manifest's settings
 * @param folder      the model folder, or null for a model loaded from the class path
 * @param builtIn     whether it ships with the workbench
 * @param provenance  manifest provenance (source, license, training data, metrics), plus "sha256:FILE" for
 *                    every model file, the input kind, pooling, normalisation, threads and {@value #CACHE_KEY}
 */
public record EncoderInfo(String name, Modality modality, int dimension, String sharedSpace, String sha256,
                          Path folder, boolean builtIn, Map<String, String> provenance) {
    /** Provenance key of the digest over every model file and the settings that decide the output. */
    public static final String CACHE_KEY = "cacheKey";

    public EncoderInfo {
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance == null ? Map.of() : provenance));
    }

    /**
     * The key to cache embeddings under (together with the input's digest): a SHA-256 over every model file
     * (ONNX, tokenizer) and the manifest's input and output settings; the ONNX SHA-256 when not known.
     */
    public String cacheKey() {
        return provenance.getOrDefault(CACHE_KEY, sha256);
    }
}
