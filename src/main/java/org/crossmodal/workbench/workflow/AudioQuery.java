package org.crossmodal.workbench.workflow;

import java.nio.file.Files;
import java.nio.file.Path;

import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.session.Session;

/** Encodes a new recording with the model of the session's speech space and brings it into a retrieval context's space. */
public final class AudioQuery {
    private AudioQuery() { }

    public static float[] vector(Session s, RetrievalContext ctx, Path file, EncoderProvider encoders, AudioInput audio) {
        if (!Files.isRegularFile(file)) throw new WorkbenchException("Audio file " + file + " does not exist or is not a file.");
        LinearMap map = ctx.alignment() == null ? null : s.alignments().get(ctx.alignment());
        EmbeddingSet raw = map == null ? ctx.pair().speech() : s.space(map.sourceSpace());
        if (raw == null) throw new WorkbenchException("The speech space of alignment '" + ctx.alignment() + "' is missing from the session.");
        String model = raw.space().startsWith("speech:") ? raw.space().substring("speech:".length()) : raw.space();
        boolean trim = "true".equals(raw.provenance() == null ? null : raw.provenance().get("trimSilence"));
        float[] v;
        try (SpeechEncoder enc = encoders.openSpeech(model, 0)) {
            if (enc.info().dimension() != raw.dim()) {
                throw new WorkbenchException("Model '" + model + "' gives " + enc.info().dimension() + " dimensions but space '"
                        + raw.space() + "' has " + raw.dim() + "; the session was made with another model.");
            }
            v = enc.encodeOne(audio.load(file, enc.sampleRate(), trim));
        }
        if (map == null) return v;
        if (map.preprocessing() != null) {
            // the mean and projection the alignment was fitted with, even when items were added since
            return AlignmentWorkflow.alignSource(map, new float[][] {v}, "recording " + file.getFileName())[0];
        }
        // preprocess like the session's recordings: unit, minus the mean of the unit rows, unit; then the map
        int d = raw.dim();
        float[] unitRows = org.crossmodal.workbench.retrieval.Vectors.normalizedRows(raw.data(), raw.size(), d, raw.space(), raw.itemIds());
        float[] mean = AlignmentWorkflow.mean(unitRows, raw.size(), d);
        float[] u = org.crossmodal.workbench.retrieval.Vectors.normalizedRows(v, 1, d, "recording " + file.getFileName(), null);
        float[] c = AlignmentWorkflow.centreUnit(u, 1, d, mean, "recording " + file.getFileName());
        return map.apply(c);
    }
}
