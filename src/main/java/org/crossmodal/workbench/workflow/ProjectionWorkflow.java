package org.crossmodal.workbench.workflow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Projection;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.projection.MapPlacer;
import org.crossmodal.workbench.projection.ProjectionResult;
import org.crossmodal.workbench.projection.Projector;
import org.crossmodal.workbench.projection.Projectors;
import org.crossmodal.workbench.projection.TsneBenchmark;
import org.crossmodal.workbench.projection.TsneOptions;
import org.crossmodal.workbench.session.Session;

/**
 * Projecting a session's spaces onto one map, placing new points on an existing map, and the t-SNE benchmark.
 *
 * <p>Both spaces go onto one map: the rows of the speech space and of the text space are stacked. Unless spaces
 * are named, the latest speech/text pair that shares a space id is used (the mapped pair an alignment stores, or
 * jointly trained towers), and stacked as it is. Otherwise the first speech and text spaces are taken; when they
 * differ, the speech rows are mapped into the text space by a stored alignment between exactly those spaces (or
 * the text rows into the speech space). Without either the two spaces cannot share a map and the caller is told
 * to align first or to project one space.
 */
public final class ProjectionWorkflow {
    private ProjectionWorkflow() { }

    /** How the input of a map is put together; a cached map made another way is made again. */
    public static final String INPUT_VERSION = "map-input-2: each modality of a shared space centred";

    /**
     * What is projected.
     *
     * @param itemIds   the item of each row
     * @param data      rows x dim, row-major
     * @param dim       columns
     * @param spaces    the spaces the rows came from
     * @param alignment the alignment applied, or null
     * @param notes     how the input was put together (skipped duplicate items, ...)
     * @param digest    SHA-256 of the stacked matrix
     * @param centres   per space, the mean of its unit rows that was subtracted (see {@link #centre}); empty when
     *                  the rows were used as they are
     */
    public record Input(List<String> itemIds, float[] data, int dim, List<String> spaces, String alignment,
                        List<String> notes, String digest, Map<String, float[]> centres) {
        public int size() {
            return itemIds.size();
        }

        /**
         * New rows of a space brought into this input's geometry: unit, minus that space's centre, unit (as it is
         * unless the space was centred).
         */
        public float[] centre(String space, float[] rows, int m) {
            float[] c = centres.get(space);
            if (c == null) return rows;
            return centred(rows, m, dim, c);
        }
    }

