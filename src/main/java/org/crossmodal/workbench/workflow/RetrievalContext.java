package org.crossmodal.workbench.workflow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Labels;
import org.crossmodal.workbench.core.LinearMap;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.retrieval.BlockedProduct;
import org.crossmodal.workbench.retrieval.CrossRetrieval;
import org.crossmodal.workbench.retrieval.Metrics;
import org.crossmodal.workbench.retrieval.PairStats;
import org.crossmodal.workbench.retrieval.Ranked;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;
import org.crossmodal.workbench.session.Session;

/**
 * Retrieval between a session's speech and text items in one space: the aligned pair of an alignment, or the
 * raw spaces when they share a dimension. Keeps the CSLS / inverted-softmax statistics per method, so the GUI
 * can ask for the neighbours of many items cheaply. Not thread-safe; one per session state.
 */
public final class RetrievalContext {
    private final SpacePair pair;
    private final String alignment;
    private final List<String> notes;
    private final Map<RetrievalMethod, PairStats> stats = new EnumMap<>(RetrievalMethod.class);
    private final Map<RetrievalMethod, Integer> statsK = new EnumMap<>(RetrievalMethod.class);

    private RetrievalContext(SpacePair pair, String alignment, List<String> notes) {
        this.pair = pair;
        this.alignment = alignment;
        this.notes = List.copyOf(notes);
    }

    /**
     * @param alignment an alignment's name, or null: the most recently listed alignment if any, else the raw spaces
     */
    public static RetrievalContext of(Session s, String alignment) {
        List<String> notes = new ArrayList<>();
        LinearMap map = null;
        if (alignment != null) {
            map = s.alignments().get(alignment);
            if (map == null) {
                throw new WorkbenchException("The session has no alignment '" + alignment + "'; it has "
                        + s.alignments().keySet() + ". Run workbench align first or name one of those.");
            }
        } else if (!s.alignments().isEmpty()) {
            for (LinearMap m : s.alignments().values()) map = m;
        }
        SpacePair pair;
        if (map != null) {
            EmbeddingSet sp = s.space(map.sourceSpace() + "@" + map.name()), tx = s.space(map.targetSpace());
            if (sp == null || tx == null) {
                throw new WorkbenchException("Alignment '" + map.name() + "' has lost its aligned spaces; run workbench align again.");
            }
            pair = SpacePair.of(s, sp, tx);
            notes.add("alignment '" + map.name() + "' (" + map.provenance().get("verdict") + ")");
            if ("false".equals(map.provenance().get("success"))) {
                notes.add("WARNING: the alignment reported that it failed; these figures describe a map that was not found");
            }
        } else {
            pair = SpacePair.of(s, (String) null, (String) null);
            if (pair.speech().dim() != pair.text().dim()) {
                throw new WorkbenchException("Speech space '" + pair.speech().space() + "' has " + pair.speech().dim()
                        + " dimensions and text space '" + pair.text().space() + "' has " + pair.text().dim()
                        + "; they cannot be compared before alignment. Run workbench align SESSION --method ... first.");
            }
            String a = pair.speech().sharedSpace(), b = pair.text().sharedSpace();
            notes.add(a != null && a.equals(b) ? "raw spaces (shared space '" + a + "')"
                    : "raw spaces without alignment: they do not declare a shared space, so the figures show chance-level "
                    + "agreement unless the towers were trained together");
        }
        return new RetrievalContext(pair, map == null ? null : map.name(), notes);
    }

    public SpacePair pair() {
        return pair;
    }

    /** The alignment used, or null for the raw spaces. */
    public String alignment() {
        return alignment;
    }

    public List<String> notes() {
        return notes;
    }

    private PairStats stats(RetrievalOptions o, ProgressListener progress, Cancellation cancel) {
        PairStats st = stats.get(o.method());
        if (st == null || statsK.get(o.method()) != o.cslsK() * 1000 + (int) o.isfBeta()) {
            st = CrossRetrieval.stats(pair.x(), pair.xKey().length, pair.y(), pair.yKey().length, pair.d(), o, progress, cancel);
            stats.put(o.method(), st);
            statsK.put(o.method(), o.cslsK() * 1000 + (int) o.isfBeta());
        }
        return st;
    }

    /**
     * One retrieval direction's metrics, its worst-served queries, and the rank of every query's true
     * match (1-based, 0 when it has none; for histograms).
     */
    public record Direction(String name, Metrics metrics, List<WorstItem> worst, int[] trueRanks) { }

