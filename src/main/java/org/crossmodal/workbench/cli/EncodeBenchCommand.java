package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.crossmodal.workbench.workflow.EncodeBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench bench encode}. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Phrases per second of the built-in text encoder (MiniLM) through the workbench, against the same ONNX",
                "session called directly (same tokenizer, same batches, OrtSession.run); prints both and the overhead,",
                "and the direct call with batches in input order for reference."})
final class EncodeBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--phrases", paramLabel = "FILE", description = "Phrases, one per line (default: generated phrases of 1-6 words).")
    Path phrases;

    @Option(names = "--count", defaultValue = "1000", description = "Generated phrases (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--batch-size", defaultValue = "32", description = "Phrases per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime threads (default: all cores).")
    int threads;

    @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds of each path (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr());
        EncodeBenchmark.Options o = new EncodeBenchmark.Options(phrases, count, batchSize, threads, rounds);
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        EncodeBenchmark.Result r;
        try {
            r = Interrupts.run(cancel -> EncodeBenchmark.run(o, progress, cancel));
        } finally {
            progress.finish();
        }
        out.printf(Locale.ROOT, "model      %s (sha256 %s)%n", r.model(), r.sha256());
        out.printf(Locale.ROOT, "machine    %d cores, load average %.2f before, %.2f after; Java %s%n", os.getAvailableProcessors(),
                loadBefore, os.getSystemLoadAverage(), System.getProperty("java.version"));
        out.printf(Locale.ROOT, "setup      %d phrases, batch %d, %d threads, %d rounds, median round%n", r.phrases(), r.batchSize(),
                r.threads(), rounds);
        out.printf(Locale.ROOT, "workbench  %.1f phrases/s   rounds: %s s%n", r.workbenchPps(), secs(r.workbenchSecs()));
        out.printf(Locale.ROOT, "direct     %.1f phrases/s   rounds: %s s   (same ONNX session, same length-sorted batches)%n",
                r.directPps(), secs(r.directSecs()));
        out.printf(Locale.ROOT, "overhead   %+.1f %%  (workbench time over direct time, same batches; negative = workbench faster)%n",
                r.overheadPct());
        out.printf(Locale.ROOT, "direct, batches in input order  %.1f phrases/s   rounds: %s s%n", r.inOrderPps(), secs(r.inOrderSecs()));
        out.flush();
        return 0;
    }

    private static String secs(double[] s) {
        return Arrays.stream(s).mapToObj(x -> String.format(Locale.ROOT, "%.3f", x)).collect(Collectors.joining(" "));
    }
}
