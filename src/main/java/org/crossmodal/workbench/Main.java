package org.crossmodal.workbench;

import org.crossmodal.workbench.cli.MapBenchCommand;
import org.crossmodal.workbench.cli.WorkbenchCommand;
import org.crossmodal.workbench.gui.WorkbenchApp;
import org.crossmodal.workbench.gui.map.MapBenchmark;

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
        // The map benchmark times the window's drawing code, which the command line may not reach itself.
        MapBenchCommand.setRunner(a -> MapBenchmark.run((int) a[0], (int) a[1], (int) a[2], (int) a[3], (int) a[4], a[5]));
        System.exit(WorkbenchCommand.run(args));
    }
}
