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
 * @param sha256      SHA-256 of the ONNX file (hex), the cache key together with the input digest
 * @param folder      the model folder, or null for a model loaded from the class path
 * @param builtIn     whether it ships with the workbench
 * @param provenance  manifest provenance: source, license, training data, metrics
 */
public record EncoderInfo(String name, Modality modality, int dimension, String sharedSpace, String sha256,
                          Path folder, boolean builtIn, Map<String, String> provenance) {
}
