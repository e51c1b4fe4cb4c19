package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.workflow.AlignmentWorkflow;
import org.crossmodal.workbench.workflow.RetrievalContext;
import org.crossmodal.workbench.workflow.SessionWorkflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench align SESSION --method ...}. */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = {"Maps the session's speech space onto its text space and stores the map and the aligned spaces.",
                "Prints isomorphism diagnostics first, then the method's verdict and P@1 in both directions.",
                "An unsupervised run that fails its own criterion is not stored (exit code 3) unless --keep-failed."})
final class AlignCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SESSION", description = "A session file (.cmw); rewritten atomically with the alignment.")
    Path session;

    @Option(names = "--method", required = true, paramLabel = "M",
            description = "procrustes | adversarial | self-learning | identity")
    String method;

    @Option(names = "--dictionary", paramLabel = "TSV",
            description = "Seed dictionary for procrustes: 'speech label<TAB>text label' per line (default: the session's transcripts).")
    Path dictionary;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--refine", defaultValue = "-1", paramLabel = "N",
            description = "Procrustes refinement iterations with CSLS dictionary induction (default: 0 for procrustes, 5 for the unsupervised methods).")
    int refine;

    @Option(names = "--no-pool", description = "Give the aligner every recording instead of one mean vector per word.")
    boolean noPool;

    @Option(names = "--speech-space", paramLabel = "NAME", description = "The speech space when the session has several.")
    String speechSpace;

    @Option(names = "--text-space", paramLabel = "NAME", description = "The text space when the session has several.")
    String textSpace;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the session here instead of replacing SESSION.")
    Path out;

    @Option(names = "--iterations", defaultValue = "0", paramLabel = "N",
            description = "Adversarial training iterations in all (default: 5,000, five epochs of 1,000; MUSE's recipe is about 150,000).")
    int iterations;

    @Option(names = "--start", paramLabel = "pca|identity",
            description = "Where adversarial training starts: pca, both spaces' principal axes oriented by their skew (the default), "
                    + "or identity, as in MUSE.")
    String start;

    @Option(names = "--keep-failed", description = "Store an unsupervised alignment even when it reports failure.")
    boolean keepFailed;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AlignmentWorkflow.Request req = new AlignmentWorkflow.Request(method, dictionary, seed, refine, !noPool, speechSpace, textSpace, iterations,
                start);
        Session s = SessionWorkflow.open(session);
        Progress progress = new Progress(err);
        AlignmentWorkflow.Outcome r;
        try {
            r = Interrupts.run(cancel -> AlignmentWorkflow.align(s, req, progress, cancel));
        } finally {
            progress.finish();
        }
        o.println("diagnostics (before aligning):");
        r.diagnostics().asMap().forEach((k, v) -> {
            if (!k.equals("warnings")) o.printf(Locale.ROOT, "  %-36s %s%n", k, fmt(v));
        });
        for (String w : r.diagnostics().warnings()) o.println("  WARNING: " + w);
        for (String u : r.unknownEntries()) err.println("workbench align: dictionary " + dictionary + " " + u + " (skipped)");
        if (!r.unknownEntries().isEmpty()) o.println("dictionary: " + r.unknownEntries().size() + " entries not in the session were skipped");
        o.printf(Locale.ROOT, "%s: %s (%.2f s, common dimension %d%s)%n", r.name(), r.result().verdict(), r.seconds(), r.commonDim(),
                r.dictionaryPairs() > 0 ? ", " + r.dictionaryPairs() + " seed pairs" : "");
        for (Map.Entry<String, Object> e : r.result().report().entrySet()) o.printf(Locale.ROOT, "  %-36s %s%n", e.getKey(), fmt(e.getValue()));
        if (!r.result().success() && !keepFailed) {
            o.flush();
            throw new AlignmentFailed("the " + r.name() + " alignment reported failure and was not stored: " + r.result().verdict());
        }
        RetrievalContext ctx = RetrievalContext.of(s, r.name());
        for (RetrievalMethod m : new RetrievalMethod[] {RetrievalMethod.NN, RetrievalMethod.CSLS}) {
            RetrievalContext.Evaluation ev = ctx.evaluate(RetrievalOptions.defaults(m), org.crossmodal.workbench.core.ProgressListener.NONE,
                    org.crossmodal.workbench.core.Cancellation.NONE);
            o.printf(Locale.ROOT, "  %-5s speech->text P@1 %.3f (n=%d)   text->speech P@1 %.3f (n=%d)%n", m.key(),
                    ev.speechToText().metrics().pAt1(), ev.speechToText().metrics().nQueries(),
                    ev.textToSpeech().metrics().pAt1(), ev.textToSpeech().metrics().nQueries());
        }
        Path target = out != null ? out : session;
        SessionWorkflow.save(s, target, org.crossmodal.workbench.core.Cancellation.NONE);
        o.println("wrote " + target);
        o.flush();
        return 0;
    }

    static String fmt(Object v) {
        if (v instanceof Double d) return String.format(Locale.ROOT, "%.4f", d);
        return String.valueOf(v);
    }

    /** An unsupervised method that did not find a mapping: exit code 3. */
    static final class AlignmentFailed extends WorkbenchException implements picocli.CommandLine.IExitCodeGenerator {
        AlignmentFailed(String m) {
            super(m);
        }

        @Override
        public int getExitCode() {
            return 3;
        }
    }
}
