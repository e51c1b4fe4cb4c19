package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.workflow.ExportWorkflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench export SESSION --format F --out DIR}. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a session's embeddings for other tools, one folder per space:",
                "  projector: tensors.tsv + metadata.tsv (TensorBoard projector)",
                "  npy:       embeddings.npy (float32, rows = items) + metadata.tsv",
                "  csv:       embeddings.csv (id, label, modality, speaker, source, d0..dN), plus each map as projection-NAME.csv"},
        footer = {"", "Example:", "  workbench export demo.cmw --format projector --out demo-projector/"})
final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SESSION", description = "A session file (.cmw).")
    Path session;

    @Option(names = "--format", required = true, paramLabel = "projector|npy|csv", description = "Output format.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created if missing).")
    Path out;

    @Option(names = "--space", paramLabel = "NAME", description = "Export only this space (repeatable).")
    List<String> spaces = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        ExportWorkflow.Format f = ExportWorkflow.Format.parse(format);
        Progress progress = new Progress(spec.commandLine().getErr());
        List<Path> files;
        try {
            files = Interrupts.run(cancel -> ExportWorkflow.export(session, f, out, spaces, progress, cancel));
        } finally {
            progress.finish();
        }
        for (Path p : files) o.println(p);
        o.flush();
        return 0;
    }
}
