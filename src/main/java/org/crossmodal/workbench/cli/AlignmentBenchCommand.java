package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.align.AdversarialOptions;
import org.crossmodal.workbench.align.AlignmentInput;
import org.crossmodal.workbench.workflow.AlignmentTable;
import org.crossmodal.workbench.workflow.RetrievalBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench bench alignment}: the supervised / unsupervised comparison table on planted-truth data. */
@Command(name = "alignment", mixinStandardHelpOptions = true,
        description = {"Chung et al.-style table on synthetic planted-truth data: a clustered space, a random rotation of it",
                "with noise, partial overlap; every method's P@1 (NN and CSLS) and P@10, its verdict and time.",
                "With --unrelated the target is an unrelated space (no rotation exists): the diagnostics should warn and",
                "the unsupervised methods should report failure."})
final class AlignmentBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--shared", defaultValue = "2000", description = "Items on both sides (default: ${DEFAULT-VALUE}).")
    int shared;

    @Option(names = "--distractors", defaultValue = "500", description = "Extra items on each side without a counterpart (default: ${DEFAULT-VALUE}).")
    int distractors;

    @Option(names = "--dim", defaultValue = "64", description = "Dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--noise", defaultValue = "0.3", description = "Noise added to the rotated copy, relative to unit rows (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--source-noise", defaultValue = "-1", description = "Noise on the source side (default: the same as --noise).")
    double sourceNoise;

    @Option(names = "--seed-pairs", defaultValue = "100", description = "Seed dictionary size of the small-seed rows (default: ${DEFAULT-VALUE}).")
    int seedPairs;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--unrelated", description = "Make the target an unrelated space.")
    boolean unrelated;

    @Option(names = "--skip-adversarial", description = "Leave out the adversarial rows.")
    boolean skipAdversarial;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        double sn = sourceNoise < 0 ? noise : sourceNoise;
        AlignmentInput in = RetrievalBenchmark.planted(shared, distractors, dim, noise, sn, !unrelated, seed);
        Progress progress = new Progress(spec.commandLine().getErr());
        AlignmentTable.Table t;
        try {
            t = Interrupts.run(c -> AlignmentTable.run(in, seedPairs, seed, AdversarialOptions.defaults(seed), !skipAdversarial, progress, c));
        } finally {
            progress.finish();
        }
        o.printf(Locale.ROOT, "planted truth: %d shared + %d distractors per side, %d-d, noise %.2f (source %.2f), %s, seed %d%n", shared,
                distractors, dim, noise, sn, unrelated ? "UNRELATED target" : "target = random rotation + noise", seed);
        o.println("diagnostics: " + t.diagnostics().asMap());
        o.println("| method | pairs | refinement | P@1 NN | P@1 CSLS | P@10 CSLS | unsupervised verdict | seconds |");
        o.println("|---|---|---|---|---|---|---|---|");
        for (AlignmentTable.Row r : t.rows()) {
            o.printf(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f | %.3f | %s | %.1f |%n", r.method(), r.supervised() ? "yes" : "no",
                    r.refined() ? "yes" : "no", r.p1Nn(), r.p1Csls(), r.p10Csls(), r.supervised() || r.method().startsWith("identity") ? "-" : r.success() ? "found" : "FAILED",
                    r.seconds());
        }
        for (AlignmentTable.Row r : t.rows()) if (!r.success()) o.println("  " + r.method() + ": " + r.verdict());
        o.flush();
        return 0;
    }
}
