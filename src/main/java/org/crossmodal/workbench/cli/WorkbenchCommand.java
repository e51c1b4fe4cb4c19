package org.crossmodal.workbench.cli;

import java.io.PrintWriter;

import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.Versions;
import org.crossmodal.workbench.core.WorkbenchException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command. Each subcommand lives in its own class in this package. */
@Command(name = "workbench", mixinStandardHelpOptions = true, versionProvider = WorkbenchCommand.Version.class,
        description = "Crossmodal Workbench: see how speech and text embedding spaces line up.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ModelsCommand.class,
                EmbedCommand.class,
                InfoCommand.class,
                ImportCommand.class,
                ExportCommand.class,
                ProjectCommand.class,
                BenchCommand.class,
                AlignCommand.class,
                EvaluateCommand.class,
                NeighboursCommand.class,
                ProbeCommand.class,
        })
public final class WorkbenchCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code; errors become one line on standard error. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new WorkbenchCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable t = ex;
            if (t instanceof CancelledException) {
                err.println("workbench " + cmd.getCommandName() + ": cancelled; nothing was written.");
                err.flush();
                return 130;
            }
            String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (!(t instanceof WorkbenchException || t instanceof IllegalArgumentException)) {
                msg = t.getClass().getSimpleName() + ": " + msg;
            }
            err.println("workbench " + cmd.getCommandName() + ": " + msg.replace('\n', ' '));
            if (Boolean.getBoolean("workbench.debug")) t.printStackTrace(err);
            if (t instanceof CommandLine.IExitCodeGenerator g) return g.getExitCode();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, badArgs) -> {
            err.println("workbench " + ex.getCommandLine().getCommandName() + ": " + ex.getMessage().replace('\n', ' ')
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        });
        try {
            int code = cl.execute(args);
            out.flush();
            err.flush();
            return code;
        } finally {
            Interrupts.release();
        }
    }

    /** Prints the version from the jar manifest. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Crossmodal Workbench " + Versions.workbench()};
        }
    }
}
