package org.crossmodal.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.crossmodal.workbench.core.WorkbenchException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code workbench bench map}: the map's frame time and point lookup on a synthetic map, and with
 * {@code --launch} the time the window takes to open on the demo (a fresh process; needs a display).
 * The drawing code belongs to the window, so the entry point hands this command a runner for it.
 */
@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Times a pan or zoom frame of the map and the lookup of the point under the mouse on a synthetic",
                "map of --points points; with --launch also the window's launch on the built-in demo."})
public final class MapBenchCommand implements Callable<Integer> {
    private static volatile Function<long[], Map<String, String>> runner;

    /** Set by the entry point: (points, width, height, frames, queries, seed) -> figures. */
    public static void setRunner(Function<long[], Map<String, String>> r) {
        runner = r;
    }

    @Spec CommandSpec spec;

    @Option(names = "--points", defaultValue = "100000", description = "Points on the map (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--width", defaultValue = "1400", description = "Frame width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "900", description = "Frame height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--frames", defaultValue = "200", description = "Frames timed for pan and for zoom (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--queries", defaultValue = "100000", description = "Mouse positions looked up (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the synthetic map (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--launch", description = "Also start the window on the demo in a new process and time it (needs a display, e.g. xvfb-run).")
    boolean launch;

    @Option(names = "--launch-runs", defaultValue = "3", description = "Window launches timed with --launch (default: ${DEFAULT-VALUE}).")
    int launchRuns;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Function<long[], Map<String, String>> r = runner;
        if (r == null) throw new WorkbenchException("The map benchmark is not available: start it as 'workbench bench map'.");
        Map<String, String> figures = r.apply(new long[] {points, width, height, frames, queries, seed});
        figures.forEach((k, v) -> out.printf(Locale.ROOT, "%-24s %s%n", k, v));
        out.flush();
        if (launch) {
            for (int i = 1; i <= launchRuns; i++) {
                out.printf(Locale.ROOT, "%-24s %s%n", "launch_" + i, launchOnce());
                out.flush();
            }
        }
        return 0;
    }

    /** Starts the window in a fresh JVM with a launch report, waits for it to close itself, reads the report. */
    private String launchOnce() throws IOException, InterruptedException {
        Path report = Files.createTempFile("workbench-launch", ".txt");
        Path home = Files.createTempDirectory("workbench-home");
        try {
            Files.delete(report);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Dworkbench.launchReport=" + report,
                    "-Dworkbench.exitAfterLaunch=true", "-Dworkbench.home=" + home, "-cp",
                    System.getProperty("java.class.path"), "org.crossmodal.workbench.Main"));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroy();
                throw new WorkbenchException("The window did not report within 120 s; is there a display (DISPLAY, xvfb-run)?");
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            if (!Files.exists(report)) {
                throw new WorkbenchException("The window exited (code " + p.exitValue() + ") without a launch report; "
                        + "is there a display (DISPLAY, xvfb-run)?");
            }
            Map<String, String> m = new java.util.HashMap<>();
            for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1));
            }
            return String.format(Locale.ROOT, "window open %s ms, demo points drawn %s ms after JVM start (%s points, %s); "
                    + "process wall time %d ms", m.get("window_open_ms"), m.get("first_points_ms"), m.get("points"),
                    m.get("status"), wall);
        } finally {
            Files.deleteIfExists(report);
            try (var s = Files.walk(home)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