    /**
     * Speech and text towers trained together share a space but not a centre: every spoken item lies nearer the
     * other spoken items than any text (the "modality gap" of contrastive models), so a map of the raw rows shows
     * two clouds side by side. Subtracting each modality's mean from its unit rows (as the alignments do) and
     * normalising again removes the gap and keeps each modality's own geometry; neighbours in the side panel are
     * still ranked in the raw space.
     */
    static float[] centred(float[] rows, int n, int d, float[] mean) {
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) s += (double) rows[i * d + c] * rows[i * d + c];
            double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
            double t = 0;
            for (int c = 0; c < d; c++) {
                float v = (float) (rows[i * d + c] * inv) - mean[c];
                out[i * d + c] = v;
                t += (double) v * v;
            }
            float inv2 = t > 1e-24 ? (float) (1 / Math.sqrt(t)) : 0f;
            for (int c = 0; c < d; c++) out[i * d + c] *= inv2;
        }
        return out;
    }

    static float[] unitMean(float[] rows, int n, int d) {
        double[] m = new double[d];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) s += (double) rows[i * d + c] * rows[i * d + c];
            double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
            for (int c = 0; c < d; c++) m[c] += rows[i * d + c] * inv;
        }
        float[] f = new float[d];
        for (int c = 0; c < d; c++) f[c] = (float) (m[c] / n);
        return f;
    }

    /** Builds the input from the named spaces, or from the session's speech and text spaces when none are named. */
    public static Input input(Session s, List<String> spaceNames) {
        Objects.requireNonNull(s, "session");
        List<EmbeddingSet> chosen = new ArrayList<>();
        if (spaceNames != null && !spaceNames.isEmpty()) {
            for (String name : spaceNames) {
                EmbeddingSet e = s.space(name);
                if (e == null) {
                    throw new WorkbenchException("The session has no space '" + name + "'; it has "
                            + (s.spaces().isEmpty() ? "none" : String.join(", ", s.spaces().keySet()))
                            + ". Pick one of those with --space.");
                }
                chosen.add(e);
            }
        } else {
            List<EmbeddingSet> speech = s.spaces(Modality.SPEECH), text = s.spaces(Modality.TEXT);
            // prefer the latest speech/text pair that shares a space (an alignment's mapped pair, or jointly
            // trained towers); otherwise the first speech and the first text space
            EmbeddingSet ps = null, pt = null;
            for (EmbeddingSet a : speech) {
                for (EmbeddingSet b : text) {
                    if (a.sharedSpace() != null && a.sharedSpace().equals(b.sharedSpace()) && a.dim() == b.dim()) {
                        ps = a;
                        pt = b;
                    }
                }
            }
            if (ps != null) {
                chosen.add(ps);
                chosen.add(pt);
            } else {
                if (!speech.isEmpty()) chosen.add(speech.get(0));
                if (!text.isEmpty()) chosen.add(text.get(0));
            }
            if (chosen.isEmpty()) {
                throw new WorkbenchException("The session has no embeddings to project. Embed its items first "
                        + "('workbench embed').");
            }
        }
        List<String> notes = new ArrayList<>();
        String alignment = null;
        List<float[]> blocks = new ArrayList<>();
        List<List<String>> ids = new ArrayList<>();
        EmbeddingSet target = chosen.get(chosen.size() - 1);
        int dim = target.dim();
        for (EmbeddingSet e : chosen) {
            if (sameSpace(e, target)) {
                blocks.add(e.data());
                ids.add(e.itemIds());
                continue;
            }
            LinearMap map = findAlignment(s, e.space(), target.space());
            if (map != null && map.cols() == e.dim() && map.rows() == target.dim()) {
                blocks.add(apply(map, e));
                ids.add(e.itemIds());
                alignment = map.name();
                notes.add("Mapped " + e.space() + " into " + target.space() + " with alignment '" + map.name() + "'.");
                continue;
            }
            LinearMap back = findAlignment(s, target.space(), e.space());
            if (back != null && chosen.size() == 2 && back.cols() == target.dim() && back.rows() == e.dim()) {
                // map the other way: everything goes into e's space
                blocks.clear();
                ids.clear();
                blocks.add(e.data());
                ids.add(e.itemIds());
                blocks.add(apply(back, target));
                ids.add(target.itemIds());
                dim = e.dim();
                alignment = back.name();
                notes.add("Mapped " + target.space() + " into " + e.space() + " with alignment '" + back.name() + "'.");
                break;
            }
            throw new WorkbenchException("Spaces '" + e.space() + "' (" + e.dim() + " dimensions) and '" + target.space()
                    + "' (" + target.dim() + ") are different spaces and the session has no alignment between them, so "
                    + "they cannot share one map. Align them first ('workbench align'), or project one space with --space.");
        }
        // one shared space without an alignment, two modalities: centre each (see centred)
        Map<String, float[]> centres = new java.util.LinkedHashMap<>();
        if (alignment == null && blocks.size() >= 2
                && chosen.stream().map(EmbeddingSet::modality).distinct().count() > 1 && blocks.size() == chosen.size()) {
            for (int b = 0; b < blocks.size(); b++) {
                int n = ids.get(b).size();
                if (n < 2) continue;
                float[] mean = unitMean(blocks.get(b), n, dim);
                blocks.set(b, centred(blocks.get(b), n, dim, mean));
                centres.put(chosen.get(b).space(), mean);
            }
            if (!centres.isEmpty()) {
                notes.add("Each modality centred for the map (its mean removed), so that spoken items and texts of "
                        + "the shared space are not drawn as two clouds; neighbours are still ranked in the raw space.");
            }
        }
        // stack, keeping the first row of an item that appears in more than one space
        Set<String> seen = new HashSet<>();
        List<String> outIds = new ArrayList<>();
        int total = 0;
        for (List<String> l : ids) total += l.size();
        float[] data = new float[total * dim];
        int row = 0, skipped = 0;
        for (int b = 0; b < blocks.size(); b++) {
            float[] block = blocks.get(b);
            List<String> l = ids.get(b);
            for (int i = 0; i < l.size(); i++) {
                if (!seen.add(l.get(i))) { skipped++; continue; }
                System.arraycopy(block, i * dim, data, row * dim, dim);
                outIds.add(l.get(i));
                row++;
            }
        }
        if (skipped > 0) notes.add(skipped + " rows skipped: their items already appear in an earlier space.");
        if (row < total) data = java.util.Arrays.copyOf(data, row * dim);
        List<String> spaces = chosen.stream().map(EmbeddingSet::space).toList();
        return new Input(outIds, data, dim, spaces, alignment, notes, sha256(data), Map.copyOf(centres));
    }

    private static boolean sameSpace(EmbeddingSet a, EmbeddingSet b) {
        if (a.space().equals(b.space())) return true;
        return a.sharedSpace() != null && a.sharedSpace().equals(b.sharedSpace()) && a.dim() == b.dim();
    }

    private static LinearMap findAlignment(Session s, String source, String target) {
        LinearMap found = null;
        for (LinearMap m : s.alignments().values()) {
            if (m.sourceSpace().equals(source) && m.targetSpace().equals(target)) found = m; // the latest wins
        }
        return found;
    }

    private static float[] apply(LinearMap map, EmbeddingSet e) {
        float[][] mapped = AlignmentWorkflow.mapSource(map, e.rows(), "space '" + e.space() + "'");
        float[] out = new float[e.size() * map.rows()];
        for (int i = 0; i < mapped.length; i++) System.arraycopy(mapped[i], 0, out, i * map.rows(), map.rows());
        return out;
    }

    /**
     * Projects and stores the map in the session under the method's name. On cancel or failure the session is
     * left as it was (a previous map of the same name stays).
     */
    public static Projection project(Session s, ProjectSettings settings, List<String> spaces,
                                     ProgressListener progress, Cancellation cancel, MapSnapshots snapshots) {
        Input in = input(s, spaces);
        Projector p = Projectors.create(settings.method(), settings.tsne());
        ProjectionResult r = p.project(in.data(), in.size(), in.dim(), progress, cancel, snapshots::snapshot);
        cancel.check();
        Provenance prov = r.provenance().with("input.spaces", String.join(",", in.spaces()))
                .with("input.sha256", in.digest()).with("input.rows", in.size()).with("input.dimensions", in.dim());
        if (in.alignment() != null) prov = prov.with("input.alignment", in.alignment());
        if (!in.notes().isEmpty()) prov = prov.with("input.notes", String.join(" ", in.notes()));
        Projection proj = new Projection(p.method(), in.itemIds(), r.xy(), prov);
        s.putProjection(proj);
        return proj;
    }

    /**
     * Positions on an existing map for rows that are not on it (e.g. a fresh recording already encoded and, when
     * needed, aligned into the map's space). The map and the session are not changed.
     *
     * @param s        the session holding the map
     * @param mapName  the projection to place onto
     * @param newRows  m x dim rows in the map's input space
     */
    public static float[] place(Session s, String mapName, float[] newRows, int m, ProgressListener progress,
                                Cancellation cancel) {
        return place(s, mapName, newRows, null, m, progress, cancel);
    }

    /** As above, for rows of the named space (centred like that space's rows when the map centred it). */
    public static float[] place(Session s, String mapName, float[] newRows, String rowsSpace, int m, ProgressListener progress,
                                Cancellation cancel) {
        Projection map = s.projections().get(mapName);
        if (map == null) {
            throw new WorkbenchException("The session has no map '" + mapName + "'. Make one first ('workbench project').");
        }
        String spacesEntry = map.provenance().get("input.spaces");
        List<String> spaces = spacesEntry == null ? List.of() : List.of(spacesEntry.split(","));
        Input in = input(s, spaces);
        if (!in.itemIds().equals(map.itemIds())) {
            throw new WorkbenchException("Map '" + mapName + "' no longer matches the session's spaces (items changed since "
                    + "it was made). Project again before placing new points.");
        }
        if (newRows.length != m * in.dim()) {
            throw new IllegalArgumentException("New rows must have " + in.dim() + " values each (the map's space), got "
                    + newRows.length + " values for " + m + " rows.");
        }
        MapPlacer placer = new MapPlacer(in.data(), in.size(), in.dim(), map.xy());
        float[] rows = rowsSpace == null ? newRows : in.centre(rowsSpace, newRows, m);
        return placer.place(rows, m, progress, cancel);
    }

    /**
     * What {@code workbench bench tsne} measured.
     *
     * @param method         tsne or smile-tsne
     * @param search         how neighbours were found
     * @param seconds        wall time of the projection
     * @param klDivergence   the method's own final objective
     * @param exactKl        KL with the dense exact P and exact Q, or NaN when not computed
     * @param neighboursKept share of each point's 10 nearest input neighbours among its 10 nearest on the map
     * @param peakHeapBytes  peak heap during the projection
     */
    public record BenchFigures(String method, String search, String neighbourRecall, String repulsion, int n, int dim, int clusters,
                               int iterations, int threads, double seconds, double cpuSeconds, double klDivergence,
                               double exactKl, double neighboursKept, long peakHeapBytes) { }

    /** Runs the t-SNE benchmark on synthetic Gaussian clusters (unit variance, centres from N(0, 1) per coordinate). */
    public static BenchFigures benchTsne(ProjectSettings settings, int n, int dim, int clusters, int exactKlLimit,
                                         ProgressListener progress, Cancellation cancel) {
        if (!settings.method().equals("tsne") && !settings.method().equals("smile-tsne")) {
            throw new IllegalArgumentException("bench tsne --method must be tsne or smile-tsne, got '" + settings.method() + "'.");
        }
        if (n < 2) throw new IllegalArgumentException("--n must be at least 2, got " + n);
        if (dim < 1) throw new IllegalArgumentException("--dim must be at least 1, got " + dim);
        if (clusters < 1) throw new IllegalArgumentException("--clusters must be at least 1, got " + clusters);
        TsneOptions o = settings.tsne();
        float[] x = TsneBenchmark.gaussianClusters(n, dim, clusters, 1.0, o.seed(), null);
        Projector p = Projectors.create(settings.method(), o);
        TsneBenchmark.Figures f = TsneBenchmark.run(p, x, n, dim, o.iterations(), o.perplexity(), o.effectiveThreads(),
                exactKlLimit, progress, cancel);
        return new BenchFigures(f.method(), f.search(), f.neighbourRecall(), f.repulsion(), n, dim, clusters, o.iterations(), o.effectiveThreads(),
                f.seconds(), f.cpuSeconds(), f.klDivergence(), f.exactKl(), f.neighboursKept(), f.peakHeapBytes());
    }

    static String sha256(float[] data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * 4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < data.length; i++) {
                b.putFloat(data[i]);
                if (!b.hasRemaining()) { md.update(b.array(), 0, b.position()); b.clear(); }
            }
            md.update(b.array(), 0, b.position());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The method names the command line accepts. */
    public static List<String> methods() {
        return Projectors.METHODS;
    }
}
