package org.crossmodal.workbench.workflow;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.encoder.TextEncoder;
import org.crossmodal.workbench.retrieval.RetrievalOptions;

/**
 * A text written for another text tower of the speech model's space than the session's own, brought into the
 * session: the phoneme tower {@code builtin-ipa} reads IPA into the space of {@code builtin-speech}, so an IPA string
 * can be looked up among a session's recordings without an alignment.
 */
public final class TextQuery {
    private TextQuery() { }

    /**
     * A pronunciation as a person types it, in the form the phoneme tower read in training (espeak-ng's IPA): the
     * slashes or brackets around it are dropped, and the keyboard's stand-ins become the IPA letters they stand for:
     * {@code '} the primary stress mark ˈ, {@code :} the length mark ː, {@code g} the IPA ɡ (U+0261) and {@code r}
     * the English r ɹ. Everything else is kept as typed.
     */
    public static String typedIpa(String typed) {
        if (typed == null) return "";
        String t = typed.strip();
        if (t.length() >= 2 && ((t.startsWith("/") && t.endsWith("/")) || (t.startsWith("[") && t.endsWith("]")))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        StringBuilder b = new StringBuilder(t.length());
        t.codePoints().forEach(c -> b.appendCodePoint(switch (c) {
            case '\'', '\u2019' -> '\u02c8';
            case ':' -> '\u02d0';
            case 'g' -> '\u0261';
            case 'r' -> '\u0279';
            default -> c;
        }));
        return b.toString();
    }

    /**
     * The recordings nearest to a pronunciation as typed (see {@link #typedIpa}), read by model.
     *
     * @param label what the pronunciation says, to mark its true matches; null labels it with the pronunciation
     *              itself, which marks none
     */
    public static RetrievalContext.NeighbourList neighbours(RetrievalContext ctx, String typed, String model, String label,
                                                            EncoderProvider encoders, RetrievalOptions o, Cancellation cancel) {
        String ipa = typedIpa(typed);
        return ctx.neighboursOfTextVector(vector(ctx, ipa, model, encoders), label == null ? ipa : label, o, cancel);
    }

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
