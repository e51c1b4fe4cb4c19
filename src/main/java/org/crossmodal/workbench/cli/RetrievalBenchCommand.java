package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.align.AdversarialOptions;
import org.crossmodal.workbench.retrieval.HnswIndex;
import org.crossmodal.workbench.workflow.RetrievalBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench bench retrieval}. */
@Command(name = "retrieval", mixinStandardHelpOptions = true,
        description = {"Times CSLS top-k between two n x d sets (both directions), adversarial alignment with refinement on a",
                "planted problem, and an HNSW index (build, queries, recall@10 against exact search). Synthetic clustered data.",
                "Run with 'java --add-modules jdk.incubator.vector ...' for the SIMD kernel; the kernel used is printed."})
final class RetrievalBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--n", defaultValue = "20000", description = "Items per side for CSLS (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--dim", defaultValue = "384", description = "Dimension for CSLS (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--threads", defaultValue = "0", description = "Threads (default: all cores).")
    int threads;

    @Option(names = "--skip-csls", description = "Skip the CSLS timing.")
    boolean skipCsls;

    @Option(names = "--adversarial-init", defaultValue = "pca",
            description = "Start of the adversarial map: pca (principal axes oriented by skew) or identity (default: ${DEFAULT-VALUE}).")
    String advInit;

    @Option(names = "--adversarial-n", defaultValue = "20000", description = "Items per side for adversarial alignment (default: ${DEFAULT-VALUE}).")
    int advN;

    @Option(names = "--adversarial-dim", defaultValue = "300", description = "Dimension for adversarial alignment (default: ${DEFAULT-VALUE}).")
    int advDim;

    @Option(names = "--skip-adversarial", description = "Skip the adversarial timing.")
    boolean skipAdversarial;

    @Option(names = "--hnsw-n", defaultValue = "100000", description = "Vectors in the HNSW index (default: ${DEFAULT-VALUE}).")
    int hnswN;

    @Option(names = "--hnsw-dim", defaultValue = "384", description = "Dimension of the HNSW vectors (default: ${DEFAULT-VALUE}).")
    int hnswDim;

    @Option(names = "--hnsw-queries", defaultValue = "1000", description = "HNSW queries (default: ${DEFAULT-VALUE}).")
    int hnswQueries;

    @Option(names = "--ef", defaultValue = "0", description = "HNSW search beam (default: 0, chosen by the index size: 200 up to 100,000 vectors, 800 at 1,000,000).")
    int ef;

    @Option(names = "--more-ef", split = ",", paramLabel = "EF", description = "Further search beams to measure on the same graph, e.g. 400,800.")
    int[] moreEf = new int[0];

    @Option(names = "--m", defaultValue = "16", description = "HNSW links per node (default: ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--beam", defaultValue = "100", description = "HNSW construction beam (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--skip-hnsw", description = "Skip the HNSW figures.")
    boolean skipHnsw;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr());
        try {
            o.printf(Locale.ROOT, "cores: %d, max heap: %d MB%n", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            o.flush();
            if (!skipCsls) {
                var f = Interrupts.run(c -> RetrievalBenchmark.csls(n, dim, 10, threads, 1, progress, c));
                progress.finish();
                o.printf(Locale.ROOT, "csls top-%d both directions, %d x %d at %d-d, %d threads, %s kernel: one pass %.2f s "
                                + "(%d cosines computed again exactly; again at once: %.2f s) (two passes: neighbourhoods %.2f s + ranking %.2f s = %.2f s; same neighbours and scores: %s)%n",
                        f.k(), f.n(), f.n(), f.d(), f.threads(), f.kernel(), f.onePassSeconds(), f.exactForward(), f.onePassAgainSeconds(), f.statsSeconds(), f.rankSeconds(),
                        f.twoPassSeconds(), f.identical() ? "yes" : "NO");
                o.flush();
            }
            if (!skipAdversarial) {
                AdversarialOptions d = AdversarialOptions.defaults(1).withInit(advInit);
                var f = Interrupts.run(c -> RetrievalBenchmark.adversarial(advN, advDim, d, progress, c));
                progress.finish();
                o.printf(Locale.ROOT, "adversarial + refinement, %d x %d at %d-d (%s start, %d epochs x %d iterations, planted rotation, noise 0.3): "
                                + "%.1f s, success=%s, P@1 (CSLS) %.3f%n", f.n(), f.n(), f.d(), d.init(), d.epochs(), d.iterationsPerEpoch(), f.seconds(),
                        f.success(), f.pAt1Csls());
                o.printf(Locale.ROOT, "  criterion by epoch %s, kept epoch %s (0 = the start)%n", f.epochCriteria(), f.chosenEpoch());
                o.printf(Locale.ROOT, "  adversarial stage %.1f s, refinement %.1f s, verdict %.1f s%n", f.adversarialSeconds(),
                        f.refinementSeconds(), f.verdictSeconds());
                o.println("  " + f.verdict());
                o.flush();
            }
            if (!skipHnsw) {
                HnswIndex.Options ho = new HnswIndex.Options(m, beam, ef, 42, threads);
                var f = Interrupts.run(c -> RetrievalBenchmark.hnsw(hnswN, hnswDim, hnswQueries, ho, moreEf, progress, c));
                progress.finish();
                o.printf(Locale.ROOT, "hnsw %s over %d x %d-d: build %.1f s, %d queries %.3f s (%.2f ms each), exact %.2f s, recall@10 %.4f, graph %d MB%n",
                        f.index(), f.n(), f.d(), f.buildSeconds(), f.queries(), f.querySeconds(), 1000 * f.querySeconds() / f.queries(),
                        f.exactSeconds(), f.recallAt10(), f.graphBytes() >> 20);
                for (int i = 0; i < f.extraEf().size(); i++) {
                    o.printf(Locale.ROOT, "  ef %d: %d queries %.3f s (%.2f ms each), recall@10 %.4f%n", f.extraEf().get(i)[0], f.queries(),
                            f.extraFigures().get(i)[0], 1000 * f.extraFigures().get(i)[0] / f.queries(), f.extraFigures().get(i)[1]);
                }
            }
        } finally {
            progress.finish();
        }
        o.flush();
        return 0;
    }
}
