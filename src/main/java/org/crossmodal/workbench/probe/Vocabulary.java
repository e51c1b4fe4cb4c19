package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.Labels;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.encoder.TextEncoder;

/**
 * The candidate texts a recording is matched against: words or phrases with their unit vectors in the text
 * space. Words are told apart by {@link Labels#matchKey}; a repeated key keeps its first vector.
 */
public final class Vocabulary {
    private final List<String> words;
    private final float[][] vectors;
    private final Map<String, Integer> index;

    public Vocabulary(List<String> words, float[][] vectors) {
        if (words.size() != vectors.length) {
            throw new IllegalArgumentException(words.size() + " vocabulary words but " + vectors.length + " vectors.");
        }
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String k = Labels.matchKey(words.get(i));
            if (!k.isEmpty()) first.putIfAbsent(k, i);
        }
        List<String> w = new ArrayList<>(first.size());
        float[][] v = new float[first.size()][];
        Map<String, Integer> idx = new HashMap<>();
        int j = 0;
        int dim = -1;
        for (var e : first.entrySet()) {
            w.add(words.get(e.getValue()));
            v[j] = Vectors.normalized(vectors[e.getValue()]);
            if (dim >= 0 && v[j].length != dim) {
                throw new IllegalArgumentException("Vocabulary vectors differ in length: " + dim + " and " + v[j].length + ".");
            }
            dim = v[j].length;
            idx.put(e.getKey(), j++);
        }
        this.words = Collections.unmodifiableList(w);
        this.vectors = v;
        this.index = idx;
    }

    /** Encodes the words with a text encoder. */
    public static Vocabulary encode(List<String> words, TextEncoder encoder, ProgressListener progress, Cancellation cancel) {
        List<String> ws = words.stream().filter(s -> !Labels.matchKey(s).isEmpty()).distinct().toList();
        if (ws.isEmpty()) return new Vocabulary(List.of(), new float[0][]);
        return new Vocabulary(ws, encoder.encode(ws, progress == null ? ProgressListener.NONE : progress,
                cancel == null ? Cancellation.NONE : cancel));
    }

    public int size() {
        return words.size();
    }

    public List<String> words() {
        return words;
    }

    public String word(int i) {
        return words.get(i);
    }

    /** The unit vector of word i (not a copy: do not modify). */
    float[] vector(int i) {
        return vectors[i];
    }

    /** Index of the word with this label's match key, or -1. */
    public int indexOf(String label) {
        Integer i = index.get(Labels.matchKey(label));
        return i == null ? -1 : i;
    }

    /** Cosine of a unit vector with every word. */
    public double[] scores(float[] unit) {
        double[] s = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) s[i] = Vectors.dot(unit, vectors[i]);
        return s;
    }

    /** The index of the best-scoring word (first on ties), or -1 for an empty vocabulary. */
    public int top1(float[] unit) {
        int best = -1;
        double bs = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vectors.length; i++) {
            double s = Vectors.dot(unit, vectors[i]);
            if (s > bs) {
                bs = s;
                best = i;
            }
        }
        return best;
    }
}
