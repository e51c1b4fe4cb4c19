package org.crossmodal.workbench.core;

import java.util.Objects;

/**
 * A linear map y = W x from one space onto another (the result of an alignment).
 *
 * @param name        e.g. "procrustes"
 * @param sourceSpace space whose vectors are mapped
 * @param targetSpace space they are mapped into
 * @param rows        output dimension
 * @param cols        input dimension
 * @param w           rows x cols, row-major
 * @param provenance  method, options, seed, dictionary, selection criterion
 */
public record LinearMap(String name, String sourceSpace, String targetSpace, int rows, int cols, float[] w,
                        Provenance provenance) {
    public LinearMap {
        Objects.requireNonNull(w, "w");
        if ((long) rows * cols != w.length) {
            throw new IllegalArgumentException("Map '" + name + "': " + rows + "x" + cols + " needs " + (long) rows * cols
                    + " values, got " + w.length);
        }
    }

    public float[] apply(float[] x) {
        if (x.length != cols) throw new IllegalArgumentException("Map '" + name + "' takes " + cols + " values, got " + x.length);
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            int off = r * cols;
            for (int c = 0; c < cols; c++) s += w[off + c] * x[c];
            y[r] = (float) s;
        }
        return y;
    }
}
