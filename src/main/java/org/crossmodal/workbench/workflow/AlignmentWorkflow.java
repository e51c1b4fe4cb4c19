package org.crossmodal.workbench.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.crossmodal.workbench.align.AdversarialAligner;
import org.crossmodal.workbench.align.AdversarialOptions;
import org.crossmodal.workbench.align.Aligner;
import org.crossmodal.workbench.align.AlignmentInput;
import org.crossmodal.workbench.align.AlignmentResult;
import org.crossmodal.workbench.align.Diagnostics;
import org.crossmodal.workbench.align.IdentityAligner;
import org.crossmodal.workbench.align.IdentityOptions;
import org.crossmodal.workbench.align.Linalg;
import org.crossmodal.workbench.align.ProcrustesAligner;
import org.crossmodal.workbench.align.ProcrustesOptions;
import org.crossmodal.workbench.align.SelfLearningAligner;
import org.crossmodal.workbench.align.SelfLearningOptions;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Labels;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.retrieval.Vectors;
import org.crossmodal.workbench.session.Session;

/**
 * Aligns a session's speech space onto its text space and stores the result.
 *
 * <p>Preprocessing (both sides): unit length, minus the mean of the unit rows, unit length again. When the
 * dimensions differ, both sides are projected by PCA onto their leading min(d_speech, d_text) principal
 * directions first (and renormalised), so the map is a rotation between spaces of one dimension. The stored
 * {@link LinearMap} takes preprocessed speech vectors to the common space (it includes the PCA projection);
 * two spaces are added: {@code <speech space>@<method>} (every recording mapped) and {@code <text space>@<method>}
 * (the text rows preprocessed the same way), sharing the space id {@code align:<method>}.
 *
 * <p>Pooling: with {@code pool}, the aligner sees one row per word (the mean of its recordings, most frequent
 * words first), as Chung et al. do; without, every recording is a row (ordered by word frequency).
 */
public final class AlignmentWorkflow {
    private AlignmentWorkflow() { }

    /** The methods offered. */
    public static final List<String> METHODS = List.of("procrustes", "adversarial", "self-learning", "identity");

