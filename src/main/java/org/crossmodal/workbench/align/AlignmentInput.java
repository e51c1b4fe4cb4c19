package org.crossmodal.workbench.align;

import java.util.List;
import java.util.Objects;

/**
 * Two preprocessed spaces of one dimension: source rows x (to be mapped) and target rows y, float32 unit
 * vectors, row-major, most frequent items first (the unsupervised methods use the leading rows).
 *
 * @param x    nx x d source rows
 * @param nx   source rows
 * @param y    ny x d target rows
 * @param ny   target rows
 * @param d    dimension
 * @param xKey true-match key of each source row (-1 unknown); used for seed dictionaries and evaluation only
 * @param yKey true-match key of each target row (-1 unknown)
 * @param xIds item id of each source row (for messages)
 * @param yIds item id of each target row
 */
public record AlignmentInput(float[] x, int nx, float[] y, int ny, int d, int[] xKey, int[] yKey,
                             List<String> xIds, List<String> yIds) {
    public AlignmentInput {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (d <= 0) throw new IllegalArgumentException("dimension must be positive");
        if ((long) nx * d != x.length || (long) ny * d != y.length) {
            throw new IllegalArgumentException("row counts do not match the data");
        }
        if (xKey.length != nx || yKey.length != ny) throw new IllegalArgumentException("one key per row needed");
    }
}
