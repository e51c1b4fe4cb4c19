package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.workflow.ProjectSettings;
import org.crossmodal.workbench.workflow.ProjectionWorkflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench bench tsne}. */
@Command(name = "tsne", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"t-SNE on synthetic Gaussian clusters (unit variance, centres drawn from N(0, 1) per coordinate):",
                "prints wall time, the final KL divergence, the share of 10 nearest neighbours kept (1,000 sampled points)",
                "and peak heap. The exact KL (dense P, the objective of exact t-SNE) is added for n <= --exact-kl-limit."})
final class TsneBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--n", required = true, description = "Points.")
    int n;

    @Option(names = "--dim", defaultValue = "384", description = "Dimensions (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--clusters", defaultValue = "10", description = "Gaussian clusters (default: ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--method", defaultValue = "tsne", description = "tsne or smile-tsne (default: ${DEFAULT-VALUE}).")
    String method;

    @Mixin
    TsneRunOptions run;

    @Option(names = "--theta", defaultValue = "0.5", description = "Barnes-Hut accuracy (default: ${DEFAULT-VALUE}).")
    double theta;

    @Option(names = "--repulsion", defaultValue = "auto",
            description = "auto, barnes-hut or fft (default: ${DEFAULT-VALUE}: Barnes-Hut below 10,000 points).")
    String repulsion;

    @Option(names = "--exact-kl-limit", defaultValue = "5000",
            description = "Compute the exact KL (O(n^2)) up to this many points (default: ${DEFAULT-VALUE}).")
    int exactKlLimit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProjectSettings o = new ProjectSettings(method, run.perplexity, run.iterations, 0, run.seed, run.threads, theta,
                repulsion);
        Progress progress = new Progress(spec.commandLine().getErr());
        ProjectionWorkflow.BenchFigures f;
        try {
            f = Interrupts.run(cancel -> ProjectionWorkflow.benchTsne(o, n, dim, clusters, exactKlLimit, progress, cancel));
        } finally {
            progress.finish();
        }
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "method        %s (neighbours: %s, recall %s; repulsion: %s)%n", f.method(), f.search(),
                f.neighbourRecall(), f.repulsion());
        out.printf(Locale.ROOT, "data          %d points x %d dims, %d clusters; perplexity %s, %d iterations, %d threads, max heap %.1f GB%n",
                f.n(), f.dim(), f.clusters(), run.perplexity, f.iterations(), f.threads(), rt.maxMemory() / 1e9);
        out.printf(Locale.ROOT, "time          %.2f s wall, %.2f s CPU (all threads; the machine may be shared)%n", f.seconds(), f.cpuSeconds());
        out.printf(Locale.ROOT, "final KL      %.4f (the method's own objective)%n", f.klDivergence());
        out.printf(Locale.ROOT, "exact KL      %s%n", Double.isNaN(f.exactKl()) ? "not computed (n > --exact-kl-limit)"
                : String.format(Locale.ROOT, "%.4f (dense P, exact Q)", f.exactKl()));
        out.printf(Locale.ROOT, "10-NN kept    %.4f%n", f.neighboursKept());
        out.printf(Locale.ROOT, "peak heap     %.0f MB%n", f.peakHeapBytes() / 1e6);
        out.flush();
        return 0;
    }
}