    /** A badly served query: its item, the rank of its true match, and what came first instead. */
    public record WorstItem(String itemId, String label, int rank, String firstId, String firstLabel) { }

    /** Metrics in both directions. */
    public record Evaluation(String speechSpace, String textSpace, String alignment, RetrievalOptions options,
                             Direction speechToText, Direction textToSpeech, int duplicateTextLabels,
                             List<String> notes, String kernel, double seconds) { }

    public Evaluation evaluate(RetrievalOptions o, ProgressListener progress, Cancellation cancel) {
        long t0 = System.nanoTime();
        RetrievalOptions ok = o.withK(Math.max(o.k(), 10));
        PairStats st = stats(ok, progress, cancel);
        CrossRetrieval.Result r = CrossRetrieval.run(pair.x(), pair.xKey().length, pair.y(), pair.yKey().length, pair.d(),
                pair.xKey(), pair.yKey(), st, ok.k(), ok.threadCount(), true, true, progress, cancel);
        Direction s2t = direction("speech->text", r.forward(), pair.speechItems(), pair.textItems());
        Direction t2s = direction("text->speech", r.backward(), pair.textItems(), pair.speechItems());
        java.util.Set<String> seen = new java.util.HashSet<>();
        int dup = 0;
        for (Item it : pair.textItems()) {
            String k = Labels.matchKey(it.label());
            if (!k.isEmpty() && !seen.add(k)) dup++;
        }
        List<String> n = new ArrayList<>(notes);
        if (dup > 0) n.add(dup + " text items repeat another's label; any of them counts as the true match");
        return new Evaluation(pair.speech().space(), pair.text().space(), alignment, ok, s2t, t2s, dup, n, r.kernel(),
                (System.nanoTime() - t0) / 1e9);
    }

    private static Direction direction(String name, Ranked r, List<Item> queries, List<Item> candidates) {
        Metrics m = Metrics.of(r);
        List<WorstItem> w = new ArrayList<>();
        for (Metrics.Worst x : m.worst()) {
            Item q = queries.get(x.query());
            int first = r.neighbour(x.query(), 0);
            Item f = first >= 0 ? candidates.get(first) : null;
            w.add(new WorstItem(q.id(), q.label(), x.rank(), f == null ? null : f.id(), f == null ? null : f.label()));
        }
        return new Direction(name, m, w, r.trueRank().clone());
    }

    /** One neighbour of a query. */
    public record Neighbour(String itemId, String label, Modality modality, double score, boolean trueMatch) { }

    /**
     * The neighbours of one query in the other modality.
     *
     * @param trueMatchRank 1-based rank of the query's true match among all candidates, 0 when it has none
     * @param measure       "cosine", "CSLS" or "inverted softmax (log p)"
     */
    public record NeighbourList(String queryId, String queryLabel, Modality queryModality, List<Neighbour> neighbours,
                                int trueMatchRank, String measure, int candidates) { }

    /** Neighbours of a session item (speech -> text, or text -> speech). */
    public NeighbourList neighbours(String itemId, RetrievalOptions o, Cancellation cancel) {
        int xi = pair.speech().itemIds().indexOf(itemId);
        if (xi >= 0) return query(pair.x(), xi, pair.xKey()[xi], pair.speechItems().get(xi), true, o, cancel);
        int yi = pair.text().itemIds().indexOf(itemId);
        if (yi >= 0) return query(pair.y(), yi, pair.yKey()[yi], pair.textItems().get(yi), false, o, cancel);
        throw new WorkbenchException("Item '" + itemId + "' is in neither '" + pair.speech().space() + "' nor '"
                + pair.text().space() + "'.");
    }

    /** Neighbours of a text word among the recordings; the word must be one of the session's text items. */
    public NeighbourList neighboursOfWord(String word, RetrievalOptions o, Cancellation cancel) {
        String k = Labels.matchKey(word);
        for (int j = 0; j < pair.textItems().size(); j++) {
            if (Labels.matchKey(pair.textItems().get(j).label()).equals(k) && !k.isEmpty()) {
                return query(pair.y(), j, pair.yKey()[j], pair.textItems().get(j), false, o, cancel);
            }
        }
        throw new WorkbenchException("No text item says '" + word + "' in space '" + pair.text().space()
                + "'. Add the word with workbench embed --text, or pick one of the session's words.");
    }

