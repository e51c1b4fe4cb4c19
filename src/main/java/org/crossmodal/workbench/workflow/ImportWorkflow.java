package org.crossmodal.workbench.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.session.EmbeddingCache;
import org.crossmodal.workbench.session.Interchange;
import org.crossmodal.workbench.session.Npy;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;

/**
 * Brings in embeddings computed elsewhere: a NumPy {@code .npy} or TensorBoard projector {@code .tsv} matrix
 * (one row per item) with an optional metadata TSV (projector style: one column without header = labels; several
 * columns with a header among {@code id}, {@code label}/{@code transcript}/{@code word}/{@code text},
 * {@code speaker}, {@code source}/{@code path}). Rows with an {@code id} already in the session are attached to
 * that item, so a second encoder's vectors for the same items form a second space.
 */
public final class ImportWorkflow {
    private ImportWorkflow() { }

    /**
     * @param vectors  the .npy or .tsv matrix
     * @param metadata the metadata TSV, or null (items are then named by row number)
     * @param modality speech or text
     * @param space    the new space's name
     * @param session  the session file: added to when it exists, created otherwise
     * @param replace  replace a space of the same name instead of refusing
     */
    public record Options(Path vectors, Path metadata, Modality modality, String space, Path session, boolean replace) {
        public Options {
            if (vectors == null) throw new IllegalArgumentException("Give the vectors file (--vectors FILE.npy or FILE.tsv).");
            if (modality == null) throw new IllegalArgumentException("Give the modality (--modality speech or text).");
            if (space == null || space.isBlank()) throw new IllegalArgumentException("Give the space a name (--space NAME).");
            if (session == null) throw new IllegalArgumentException("Give the session file (--out SESSION.cmw).");
        }
    }

    /** What was imported: the updated session, the rows, and how many rows became new items. */
    public record Result(Session session, int rows, int dimension, int newItems, boolean created) { }

    /** Imports and saves the session atomically. */
    public static Result run(Options o, Cancellation cancel) {
        return run(o, ProgressListener.NONE, cancel);
    }

    /** Imports and saves the session atomically, reporting its three steps (read, match, save). */
    public static Result run(Options o, ProgressListener progress, Cancellation cancel) {
        SessionStore.checkTarget(o.session());
        progress.update("importing " + o.vectors().getFileName(), 0, 3);
        Npy.Matrix m = Interchange.readVectors(o.vectors());
        Interchange.Table meta = o.metadata() == null ? null : Interchange.readMetadataTsv(o.metadata());
        if (meta != null && meta.rows().size() != m.rows()) {
            throw new WorkbenchException("Metadata file " + o.metadata() + " has " + meta.rows().size() + " rows but "
                    + o.vectors() + " has " + m.rows() + " vectors. Give one metadata row per vector (plus a header when there are several columns).");
        }
        cancel.check();
        progress.update("importing " + o.vectors().getFileName(), 1, 3);
        boolean created = !Files.exists(o.session());
        Session s = created ? new Session() : SessionStore.open(o.session());
        if (s.space(o.space()) != null && !o.replace()) {
            throw new WorkbenchException("Session " + o.session() + " already has a space '" + o.space()
                    + "'. Choose another --space name, or pass --replace to overwrite it.");
        }
        int idCol = meta == null ? -1 : meta.column("id");
        int labelCol = meta == null ? -1 : meta.column("label", "transcript", "word", "text", "name");
        int spkCol = meta == null ? -1 : meta.column("speaker");
        int srcCol = meta == null ? -1 : meta.column("source", "path");
        List<String> ids = new ArrayList<>(m.rows());
        List<Item> fresh = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int headerLines = meta != null && !meta.columns().equals(List.of("label")) ? 1 : 0;
        for (int r = 0; r < m.rows(); r++) {
            cancel.check();
            List<String> row = meta == null ? List.of() : meta.rows().get(r);
            String id = idCol >= 0 ? row.get(idCol).strip() : o.modality().key() + "/" + o.space() + "/" + r;
            String where = meta == null ? o.vectors() + " row " + (r + 1) : o.metadata() + " line " + (r + 1 + headerLines);
            if (id.isEmpty()) throw new WorkbenchException(where + ": the id is empty. Give every row an id, or drop the id column.");
            Integer prev = seen.putIfAbsent(id, r);
            if (prev != null) throw new WorkbenchException(where + ": id '" + id + "' repeats row " + (prev + 1) + ". Ids must be unique.");
            Item existing = s.item(id);
            if (existing != null) {
                if (existing.modality() != o.modality()) {
                    throw new WorkbenchException(where + ": item '" + id + "' is already in the session as " + existing.modality().key()
                            + ", not " + o.modality().key() + ". Use other ids or the matching --modality.");
                }
            } else {
                String label = labelCol >= 0 ? row.get(labelCol).strip() : id;
                fresh.add(new Item(id, o.modality(), label, srcCol >= 0 && !row.get(srcCol).isBlank() ? row.get(srcCol).strip() : null,
                        spkCol >= 0 && !row.get(spkCol).isBlank() ? row.get(spkCol).strip() : null));
            }
            ids.add(id);
        }
        fresh.forEach(s::addItem);
        Provenance p = Provenance.of("import")
                .with("vectors", o.vectors().toAbsolutePath())
                .with("vectors.sha256", EmbeddingCache.digestFile(o.vectors()))
                .with("rows", m.rows())
                .with("dimension", m.cols());
        if (o.metadata() != null) {
            p = p.with("metadata", o.metadata().toAbsolutePath()).with("metadata.sha256", EmbeddingCache.digestFile(o.metadata()));
        }
        s.putSpace(new EmbeddingSet(o.space(), o.modality(), ids, m.cols(), m.data(), null, p));
        if (created) s.setProvenance(Provenance.of("session").with("created.by", "import"));
        progress.update("importing " + o.vectors().getFileName(), 2, 3);
        SessionStore.save(s, o.session(), cancel);
        progress.update("importing " + o.vectors().getFileName(), 3, 3);
        return new Result(s, m.rows(), m.cols(), fresh.size(), created);
    }
}
