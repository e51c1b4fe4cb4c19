package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.workflow.ImportWorkflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench import}: embeddings computed elsewhere into a session. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Brings embeddings computed elsewhere (NumPy .npy or TensorBoard projector .tsv) into a new or existing session.",
                "Metadata rows whose 'id' is already in the session attach the vectors to that item."},
        footer = {"", "Example:",
                "  workbench import --vectors tensors.tsv --metadata metadata.tsv --modality text --space text:glove --out study.cmw"})
final class ImportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--vectors", required = true, paramLabel = "FILE", description = "A float matrix, one row per item: FILE.npy or FILE.tsv.")
    Path vectors;

    @Option(names = "--metadata", paramLabel = "FILE.tsv",
            description = "Projector-style metadata: one label per line, or a header with id, label, speaker, source columns.")
    Path metadata;

    @Option(names = "--modality", required = true, paramLabel = "speech|text", description = "What the rows are.")
    String modality;

    @Option(names = "--space", required = true, paramLabel = "NAME", description = "Name of the new space, e.g. text:glove.")
    String space;

    @Option(names = "--out", required = true, paramLabel = "SESSION", description = "Session file to add to (created if missing).")
    Path out;

    @Option(names = "--replace", description = "Replace a space of the same name.")
    boolean replace;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        ImportWorkflow.Options opts = new ImportWorkflow.Options(vectors, metadata, Modality.parse(modality), space, out, replace);
        Progress progress = new Progress(spec.commandLine().getErr());
        ImportWorkflow.Result r;
        try {
            r = Interrupts.run(cancel -> ImportWorkflow.run(opts, progress, cancel));
        } finally {
            progress.finish();
        }
        o.println((r.created() ? "created " : "updated ") + out + ": space " + space + " with " + r.rows() + " x " + r.dimension()
                + " (" + r.newItems() + " new items, " + (r.rows() - r.newItems()) + " existing)");
        o.flush();
        return 0;
    }
}
