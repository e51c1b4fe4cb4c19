package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.workflow.RetrievalContext;
import org.crossmodal.workbench.workflow.SessionWorkflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench evaluate SESSION}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Retrieval metrics in both directions: P@1/5/10, MRR, hubness and the worst-served items.",
                "A recording's true match is the text item with its transcript (case and surrounding punctuation ignored);",
                "for text->speech any recording of the word counts. Queries without a true match are not counted."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SESSION", description = "A session file (.cmw).")
    Path session;

    @Option(names = "--retrieval", defaultValue = "csls", paramLabel = "R", description = "nn | csls | isf (default: ${DEFAULT-VALUE}).")
    String retrieval;

    @Option(names = "--alignment", paramLabel = "NAME", description = "Which stored alignment (default: the last one; the raw spaces when there is none).")
    String alignment;

    @Option(names = "--csls-k", defaultValue = "10", paramLabel = "K", description = "CSLS neighbourhood (default: ${DEFAULT-VALUE}).")
    int cslsK;

    @Option(names = "--json", description = "Print JSON: per direction p_at_1, p_at_5, p_at_10, mrr, n_queries and hubness.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter o = spec.commandLine().getOut();
        RetrievalOptions opts = new RetrievalOptions(RetrievalMethod.parse(retrieval), 10, cslsK, 30, 0);
        Session s = SessionWorkflow.open(session);
        RetrievalContext ctx = RetrievalContext.of(s, alignment);
        Progress progress = new Progress(spec.commandLine().getErr());
        RetrievalContext.Evaluation ev;
        try {
            ev = Interrupts.run(cancel -> ctx.evaluate(opts, progress, cancel));
        } finally {
            progress.finish();
        }
        if (ev.speechToText().metrics().nQueries() == 0 && ev.textToSpeech().metrics().nQueries() == 0) {
            throw new WorkbenchException("No recording's transcript matches a text item in " + session
                    + ", so there is nothing to score. Embed the words the recordings say (workbench embed --text).");
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("session", session.toString());
            m.put("speech_space", ev.speechSpace());
            m.put("text_space", ev.textSpace());
            m.put("alignment", ev.alignment());
            m.put("retrieval", opts.method().key());
            m.put("csls_k", opts.cslsK());
            m.put("speech_to_text", direction(ev.speechToText()));
            m.put("text_to_speech", direction(ev.textToSpeech()));
            m.put("notes", ev.notes());
            o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            o.println("spaces: " + ev.speechSpace() + " vs " + ev.textSpace() + "; retrieval " + opts.method().key());
            for (String n : ev.notes()) o.println("note: " + n);
            for (RetrievalContext.Direction d : List.of(ev.speechToText(), ev.textToSpeech())) {
                var mt = d.metrics();
                o.printf(Locale.ROOT, "%-13s P@1 %.3f  P@5 %.3f  P@10 %.3f  MRR %.3f  n=%d (%d without a match)%n", d.name(),
                        mt.pAt1(), mt.pAt5(), mt.pAt10(), mt.mrr(), mt.nQueries(), mt.nWithoutMatch());
                o.printf(Locale.ROOT, "%-13s hubness: N%d skewness %.2f, never retrieved %.1f%%%n", "", mt.hubnessK(),
                        mt.kOccurrenceSkew(), 100 * mt.neverRetrieved());
                for (RetrievalContext.WorstItem w : d.worst().subList(0, Math.min(5, d.worst().size()))) {
                    o.printf(Locale.ROOT, "%-13s worst: '%s' (%s) true match at rank %d; first was '%s'%n", "", w.label(), w.itemId(),
                            w.rank(), w.firstLabel());
                }
            }
            o.printf(Locale.ROOT, "%.2f s (%s kernel)%n", ev.seconds(), ev.kernel());
        }
        o.flush();
        return 0;
    }

    private static Map<String, Object> direction(RetrievalContext.Direction d) {
        Map<String, Object> m = new LinkedHashMap<>(d.metrics().asMap());
        m.put("worst", d.worst().stream().map(w -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("item", w.itemId());
            x.put("label", w.label());
            x.put("rank", w.rank());
            x.put("first", w.firstId());
            return x;
        }).toList());
        return m;
    }
}