    /**
     * Neighbours among the text items of a new speech vector already in this context's space (mapped and
     * preprocessed like the session's recordings). For CSLS the candidates' neighbourhoods are those of the session.
     */
    public NeighbourList neighboursOfSpeechVector(float[] v, String label, RetrievalOptions o, Cancellation cancel) {
        return newQuery(v, label, true, o, cancel);
    }

    /**
     * Neighbours among the recordings of a new text vector already in this context's text space (for example the
     * phoneme tower's vector of an IPA string, see {@link TextQuery}); label, when it names a word of the session,
     * marks the true matches. For CSLS the candidates' neighbourhoods are those of the session.
     */
    public NeighbourList neighboursOfTextVector(float[] v, String label, RetrievalOptions o, Cancellation cancel) {
        return newQuery(v, label, false, o, cancel);
    }

    private NeighbourList newQuery(float[] v, String label, boolean speech, RetrievalOptions o, Cancellation cancel) {
        if (v.length != pair.d()) throw new IllegalArgumentException("vector has " + v.length + " values, space has " + pair.d());
        float[] q = org.crossmodal.workbench.retrieval.Vectors.normalizedRows(v, 1, v.length, "query", List.of(label == null ? "query" : label));
        String k = Labels.matchKey(label);
        Integer key = k.isEmpty() ? null : pair.keyOf().get(k);
        Item it = new Item("query", speech ? Modality.SPEECH : Modality.TEXT, label == null ? "" : label, null, null);
        return run(q, key == null ? -1 : key, it, speech, o, cancel, Float.NaN);
    }

    private NeighbourList query(float[] side, int row, int key, Item item, boolean speech, RetrievalOptions o, Cancellation cancel) {
        int d = pair.d();
        float[] q = new float[d];
        System.arraycopy(side, row * d, q, 0, d);
        PairStats st = stats(o, ProgressListener.NONE, cancel);
        float own = speech ? st.sourcePenalty()[row] : st.targetPenalty()[row];
        return run(q, key, item, speech, o, cancel, own);
    }

    private NeighbourList run(float[] q, int key, Item item, boolean speech, RetrievalOptions o, Cancellation cancel, float ownPenalty) {
        int d = pair.d();
        PairStats st = stats(o, ProgressListener.NONE, cancel);
        float[] cand = speech ? pair.y() : pair.x();
        int[] candKey = speech ? pair.yKey() : pair.xKey();
        float[] candPen = speech ? st.targetPenalty() : st.sourcePenalty();
        float own = ownPenalty;
        if (Float.isNaN(own)) {
            // a new query: its own CSLS neighbourhood among the candidates (does not change the order)
            own = 0;
            if (o.method() == RetrievalMethod.CSLS) {
                var h = new org.crossmodal.workbench.retrieval.BruteForceIndex(cand, candKey.length, d, o.threadCount())
                        .search(q, 1, o.cslsK(), cancel);
                double s = 0;
                for (int r = 0; r < h.k(); r++) s += h.score(0, r);
                own = (float) (s / h.k());
            }
        }
        PairStats one = new PairStats(st.method(), st.alpha(), new float[] {own}, candPen);
        CrossRetrieval.Result r = CrossRetrieval.run(q, 1, cand, candKey.length, d, new int[] {key}, candKey, one, o.k(),
                o.threadCount(), true, false, ProgressListener.NONE, cancel);
        List<Item> candItems = speech ? pair.textItems() : pair.speechItems();
        List<Neighbour> ns = new ArrayList<>();
        Ranked f = r.forward();
        for (int i = 0; i < f.k(); i++) {
            int j = f.neighbour(0, i);
            if (j < 0) continue;
            Item c = candItems.get(j);
            ns.add(new Neighbour(c.id(), c.label(), c.modality(), f.score(0, i), key >= 0 && candKey[j] == key));
        }
        String measure = switch (o.method()) {
            case NN -> "cosine";
            case CSLS -> "CSLS";
            case ISF -> "inverted softmax (log p)";
        };
        return new NeighbourList(item.id(), item.label(), item.modality(), ns, f.trueRank()[0], measure, candKey.length);
    }

    /** The kernel doing the products ("simd-..." or "scalar"). */
    public static String kernel() {
        return BlockedProduct.kernelName();
    }
}
