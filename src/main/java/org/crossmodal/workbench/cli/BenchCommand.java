package org.crossmodal.workbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code workbench bench NAME}: benchmarks that print their figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints its figures and the settings that produced them.",
        subcommands = {
                EncodeBenchCommand.class,
                RetrievalBenchCommand.class,
                AlignmentBenchCommand.class,
                TsneBenchCommand.class,
                MapBenchCommand.class,
        })
final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a benchmark, e.g. 'workbench bench encode'.");
    }
}