    /**
     * @param method      procrustes, adversarial, self-learning or identity
     * @param dictionary  TSV of speech label / text label pairs for procrustes; null = the session's own transcripts
     * @param seed        random seed of the unsupervised methods
     * @param refinement  Procrustes refinement iterations; -1 = the method's default (0 for procrustes, 5 otherwise)
     * @param pool        pool recordings per word for the aligner
     * @param speechSpace the speech space, or null for the only one
     * @param textSpace   the text space, or null for the only one
     */
    public record Request(String method, Path dictionary, long seed, int refinement, boolean pool, String speechSpace,
                          String textSpace, int adversarialIterations, String adversarialStart) {
        /** With the adversarial method's default budget and start. */
        public Request(String method, Path dictionary, long seed, int refinement, boolean pool, String speechSpace,
                       String textSpace) {
            this(method, dictionary, seed, refinement, pool, speechSpace, textSpace, 0, null);
        }

        /** With the adversarial method's default start (the principal axes). */
        public Request(String method, Path dictionary, long seed, int refinement, boolean pool, String speechSpace,
                       String textSpace, int adversarialIterations) {
            this(method, dictionary, seed, refinement, pool, speechSpace, textSpace, adversarialIterations, null);
        }

        public Request {
            if (adversarialStart != null) {
                if (!"pca".equals(adversarialStart) && !"identity".equals(adversarialStart)) {
                    throw new IllegalArgumentException("The adversarial start must be pca or identity, got '" + adversarialStart + "'.");
                }
                if (!"adversarial".equalsIgnoreCase(method)) {
                    throw new IllegalArgumentException("--start is used only by --method adversarial.");
                }
            }
            if (adversarialIterations < 0 || adversarialIterations > 10_000_000) {
                throw new IllegalArgumentException("adversarial iterations must be in [0, 10,000,000] (0: the default), got "
                        + adversarialIterations + ".");
            }
            if (adversarialIterations > 0 && !"adversarial".equalsIgnoreCase(method)) {
                throw new IllegalArgumentException("--iterations is used only by --method adversarial.");
            }
            if (method == null || !METHODS.contains(method.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Unknown alignment method '" + method + "': use one of " + METHODS + ".");
            }
            method = method.toLowerCase(Locale.ROOT);
            if (refinement < -1 || refinement > 100) throw new IllegalArgumentException("refinement must be in [0, 100], got " + refinement + ".");
            if (dictionary != null && !method.equals("procrustes")) {
                throw new IllegalArgumentException("A dictionary is used only by --method procrustes; the " + method + " method uses no pairs.");
            }
        }

        public static Request of(String method) {
            return new Request(method, null, 1L, -1, true, null, null);
        }
    }

    /**
     * @param name             the alignment's name in the session (= method)
     * @param result           the aligner's result (map in the common space, verdict, report)
     * @param diagnostics      isomorphism diagnostics of the two preprocessed spaces
     * @param unknownEntries   dictionary lines whose labels are not in the session (reported, skipped)
     * @param dictionaryPairs  pairs used (procrustes)
     * @param commonDim        the dimension of the common space
     * @param seconds          wall time of the aligner
     */
    public record Outcome(String name, AlignmentResult result, Diagnostics.Report diagnostics, List<String> unknownEntries,
                          int dictionaryPairs, int commonDim, double seconds) { }

    /** Preprocessed sides; px / py project preprocessed rows to the common space (null = identity). */
    record Prepared(SpacePair pair, float[] x, float[] y, int k, double[] px, double[] py, float[] meanX, float[] meanY) { }

    public static Outcome align(Session s, Request r, ProgressListener progress, Cancellation cancel) {
        SpacePair pair = SpacePair.of(s, r.speechSpace(), r.textSpace());
        if (r.method().equals("identity") && pair.speech().dim() != pair.text().dim()) {
            throw new WorkbenchException("The identity map needs spaces of one dimension; '" + pair.speech().space() + "' has "
                    + pair.speech().dim() + " and '" + pair.text().space() + "' has " + pair.text().dim()
                    + ". Use procrustes, adversarial or self-learning.");
        }
        Prepared p = prepare(pair, !r.method().equals("identity"));
        // rows the aligner sees: pooled per word or per recording, most frequent words first
        Rows src = r.pool() ? pooled(p) : byFrequency(p);
        AlignmentInput in = new AlignmentInput(src.x, src.keys.length, p.y(), pair.yKey().length, p.k(), src.keys, pair.yKey(),
                src.ids, pair.text().itemIds());
        progress.update("diagnostics", 0, 1);
        Diagnostics.Report diag = Diagnostics.diagnose(in, 200, 10, cancel);
        List<String> unknown = new ArrayList<>();
        int[][] dict = null;
        Aligner aligner;
        switch (r.method()) {
            case "procrustes" -> {
                dict = r.dictionary() == null ? transcriptPairs(in) : dictionaryPairs(r.dictionary(), in, pair.keyOf(), unknown);
                if (dict[0].length == 0) {
                    throw new WorkbenchException(r.dictionary() == null
                            ? "No speech label matches a text label in this session, so there is no seed dictionary. Give one with --dictionary or use --method self-learning."
                            : "Dictionary " + r.dictionary() + ": none of its " + unknown.size() + " entries names a speech label and a text label of this session (e.g. '"
                            + (unknown.isEmpty() ? "" : unknown.get(0)) + "'). Check the labels.");
                }
                int ref = r.refinement() < 0 ? 0 : r.refinement();
                aligner = new ProcrustesAligner(new ProcrustesOptions(ref, 10, 15000, 0), dict[0], dict[1]);
            }
            case "adversarial" -> {
                AdversarialOptions a = AdversarialOptions.defaults(r.seed()).withRefinement(r.refinement() < 0 ? 5 : r.refinement());
                if (r.adversarialIterations() > 0) {
                    // the same 5 epochs (model selection after each), the iterations spread over them
                    a = a.withEpochs(a.epochs(), Math.max(1, r.adversarialIterations() / a.epochs()));
                }
                if (r.adversarialStart() != null) a = a.withInit(r.adversarialStart());
                aligner = new AdversarialAligner(a);
            }
            case "self-learning" -> {
                SelfLearningOptions d = SelfLearningOptions.defaults(r.seed());
                aligner = new SelfLearningAligner(new SelfLearningOptions(d.seed(), d.initVocabulary(), d.vocabulary(), d.cslsK(),
                        d.keepProbability(), d.stochasticInterval(), d.maxIterations(), d.threshold(),
                        r.refinement() < 0 ? 5 : r.refinement(), d.minGain(), d.minZ(), d.threads()));
            }
            default -> aligner = new IdentityAligner(new IdentityOptions());
        }
        long t0 = System.nanoTime();
        AlignmentResult res = aligner.align(in, progress, cancel);
        double secs = (System.nanoTime() - t0) / 1e9;
        store(s, r, p, res, diag, aligner, dict, unknown, secs);
        return new Outcome(r.method(), res, diag, unknown, dict == null ? 0 : dict[0].length, p.k(), secs);
    }

    /** Unit, centre, unit on both sides; PCA to the smaller dimension when they differ. */
    static Prepared prepare(SpacePair pair, boolean center) {
        int dx = pair.speech().dim(), dy = pair.text().dim(), nx = pair.xKey().length, ny = pair.yKey().length;
        float[] mx = center ? mean(pair.x(), nx, dx) : new float[dx];
        float[] my = center ? mean(pair.y(), ny, dy) : new float[dy];
        float[] x = centreUnit(pair.x(), nx, dx, mx, pair.speech().space());
        float[] y = centreUnit(pair.y(), ny, dy, my, pair.text().space());
        if (dx == dy) return new Prepared(pair, x, y, dx, null, null, mx, my);
        int k = Math.min(dx, dy);
        double[] px = pca(x, nx, dx, k), py = pca(y, ny, dy, k);
        return new Prepared(pair, project(x, nx, dx, px, k), project(y, ny, dy, py, k), k, px, py, mx, my);
    }

    /**
     * New rows of a raw space brought into every aligned space made from it, prepared exactly as the rows the
     * alignments were fitted on (the stored means, projections and map; nothing is refitted): keyed by aligned
     * space name. Alignments that did not record their preprocessing (sessions saved by older versions) are
     * skipped; their aligned spaces stay without the new rows.
     */
    public static Map<String, float[][]> alignedRows(Session s, EmbeddingSet raw, float[][] rows, String what) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        if (rows.length == 0) return out;
        for (LinearMap m : s.alignments().values()) {
            LinearMap.Preprocessing pre = m.preprocessing();
            if (pre == null) continue;
            String mapped = m.sourceSpace() + "@" + m.name();
            if (raw.space().equals(m.sourceSpace()) && s.space(mapped) != null) {
                out.put(mapped, alignSource(m, rows, what));
            } else if (raw.space().equals(pre.targetSpace()) && s.space(m.targetSpace()) != null) {
                out.put(m.targetSpace(), alignTarget(m, rows, what));
            }
        }
        return out;
    }

