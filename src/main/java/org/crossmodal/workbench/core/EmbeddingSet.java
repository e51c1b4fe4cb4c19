package org.crossmodal.workbench.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One embedding space: a float32 matrix with one row per item, row-major.
 *
 * @param space      the space's name, unique in a session (e.g. "speech:builtin", "text:minilm")
 * @param modality   the items' modality
 * @param itemIds    the item of each row
 * @param dim        columns
 * @param data       rows x dim floats, row-major
 * @param sharedSpace id of a jointly trained space shared with other towers, or null
 * @param provenance how it was made
 */
public record EmbeddingSet(String space, Modality modality, List<String> itemIds, int dim, float[] data,
                           String sharedSpace, Provenance provenance) {
    public EmbeddingSet {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(modality, "modality");
        itemIds = List.copyOf(itemIds);
        Objects.requireNonNull(data, "data");
        if (dim <= 0) throw new IllegalArgumentException("Space '" + space + "': dimension must be positive, got " + dim);
        if ((long) itemIds.size() * dim != data.length) {
            throw new IllegalArgumentException("Space '" + space + "': " + itemIds.size() + " items x " + dim
                    + " dimensions needs " + (long) itemIds.size() * dim + " values, got " + data.length);
        }
    }

    public int size() {
        return itemIds.size();
    }

    /** A copy of row i. */
    public float[] row(int i) {
        float[] r = new float[dim];
        System.arraycopy(data, i * dim, r, 0, dim);
        return r;
    }

    /** A copy of every row. */
    public float[][] rows() {
        float[][] r = new float[size()][];
        for (int i = 0; i < r.length; i++) r[i] = row(i);
        return r;
    }

    /** Row index of every item id. */
    public Map<String, Integer> indexById() {
        Map<String, Integer> m = new HashMap<>(itemIds.size() * 2);
        for (int i = 0; i < itemIds.size(); i++) m.put(itemIds.get(i), i);
        return m;
    }

    /** Builds a set from rows. */
    public static EmbeddingSet ofRows(String space, Modality modality, List<String> ids, float[][] rows,
                                      String sharedSpace, Provenance provenance) {
        if (rows.length == 0) throw new IllegalArgumentException("Space '" + space + "' has no rows.");
        int d = rows[0].length;
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("Space '" + space + "': row " + i + " has " + rows[i].length
                        + " values, expected " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return new EmbeddingSet(space, modality, ids, d, flat, sharedSpace, provenance);
    }
}
