package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.workflow.SessionWorkflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code workbench info SESSION}. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints a session's counts, spaces, dimensions, alignments, maps and provenance.")
final class InfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SESSION", description = "A session file (.cmw).")
    Path session;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SessionWorkflow.Info i = SessionWorkflow.info(session);
        out.println("session " + i.file() + " (format " + i.formatVersion() + ")");
        out.println("items: " + i.speechItems() + " speech (" + i.speakers() + " speakers), " + i.textItems() + " text");
        if (i.keptAudio() > 0) {
            out.println(String.format(java.util.Locale.ROOT, "recordings with their audio in the file: %d (%.1f s)",
                    i.keptAudio(), i.keptSeconds()));
        }
        out.println("spaces: " + i.spaces().size());
        for (SessionWorkflow.SpaceInfo s : i.spaces()) {
            out.println("  " + s.name() + "  " + s.modality().key() + "  " + s.rows() + " x " + s.dimension()
                    + (s.sharedSpace() == null ? "" : "  shared space " + s.sharedSpace()));
            provenance(out, s.provenance());
        }
        out.println("alignments: " + i.alignments().size());
        for (SessionWorkflow.AlignmentInfo a : i.alignments()) {
            out.println("  " + a.name() + "  " + a.sourceSpace() + " -> " + a.targetSpace() + "  " + a.rows() + " x " + a.cols());
            provenance(out, a.provenance());
        }
        out.println("maps: " + i.projections().size());
        for (SessionWorkflow.ProjectionInfo p : i.projections()) {
            out.println("  " + p.name() + "  " + p.points() + " points");
            provenance(out, p.provenance());
        }
        out.println("session provenance:");
        provenance(out, i.provenance());
        if (!i.attributes().isEmpty()) {
            out.println("attributes:");
            i.attributes().forEach((k, v) -> out.println("      " + k + " = " + v));
        }
        out.flush();
        return 0;
    }

    private static void provenance(PrintWriter out, Provenance p) {
        out.println("      made by " + p.kind() + " at " + p.created());
        p.entries().forEach((k, v) -> out.println("      " + k + " = " + v));
    }
}
