package org.crossmodal.workbench.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Files exchanged with other tools: TensorBoard projector TSV ({@code tensors.tsv} + {@code metadata.tsv}),
 * NumPy {@code .npy} float32 and CSV. Writers add to an {@link AtomicFiles.Batch}, so an export either
 * appears whole or not at all; readers name the file and line of anything they cannot use.
 */
public final class Interchange {
    private Interchange() { }

    /** The metadata columns written beside every exported matrix. */
    public static final List<String> METADATA_COLUMNS = List.of("id", "label", "modality", "speaker", "source");

    /** A file name made from a space or projection name: letters, digits, '.', '-' and '_' only. */
    public static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code tensors.tsv} (no header, one row per item) and {@code metadata.tsv} (with header) into dir. */
    public static void writeProjector(Session s, EmbeddingSet e, Path dir, AtomicFiles.Batch batch, Cancellation cancel) {
        batch.add(dir.resolve("tensors.tsv"), out -> {
            Writer w = writer(out);
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < e.size(); r++) {
                if ((r & 255) == 0) cancel.check();
                line.setLength(0);
                for (int c = 0; c < e.dim(); c++) {
                    if (c > 0) line.append('\t');
                    line.append(e.data()[r * e.dim() + c]);
                }
                w.write(line.append('\n').toString());
            }
            w.flush();
        });
        writeMetadata(s, e.itemIds(), dir.resolve("metadata.tsv"), batch);
    }

    /** Writes {@code embeddings.npy} (float32, rows = items) and {@code metadata.tsv} into dir. */
    public static void writeNpy(Session s, EmbeddingSet e, Path dir, AtomicFiles.Batch batch) {
        batch.add(dir.resolve("embeddings.npy"), out -> Npy.write(out, e.size(), e.dim(), e.data()));
        writeMetadata(s, e.itemIds(), dir.resolve("metadata.tsv"), batch);
    }

    /** Writes {@code embeddings.csv}: the metadata columns then d0..d(n-1), one row per item, with a header. */
    public static void writeCsv(Session s, EmbeddingSet e, Path dir, AtomicFiles.Batch batch, Cancellation cancel) {
        batch.add(dir.resolve("embeddings.csv"), out -> {
            Writer w = writer(out);
            List<String> header = new ArrayList<>(METADATA_COLUMNS);
            for (int c = 0; c < e.dim(); c++) header.add("d" + c);
            w.write(csvLine(header));
            for (int r = 0; r < e.size(); r++) {
                if ((r & 255) == 0) cancel.check();
                List<String> row = metadataRow(s, e.itemIds().get(r));
                for (int c = 0; c < e.dim(); c++) row.add(Float.toString(e.data()[r * e.dim() + c]));
                w.write(csvLine(row));
            }
            w.flush();
        });
    }

    /** Writes a 2-D map as CSV: the metadata columns then x, y. */
    public static void writeProjectionCsv(Session s, Projection p, Path file, AtomicFiles.Batch batch) {
        batch.add(file, out -> {
            Writer w = writer(out);
            List<String> header = new ArrayList<>(METADATA_COLUMNS);
            header.add("x");
            header.add("y");
            w.write(csvLine(header));
            for (int r = 0; r < p.size(); r++) {
                List<String> row = metadataRow(s, p.itemIds().get(r));
                row.add(Float.toString(p.xy()[2 * r]));
                row.add(Float.toString(p.xy()[2 * r + 1]));
                w.write(csvLine(row));
            }
            w.flush();
        });
    }

    private static void writeMetadata(Session s, List<String> ids, Path file, AtomicFiles.Batch batch) {
        batch.add(file, out -> {
            Writer w = writer(out);
            w.write(String.join("\t", METADATA_COLUMNS) + "\n");
            for (String id : ids) {
                List<String> row = metadataRow(s, id);
                row.replaceAll(Interchange::tsvCell);
                w.write(String.join("\t", row) + "\n");
            }
            w.flush();
        });
    }

    private static List<String> metadataRow(Session s, String id) {
        Item it = s.item(id);
        List<String> row = new ArrayList<>(METADATA_COLUMNS.size() + 8);
        row.add(id);
        row.add(it == null ? "" : it.label());
        row.add(it == null ? "" : it.modality().key());
        row.add(it == null || it.speaker() == null ? "" : it.speaker());
        row.add(it == null || it.source() == null ? "" : it.source());
        return row;
    }

    private static Writer writer(OutputStream out) {
        return new java.io.BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Tabs and line breaks inside a TSV cell become spaces (the projector format has no quoting). */
    static String tsvCell(String v) {
        return v.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** One RFC 4180 CSV line ending in a newline. */
    static String csvLine(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append(',');
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        return b.append('\n').toString();
    }

    // ---------------------------------------------------------------- reading

    /** Reads vectors from {@code .npy} or a projector {@code .tsv} (tab-separated numbers, no header), by extension. */
    public static Npy.Matrix readVectors(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        requireReadable(file, "vectors file");
        if (name.endsWith(".npy")) {
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
                Npy.Matrix m = Npy.read(in, file.toString());
                if (m.rows() == 0 || m.cols() == 0) {
                    throw new WorkbenchException(file + " holds an empty matrix (" + m.rows() + "x" + m.cols() + "); it needs at least one row and one column.");
                }
                return m;
            } catch (IOException e) {
                throw new WorkbenchException("Cannot read " + file + ": " + e.getMessage() + ".", e);
            }
        }
        if (name.endsWith(".tsv") || name.endsWith(".txt")) return readTensorTsv(file);
        throw new WorkbenchException("Vectors file " + file + " has an unknown type: use a NumPy .npy file or a TensorBoard projector .tsv (tab-separated numbers, one row per item).");
    }

    private static Npy.Matrix readTensorTsv(Path file) {
        List<String> lines = readLines(file);
        int cols = -1;
        List<float[]> rows = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (line.isBlank()) continue;
            String[] parts = line.strip().split("\t");
            if (cols < 0) cols = parts.length;
            if (parts.length != cols) {
                throw new WorkbenchException(file + " line " + (ln + 1) + " has " + parts.length + " values, but the first row has "
                        + cols + ". Every row of a tensors file needs the same number of tab-separated values.");
            }
            float[] row = new float[cols];
            for (int c = 0; c < cols; c++) {
                try {
                    row[c] = Float.parseFloat(parts[c].strip());
                } catch (NumberFormatException e) {
                    throw new WorkbenchException(file + " line " + (ln + 1) + " column " + (c + 1) + ": '" + parts[c]
                            + "' is not a number. A tensors file holds only numbers (no header); put labels in a metadata file.");
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) throw new WorkbenchException(file + " holds no vectors (it is empty). Give a file with one tab-separated row per item.");
        float[] data = new float[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) System.arraycopy(rows.get(r), 0, data, r * cols, cols);
        return new Npy.Matrix(rows.size(), cols, data);
    }

    /** A metadata table: column names (lower case) and rows of cells. */
    public record Table(List<String> columns, List<List<String>> rows) {
        /** Index of the first present column among names, or -1. */
        public int column(String... names) {
            for (String n : names) {
                int i = columns.indexOf(n);
                if (i >= 0) return i;
            }
            return -1;
        }
    }

    /**
     * Reads a projector metadata TSV. As in TensorBoard, a file with one column has no header (the column is
     * the label); with several columns the first line is the header.
     */
    public static Table readMetadataTsv(Path file) {
        requireReadable(file, "metadata file");
        List<String> lines = new ArrayList<>(readLines(file));
        while (!lines.isEmpty() && lines.getLast().isEmpty()) lines.removeLast();
        if (lines.isEmpty()) throw new WorkbenchException("Metadata file " + file + " is empty. Give one row per vector (and a header row when there are several columns).");
        boolean single = lines.stream().noneMatch(l -> l.indexOf('\t') >= 0);
        List<String> cols;
        int start;
        if (single) {
            cols = List.of("label");
            start = 0;
        } else {
            cols = new ArrayList<>();
            for (String c : lines.getFirst().split("\t", -1)) cols.add(c.strip().toLowerCase(Locale.ROOT));
            start = 1;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = start; i < lines.size(); i++) {
            String[] parts = lines.get(i).split("\t", -1);
            if (parts.length != cols.size()) {
                throw new WorkbenchException("Metadata file " + file + " line " + (i + 1) + " has " + parts.length
                        + " columns, but the header has " + cols.size() + ". Fix that row (cells are tab-separated).");
            }
            rows.add(List.of(parts));
        }
        return new Table(List.copyOf(cols), rows);
    }

    static void requireReadable(Path file, String what) {
        if (!Files.exists(file)) throw new WorkbenchException("The " + what + " " + file + " does not exist. Check the path.");
        if (!Files.isRegularFile(file)) throw new WorkbenchException("The " + what + " " + file + " is not a regular file.");
    }

    /** Reads a UTF-8 text file into lines; a byte-order mark is dropped. */
    public static List<String> readLines(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (out.isEmpty() && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
                out.add(line);
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new WorkbenchException(file + " does not exist. Check the path.", e);
        } catch (CharacterCodingException e) {
            throw new WorkbenchException(file + " is not UTF-8 text. Save it as UTF-8.", e);
        } catch (IOException e) {
            throw new WorkbenchException("Cannot read " + file + ": " + e.getMessage() + ".", e);
        }
    }
}