    /**
     * Raw source vectors through a map: prepared as the rows it was fitted on ({@link #alignSource}) when it
     * records its preprocessing, else by the map alone (maps saved by older versions, or made elsewhere).
     */
    public static float[][] mapSource(LinearMap m, float[][] raw, String what) {
        if (m.preprocessing() != null) return alignSource(m, raw, what);
        float[][] out = new float[raw.length][];
        for (int i = 0; i < raw.length; i++) out[i] = m.apply(raw[i]);
        return out;
    }

    /** Raw vectors of an alignment's source (speech) space in its aligned space: unit, centre, unit, map (and PCA scale). */
    public static float[][] alignSource(LinearMap m, float[][] raw, String what) {
        LinearMap.Preprocessing pre = requirePreprocessing(m);
        int d = m.cols(), n = raw.length;
        float[] c = centreUnit(Vectors.normalizedRows(flat(raw, d, m, what), n, d, what, null), n, d, pre.sourceMean(), what);
        float[][] out = new float[n][];
        float[] u = new float[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(c, i * d, u, 0, d);
            float[] y = m.apply(u);
            if (pre.sourceProjection() != null) {
                // the map is W P_s; the fitted rows were W unit(P_s u)
                double ss = 0;
                for (int r = 0; r < m.rows(); r++) {
                    double v = 0;
                    for (int k = 0; k < d; k++) v += (double) pre.sourceProjection()[r * d + k] * u[k];
                    ss += v * v;
                }
                float inv = ss > 0 ? (float) (1 / Math.sqrt(ss)) : 0f;
                for (int r = 0; r < y.length; r++) y[r] *= inv;
            }
            out[i] = y;
        }
        return out;
    }

