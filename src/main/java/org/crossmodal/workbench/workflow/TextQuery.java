package org.crossmodal.workbench.workflow;

import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.TextEncoder;

/**
 * A text written for another text tower of the speech model's space than the session's own, brought into the
 * session: the phoneme tower {@code builtin-ipa} reads IPA into the space of {@code builtin-speech}, so an IPA string
 * can be looked up among a session's recordings without an alignment.
 */
public final class TextQuery {
    private TextQuery() { }

    /**
     * The vector of text by model, comparable with the context's recordings.
     *
     * @throws WorkbenchException when the text is blank, the context goes through an alignment, or the model does not
     *                            share the speech space's shared space or dimension
     */
    public static float[] vector(RetrievalContext ctx, String text, String model, EncoderProvider encoders) {
        if (text == null || text.isBlank()) {
            throw new WorkbenchException("The query text is empty: give the text to look up, for example --ipa \"h\u0259l\u02c8o\u028a\".");
        }
        if (ctx.alignment() != null) {
            throw new WorkbenchException("A query through model '" + model + "' compares it with the recordings in their own shared "
                    + "space, but this session is read through alignment '" + ctx.alignment() + "'; use a session of the "
                    + "built-in towers, which needs no alignment.");
        }
        String speechSpace = ctx.pair().speech().sharedSpace();
        if (speechSpace == null) {
            throw new WorkbenchException("The recordings of '" + ctx.pair().speech().space() + "' declare no shared space, so no "
                    + "other text tower can be compared with them; model '" + model + "' needs a session of the speech model it "
                    + "was trained with.");
        }
        try (TextEncoder enc = encoders.openText(model, null, 0)) {
            String shared = enc.info().sharedSpace();
            if (shared == null || !shared.equals(speechSpace)) {
                throw new WorkbenchException("Model '" + model + "' encodes into shared space '" + shared + "' but the recordings of '"
                        + ctx.pair().speech().space() + "' are in '" + speechSpace + "', so its texts cannot be compared with them; "
                        + "pick a text model of the speech model's space (workbench models lists them).");
            }
            if (enc.info().dimension() != ctx.pair().d()) {
                throw new WorkbenchException("Model '" + model + "' gives " + enc.info().dimension() + " dimensions but the session's "
                        + "spaces have " + ctx.pair().d() + ".");
            }
            return enc.encodeOne(text);
        }
    }
}
