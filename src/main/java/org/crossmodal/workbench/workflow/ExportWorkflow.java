package org.crossmodal.workbench.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.session.AtomicFiles;
import org.crossmodal.workbench.session.Interchange;
import org.crossmodal.workbench.session.Session;

/**
 * Writes a session's spaces for other tools, one sub-folder per space (named after the space):
 * {@code projector} gives {@code tensors.tsv} + {@code metadata.tsv} for the TensorBoard projector,
 * {@code npy} gives {@code embeddings.npy} (float32) + {@code metadata.tsv}, {@code csv} gives
 * {@code embeddings.csv}. Maps (projections) are written as {@code projection-NAME.csv} with the csv format.
 * All files appear together when everything is written; a failed or cancelled export leaves none.
 */
public final class ExportWorkflow {
    private ExportWorkflow() { }

    public enum Format {
        PROJECTOR, NPY, CSV;

        public static Format parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("Unknown export format '" + s + "': use projector, npy or csv.");
            }
        }
    }

    /** Opens a session file and exports it; see {@link #export(Session, Format, Path, List, ProgressListener, Cancellation)}. */
    public static List<Path> export(Path session, Format format, Path outDir, List<String> spaces,
                                    ProgressListener progress, Cancellation cancel) {
        return export(SessionWorkflow.open(session), format, outDir, spaces, progress, cancel);
    }

    /**
     * @param spaces names of the spaces to export; empty for all
     * @return the files written
     */
    public static List<Path> export(Session s, Format format, Path outDir, List<String> spaces,
                                    ProgressListener progress, Cancellation cancel) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new WorkbenchException("Export target " + outDir + " is a file; give a folder (it is created if missing).");
        }
        List<EmbeddingSet> sets = new ArrayList<>();
        for (String name : spaces) {
            EmbeddingSet e = s.space(name);
            if (e == null) {
                throw new WorkbenchException("The session has no space '" + name + "'. Its spaces: " + String.join(", ", s.spaces().keySet()) + ".");
            }
            sets.add(e);
        }
        if (spaces.isEmpty()) sets.addAll(s.spaces().values());
        if (sets.isEmpty()) throw new WorkbenchException("The session has no embeddings to export. Add some with 'workbench embed' or 'workbench import'.");
        try (AtomicFiles.Batch batch = new AtomicFiles.Batch(true)) {
            int done = 0;
            for (EmbeddingSet e : sets) {
                cancel.check();
                progress.update("exporting", done++, sets.size());
                Path dir = outDir.resolve(Interchange.safeName(e.space()));
                switch (format) {
                    case PROJECTOR -> Interchange.writeProjector(s, e, dir, batch, cancel);
                    case NPY -> Interchange.writeNpy(s, e, dir, batch);
                    case CSV -> Interchange.writeCsv(s, e, dir, batch, cancel);
                }
            }
            if (format == Format.CSV && spaces.isEmpty()) {
                for (Projection p : s.projections().values()) {
                    Interchange.writeProjectionCsv(s, p, outDir.resolve("projection-" + Interchange.safeName(p.name()) + ".csv"), batch);
                }
            }
            cancel.check();
            List<Path> written = batch.commit();
            progress.update("exporting", sets.size(), sets.size());
            return written;
        }
    }
}
