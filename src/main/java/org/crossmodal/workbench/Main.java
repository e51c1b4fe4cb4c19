package org.crossmodal.workbench;

import org.crossmodal.workbench.cli.WorkbenchCommand;
import org.crossmodal.workbench.gui.WorkbenchApp;

/**
 * Entry point. With no arguments (or only GUI options such as a session path) it opens the window;
 * with a command it runs the command line. Kept free of JavaFX types so the command line starts
 * without the toolkit.
 */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        // DJL's tokenizer logs through SLF4J, which has no binding here; keep its start-up notice off stderr.
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        if (args.length == 0 || (args.length == 1 && !args[0].startsWith("-") && args[0].endsWith(".cmw"))) {
            WorkbenchApp.launchApp(args);
            return;
        }
        System.exit(WorkbenchCommand.run(args));
    }
}
