package org.crossmodal.workbench.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Labels;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.retrieval.Vectors;
import org.crossmodal.workbench.session.Session;

/**
 * A speech space and a text space of one session, unit-normalised, with the true-match key of every row
 * (rows whose folded labels are equal share a key; an empty label has none).
 */
public record SpacePair(EmbeddingSet speech, EmbeddingSet text, float[] x, float[] y, int[] xKey, int[] yKey,
                        List<Item> speechItems, List<Item> textItems, Map<String, Integer> keyOf) {

    public int d() {
        return speech.dim();
    }

    /** The speech and text spaces by name, or the only ones of each modality when a name is null. */
    public static SpacePair of(Session s, String speechSpace, String textSpace) {
        EmbeddingSet sp = pick(s, Modality.SPEECH, speechSpace);
        EmbeddingSet tx = pick(s, Modality.TEXT, textSpace);
        return of(s, sp, tx);
    }

    public static SpacePair of(Session s, EmbeddingSet sp, EmbeddingSet tx) {
        if (sp.size() < 2 || tx.size() < 2) {
            throw new WorkbenchException("Space '" + (sp.size() < 2 ? sp.space() : tx.space()) + "' has only "
                    + Math.min(sp.size(), tx.size()) + " item; alignment and retrieval need at least 2 per side. Add more items.");
        }
        Map<String, Integer> keys = new HashMap<>();
        List<Item> si = items(s, sp), ti = items(s, tx);
        int[] xk = keys(si, keys), yk = keys(ti, keys);
        return new SpacePair(sp, tx, Vectors.normalizedRows(sp.data(), sp.size(), sp.dim(), sp.space(), sp.itemIds()),
                Vectors.normalizedRows(tx.data(), tx.size(), tx.dim(), tx.space(), tx.itemIds()), xk, yk, si, ti, keys);
    }

    static EmbeddingSet pick(Session s, Modality m, String name) {
        if (name != null) {
            EmbeddingSet e = s.space(name);
            if (e == null) {
                throw new WorkbenchException("The session has no space '" + name + "'; it has " + s.spaces().keySet()
                        + ". Name one of those.");
            }
            if (e.modality() != m) throw new WorkbenchException("Space '" + name + "' holds " + e.modality().key() + ", not " + m.key() + ".");
            return e;
        }
        List<EmbeddingSet> c = new ArrayList<>();
        for (EmbeddingSet e : s.spaces(m)) if (!e.space().contains("@")) c.add(e);
        if (c.isEmpty()) {
            throw new WorkbenchException("The session has no " + m.key() + " space; embed some " + m.key()
                    + " first (workbench embed).");
        }
        if (c.size() > 1) {
            List<String> names = c.stream().map(EmbeddingSet::space).toList();
            throw new WorkbenchException("The session has several " + m.key() + " spaces " + names + "; choose one with --"
                    + (m == Modality.SPEECH ? "speech-space" : "text-space") + ".");
        }
        return c.get(0);
    }

    private static List<Item> items(Session s, EmbeddingSet e) {
        List<Item> out = new ArrayList<>(e.size());
        for (String id : e.itemIds()) {
            Item it = s.item(id);
            if (it == null) throw new WorkbenchException("Space '" + e.space() + "' names item '" + id + "' which the session lacks.");
            out.add(it);
        }
        return out;
    }

    private static int[] keys(List<Item> items, Map<String, Integer> keys) {
        int[] k = new int[items.size()];
        for (int i = 0; i < k.length; i++) {
            String mk = Labels.matchKey(items.get(i).label());
            k[i] = mk.isEmpty() ? -1 : keys.computeIfAbsent(mk, x -> keys.size());
        }
        return k;
    }
}