    /** Raw vectors of an alignment's text space in its aligned text space: unit, centre, unit (and PCA, unit). */
    public static float[][] alignTarget(LinearMap m, float[][] raw, String what) {
        LinearMap.Preprocessing pre = requirePreprocessing(m);
        int d = pre.targetDim(), n = raw.length, k = m.rows();
        float[] c = centreUnit(Vectors.normalizedRows(flat(raw, d, m, what), n, d, what, null), n, d, pre.targetMean(), what);
        if (pre.targetProjection() != null) {
            double[] p = new double[pre.targetProjection().length];
            for (int i = 0; i < p.length; i++) p[i] = pre.targetProjection()[i];
            c = project(c, n, d, p, k);
        }
        float[][] out = new float[n][k];
        for (int i = 0; i < n; i++) System.arraycopy(c, i * k, out[i], 0, k);
        return out;
    }

    private static LinearMap.Preprocessing requirePreprocessing(LinearMap m) {
        if (m.preprocessing() == null) {
            throw new WorkbenchException("Alignment '" + m.name() + "' does not record how its vectors were prepared (it was "
                    + "saved by an older version), so new vectors cannot be brought into it. Run the alignment again.");
        }
        return m.preprocessing();
    }

    private static float[] flat(float[][] rows, int d, LinearMap m, String what) {
        float[] f = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new WorkbenchException(what + ": a vector has " + rows[i].length + " values but alignment '" + m.name()
                        + "' was fitted on " + d + "; use the model the session was made with.");
            }
            System.arraycopy(rows[i], 0, f, i * d, d);
        }
        return f;
    }

    static float[] mean(float[] m, int n, int d) {
        double[] s = new double[d];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) s[c] += m[i * d + c];
        float[] f = new float[d];
        for (int c = 0; c < d; c++) f[c] = (float) (s[c] / n);
        return f;
    }

    /** (row - mean), scaled to unit length; a row equal to the mean is an error. */
    static float[] centreUnit(float[] m, int n, int d, float[] mean, String space) {
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                float v = m[i * d + c] - mean[c];
                out[i * d + c] = v;
                s += (double) v * v;
            }
            if (s == 0) {
                throw new WorkbenchException("Space '" + space + "': row " + i + " equals the mean of the space, so it has "
                        + "no direction after centring (are all items identical?). Remove duplicates or add items.");
            }
            float inv = (float) (1 / Math.sqrt(s));
            for (int c = 0; c < d; c++) out[i * d + c] *= inv;
        }
        return out;
    }

    /** k x d matrix of the leading principal directions (rows), from the covariance of the rows. */
    static double[] pca(float[] m, int n, int d, int k) {
        double[] cov = new double[d * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) row[c] = m[i * d + c];
            for (int a = 0; a < d; a++) for (int b = a; b < d; b++) cov[a * d + b] += row[a] * row[b];
        }
        for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) cov[a * d + b] = cov[b * d + a];
        Linalg.Eigen e = Linalg.eigPsd(cov, d);
        double[] p = new double[k * d];
        for (int r = 0; r < k; r++) for (int c = 0; c < d; c++) p[r * d + c] = e.vectors()[c * d + r];
        return p;
    }

    /** Rows projected by p (k x d) and renormalised. */
    static float[] project(float[] m, int n, int d, double[] p, int k) {
        float[] out = new float[n * k];
        for (int i = 0; i < n; i++) {
            double ss = 0;
            for (int r = 0; r < k; r++) {
                double s = 0;
                for (int c = 0; c < d; c++) s += p[r * d + c] * m[i * d + c];
                out[i * k + r] = (float) s;
                ss += s * s;
            }
            float inv = ss > 0 ? (float) (1 / Math.sqrt(ss)) : 0f;
            for (int r = 0; r < k; r++) out[i * k + r] *= inv;
        }
        return out;
    }

    private record Rows(float[] x, int[] keys, List<String> ids) { }

    /** One row per word (mean of its recordings, renormalised), most frequent words first; unlabelled recordings kept alone. */
    private static Rows pooled(Prepared p) {
        int n = p.pair().xKey().length, k = p.k();
        Map<Integer, List<Integer>> byKey = new LinkedHashMap<>();
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int key = p.pair().xKey()[i];
            if (key < 0) alone.add(i);
            else byKey.computeIfAbsent(key, z -> new ArrayList<>()).add(i);
        }
        List<Map.Entry<Integer, List<Integer>>> groups = new ArrayList<>(byKey.entrySet());
        groups.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
        int rows = groups.size() + alone.size();
        float[] x = new float[rows * k];
        int[] keys = new int[rows];
        List<String> ids = new ArrayList<>();
        int r = 0;
        for (Map.Entry<Integer, List<Integer>> g : groups) {
            double[] s = new double[k];
            for (int i : g.getValue()) for (int c = 0; c < k; c++) s[c] += p.x()[i * k + c];
            double nn = 0;
            for (double v : s) nn += v * v;
            for (int c = 0; c < k; c++) x[r * k + c] = (float) (s[c] / Math.sqrt(Math.max(nn, 1e-30)));
            keys[r] = g.getKey();
            ids.add(p.pair().speech().itemIds().get(g.getValue().get(0)));
            r++;
        }
        for (int i : alone) {
            System.arraycopy(p.x(), i * k, x, r * k, k);
            keys[r] = -1;
            ids.add(p.pair().speech().itemIds().get(i));
            r++;
        }
        return new Rows(x, keys, ids);
    }

    private static Rows byFrequency(Prepared p) {
        int n = p.pair().xKey().length, k = p.k();
        int[] xk = p.pair().xKey();
        Map<Integer, Integer> count = new HashMap<>();
        for (int key : xk) if (key >= 0) count.merge(key, 1, Integer::sum);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Integer.compare(count.getOrDefault(xk[b], 0), count.getOrDefault(xk[a], 0)));
        float[] x = new float[n * k];
        int[] keys = new int[n];
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            System.arraycopy(p.x(), order[r] * k, x, r * k, k);
            keys[r] = xk[order[r]];
            ids.add(p.pair().speech().itemIds().get(order[r]));
        }
        return new Rows(x, keys, ids);
    }

    /** Every source row paired with every text row of the same key. */
    static int[][] transcriptPairs(AlignmentInput in) {
        Map<Integer, List<Integer>> ty = new HashMap<>();
        for (int j = 0; j < in.ny(); j++) if (in.yKey()[j] >= 0) ty.computeIfAbsent(in.yKey()[j], z -> new ArrayList<>()).add(j);
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < in.nx(); i++) {
            List<Integer> js = ty.get(in.xKey()[i]);
            if (in.xKey()[i] >= 0 && js != null) for (int j : js) pairs.add(new int[] {i, j});
        }
        return split(pairs);
    }

    /**
     * Pairs from a TSV: one "speech label TAB text label" per line; blank lines and lines starting with # are
     * skipped. Entries naming a label absent from the session are collected in {@code unknown}.
     */
    static int[][] dictionaryPairs(Path file, AlignmentInput in, Map<String, Integer> keyOf, List<String> unknown) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkbenchException("Cannot read dictionary " + file + ": " + e.getMessage() + ". Check the path.", e);
        }
        Map<Integer, List<Integer>> sx = new HashMap<>(), ty = new HashMap<>();
        for (int i = 0; i < in.nx(); i++) if (in.xKey()[i] >= 0) sx.computeIfAbsent(in.xKey()[i], z -> new ArrayList<>()).add(i);
        for (int j = 0; j < in.ny(); j++) if (in.yKey()[j] >= 0) ty.computeIfAbsent(in.yKey()[j], z -> new ArrayList<>()).add(j);
        List<int[]> pairs = new ArrayList<>();
        int entries = 0;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (ln == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 2) {
                throw new WorkbenchException("Dictionary " + file + " line " + (ln + 1) + ": expected 'speech label<TAB>text label', got "
                        + f.length + " field(s): '" + line + "'. Separate the two labels with one tab.");
            }
            entries++;
            Integer a = keyOf.get(Labels.matchKey(f[0])), b = keyOf.get(Labels.matchKey(f[1]));
            List<Integer> xs = a == null ? null : sx.get(a), ys = b == null ? null : ty.get(b);
            if (xs == null || ys == null) {
                unknown.add("line " + (ln + 1) + ": " + (xs == null ? "speech label '" + f[0] + "'" : "text label '" + f[1] + "'") + " not in the session");
                continue;
            }
            for (int i : xs) for (int j : ys) pairs.add(new int[] {i, j});
        }
        if (entries == 0) {
            throw new WorkbenchException("Dictionary " + file + " has no entries. Write one 'speech label<TAB>text label' per line.");
        }
        return split(pairs);
    }

    private static int[][] split(List<int[]> pairs) {
        int[] a = new int[pairs.size()], b = new int[pairs.size()];
        for (int p = 0; p < a.length; p++) {
            a[p] = pairs.get(p)[0];
            b[p] = pairs.get(p)[1];
        }
        return new int[][] {a, b};
    }

    private static void store(Session s, Request r, Prepared p, AlignmentResult res, Diagnostics.Report diag, Aligner aligner,
                              int[][] dict, List<String> unknown, double secs) {
        SpacePair pair = p.pair();
        int dx = pair.speech().dim(), k = p.k();
        // full map: W (k x k) times the speech PCA projection (k x dx), or W alone
        double[] full = p.px() == null ? res.w() : Linalg.multiply(res.w(), k, k, p.px(), dx);
        Provenance prov = Provenance.of("align:" + r.method())
                .withAll(aligner.settings())
                .with("seed", r.seed())
                .with("pool", r.pool())
                .with("success", res.success())
                .with("verdict", res.verdict())
                .with("preprocessing", "unit length, minus space mean, unit length" + (p.px() == null ? "" : ", PCA to " + k + " dimensions, unit length"))
                .with("applies.to", "speech vectors preprocessed as above (the mean is that of the space '" + pair.speech().space() + "')")
                .with("speech.space", pair.speech().space())
                .with("text.space", pair.text().space())
                .with("seconds", secs);
        if (r.dictionary() != null) {
            prov = prov.with("dictionary", r.dictionary().toAbsolutePath()).with("dictionary.unknown.entries", unknown.size());
            try {
                prov = prov.with("dictionary.sha256", org.crossmodal.workbench.session.SessionStore.sha256(Files.readAllBytes(r.dictionary())));
            } catch (IOException e) {
                throw new WorkbenchException("Cannot read dictionary " + r.dictionary() + ": " + e.getMessage(), e);
            }
        } else if (dict != null) {
            prov = prov.with("dictionary", "the session's transcripts");
        }
        if (dict != null) prov = prov.with("dictionary.pairs", dict[0].length);
        for (Map.Entry<String, Object> e : res.report().entrySet()) prov = prov.with("report." + e.getKey(), e.getValue());
        for (Map.Entry<String, Object> e : diag.asMap().entrySet()) prov = prov.with("diagnostics." + e.getKey(), e.getValue());
        String name = r.method();
        String shared = "align:" + name;
        String mappedName = pair.speech().space() + "@" + name, textName = pair.text().space() + "@" + name;
        LinearMap.Preprocessing pre = new LinearMap.Preprocessing(p.meanX(), p.px() == null ? null : Linalg.toFloat(p.px()),
                pair.text().space(), p.meanY(), p.py() == null ? null : Linalg.toFloat(p.py()));
        s.putAlignment(new LinearMap(name, pair.speech().space(), textName, k, dx, Linalg.toFloat(full), prov, pre));
        // mapped recordings (every item, not pooled) and preprocessed text rows
        float[] xm = new float[pair.xKey().length * k];
        float[] wf = Linalg.toFloat(res.w());
        int nx = pair.xKey().length;
        for (int i = 0; i < nx; i++) {
            for (int a = 0; a < k; a++) {
                double v = 0;
                for (int c = 0; c < k; c++) v += wf[a * k + c] * p.x()[i * k + c];
                xm[i * k + a] = (float) v;
            }
        }
        s.putSpace(new EmbeddingSet(mappedName, Modality.SPEECH, pair.speech().itemIds(), k, xm, shared,
                Provenance.of("align:" + name).with("from", pair.speech().space()).with("alignment", name)));
        s.putSpace(new EmbeddingSet(textName, Modality.TEXT, pair.text().itemIds(), k, p.y(), shared,
                Provenance.of("align:" + name).with("from", pair.text().space()).with("alignment", name)
                        .with("preprocessing", prov.get("preprocessing"))));
    }
}
