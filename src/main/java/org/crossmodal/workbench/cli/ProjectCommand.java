package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.workflow.MapSnapshots;
import org.crossmodal.workbench.workflow.ProjectSettings;
import org.crossmodal.workbench.workflow.ProjectionWorkflow;
import org.crossmodal.workbench.workflow.SessionWorkflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench project SESSION --method ...}: lays the session's spaces out on one map and saves it. */
@Command(name = "project", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Projects the session's speech and text embeddings together onto one 2-D map and saves it in the session.",
                "Spaces that differ are first brought together by the session's alignment."})
final class ProjectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session file (.cmw).")
    Path session;

    @Option(names = "--method", defaultValue = "tsne",
            description = "tsne (fast, O(N log N)), smile-tsne (exact, O(N^2)), pca or umap (default: ${DEFAULT-VALUE}).")
    String method;

    @Mixin
    TsneRunOptions run;

    @Option(names = "--learning-rate", defaultValue = "0", description = "t-SNE learning rate; 0 = automatic (default).")
    double learningRate;

    @Option(names = "--space", paramLabel = "NAME",
            description = "Project only these spaces (repeatable; default: the session's speech and text spaces).")
    List<String> spaces;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProjectSettings settings = new ProjectSettings(method, run.perplexity, run.iterations, learningRate, run.seed, run.threads,
                ProjectSettings.defaults().theta(), "auto");
        Session s = SessionWorkflow.open(session);
        Progress progress = new Progress(err);
        long t0 = System.nanoTime();
        Projection p;
        try {
            p = Interrupts.run(cancel -> {
                Projection r = ProjectionWorkflow.project(s, settings, spaces, progress, cancel, MapSnapshots.NONE);
                SessionWorkflow.save(s, session, cancel);
                return r;
            });
        } finally {
            progress.finish();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        String warnings = p.provenance().get("warnings");
        if (warnings != null) err.println("warning: " + warnings);
        String notes = p.provenance().get("input.notes");
        if (notes != null) err.println("note: " + notes);
        String kl = p.provenance().get("klDivergence");
        out.printf(Locale.ROOT, "%s: %d points from %s%s, %.1f s%s; saved as map '%s' in %s%n", p.name(), p.size(),
                p.provenance().get("input.spaces"),
                p.provenance().get("input.alignment") == null ? "" : " (aligned by " + p.provenance().get("input.alignment") + ")",
                secs, kl == null ? "" : ", KL " + String.format(Locale.ROOT, "%.4f", Double.parseDouble(kl)), p.name(), session);
        out.flush();
        return 0;
    }
}
