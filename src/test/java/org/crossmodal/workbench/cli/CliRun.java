package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the workbench command line in a test: its exit code and what it wrote to standard output and error. */
record CliRun(int code, String out, String err) {
    /** Runs {@code workbench ARGS} in this JVM, capturing both streams. */
    static CliRun run(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = WorkbenchCommand.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new CliRun(code, o.toString(), e.toString());
    }
}
