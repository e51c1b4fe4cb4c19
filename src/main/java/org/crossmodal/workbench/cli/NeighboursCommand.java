package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.workflow.AudioFiles;
import org.crossmodal.workbench.workflow.AudioQuery;
import org.crossmodal.workbench.workflow.ProbeWorkflow;
import org.crossmodal.workbench.workflow.RegistryEncoders;
import org.crossmodal.workbench.workflow.RetrievalContext;
import org.crossmodal.workbench.workflow.SessionWorkflow;
import org.crossmodal.workbench.workflow.TextQuery;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench neighbours SESSION (--text WORD | --audio FILE | --item ID | --ipa IPA)}. */
@Command(name = "neighbours", aliases = "neighbors", mixinStandardHelpOptions = true,
        description = {"The nearest items of the other modality: recordings for a word, words for a recording.",
                "k larger than the candidate set is capped at its size."})
final class NeighboursCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SESSION", description = "A session file (.cmw).")
    Path session;

    static final class Query {
        @Option(names = "--text", paramLabel = "WORD", description = "A word or phrase of the session's text items.")
        String text;

        @Option(names = "--audio", paramLabel = "FILE", description = "A recording to encode with the session's speech model.")
        Path audio;

        @Option(names = "--item", paramLabel = "ID", description = "A session item id (speech/... or text/...).")
        String item;

        @Option(names = "--ipa", paramLabel = "IPA",
                description = "A pronunciation in IPA (as espeak-ng writes it, e.g. \"h\u0259l\u02c8o\u028a\"; ' : g r may stand for \u02c8 \u02d0 \u0261 \u0279), encoded by the phoneme tower "
                        + "(--ipa-model) and looked up among the recordings; needs a session of the built-in speech model.")
        String ipa;
    }

    @Option(names = "--ipa-model", paramLabel = "MODEL", defaultValue = ProbeWorkflow.BUILTIN_PHONEME_MODEL,
            description = "The text model that reads --ipa (default: ${DEFAULT-VALUE}).")
    String ipaModel;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Query query;

    @Option(names = "--label", paramLabel = "WORD", description = "What the --audio recording or the --ipa says, to mark its true match.")
    String label;

    @Option(names = {"-k", "--k"}, defaultValue = "10", paramLabel = "K", description = "Neighbours to list (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--retrieval", defaultValue = "csls", paramLabel = "R", description = "nn | csls | isf (default: ${DEFAULT-VALUE}).")
    String retrieval;

    @Option(names = "--alignment", paramLabel = "NAME", description = "Which stored alignment (default: the last one; the raw spaces when there is none).")
    String alignment;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter o = spec.commandLine().getOut();
        RetrievalOptions opts = new RetrievalOptions(RetrievalMethod.parse(retrieval), k, 10, 30, 0);
        Session s = SessionWorkflow.open(session);
        RetrievalContext ctx = RetrievalContext.of(s, alignment);
        RetrievalContext.NeighbourList r;
        if (query.text != null) {
            r = ctx.neighboursOfWord(query.text, opts, Cancellation.NONE);
        } else if (query.item != null) {
            r = ctx.neighbours(query.item, opts, Cancellation.NONE);
        } else if (query.ipa != null) {
            r = TextQuery.neighbours(ctx, query.ipa, ipaModel, label, RegistryEncoders.standard(), opts, Cancellation.NONE);
        } else {
            float[] v = AudioQuery.vector(s, ctx, query.audio, RegistryEncoders.standard(), AudioFiles.standard());
            r = ctx.neighboursOfSpeechVector(v, label, opts, Cancellation.NONE);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("query", query.audio != null ? query.audio.toString() : r.queryId());
            m.put("label", r.queryLabel());
            m.put("measure", r.measure());
            m.put("true_match_rank", r.trueMatchRank() == 0 ? null : r.trueMatchRank());
            m.put("candidates", r.candidates());
            m.put("neighbours", r.neighbours().stream().map(n -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("item", n.itemId());
                x.put("label", n.label());
                x.put("score", n.score());
                x.put("true_match", n.trueMatch());
                return x;
            }).toList());
            m.put("notes", ctx.notes());
            o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            o.printf(Locale.ROOT, "%s '%s' -> %d nearest of %d by %s%n", r.queryModality().key(), r.queryLabel(), r.neighbours().size(),
                    r.candidates(), r.measure());
            int i = 1;
            for (RetrievalContext.Neighbour n : r.neighbours()) {
                o.printf(Locale.ROOT, "%3d  %8.4f  %-24s %s%s%n", i++, n.score(), n.label(), n.itemId(), n.trueMatch() ? "  <- true match" : "");
            }
            o.println(r.trueMatchRank() > 0 ? "true match at rank " + r.trueMatchRank() : "no true match among the candidates");
            for (String n : ctx.notes()) o.println("note: " + n);
        }
        o.flush();
        return 0;
    }
}
