package org.crossmodal.workbench.core;

import java.util.Objects;

/**
 * A linear map y = W x from one space onto another (the result of an alignment).
 *
 * @param name          e.g. "procrustes"
 * @param sourceSpace   space whose vectors are mapped
 * @param targetSpace   space they are mapped into
 * @param rows          output dimension
 * @param cols          input dimension
 * @param w             rows x cols, row-major
 * @param provenance    method, options, seed, dictionary, selection criterion
 * @param preprocessing how raw vectors of both sides were prepared before the map was fitted, so that vectors added
 *                      later can be brought into the aligned spaces the same way; null when unknown (maps made
 *                      before it was recorded, or not by an alignment)
 */
public record LinearMap(String name, String sourceSpace, String targetSpace, int rows, int cols, float[] w,
                        Provenance provenance, Preprocessing preprocessing) {
    public LinearMap {
        Objects.requireNonNull(w, "w");
        if ((long) rows * cols != w.length) {
            throw new IllegalArgumentException("Map '" + name + "': " + rows + "x" + cols + " needs " + (long) rows * cols
                    + " values, got " + w.length);
        }
        if (preprocessing != null) preprocessing.check(name, rows, cols);
    }

    /** A map without recorded preprocessing. */
    public LinearMap(String name, String sourceSpace, String targetSpace, int rows, int cols, float[] w, Provenance provenance) {
        this(name, sourceSpace, targetSpace, rows, cols, w, provenance, null);
    }

    /**
     * The preparation of raw vectors an alignment fitted its map on. A raw source vector x becomes
     * {@code W u / |P_s u|} with {@code u = unit(unit(x) - sourceMean)} (the map W already includes the source
     * projection P_s; without one the divisor is 1). A raw target vector y becomes {@code unit(P_t v)} with
     * {@code v = unit(unit(y) - targetMean)} (v itself without a target projection).
     *
     * @param sourceMean       mean of the unit source rows the map was fitted on (cols values)
     * @param sourceProjection rows x cols PCA projection of the source side, or null when none was applied
     * @param targetSpace      the raw target space the target rows came from (the map's targetSpace holds them prepared)
     * @param targetMean       mean of the unit raw target rows (targetDim values)
     * @param targetProjection rows x targetDim PCA projection of the target side, or null when none was applied
     */
    public record Preprocessing(float[] sourceMean, float[] sourceProjection, String targetSpace, float[] targetMean,
                                float[] targetProjection) {
        public Preprocessing {
            Objects.requireNonNull(sourceMean, "sourceMean");
            Objects.requireNonNull(targetSpace, "targetSpace");
            Objects.requireNonNull(targetMean, "targetMean");
        }

        public int targetDim() {
            return targetMean.length;
        }

        void check(String name, int rows, int cols) {
            if (sourceMean.length != cols) {
                throw new IllegalArgumentException("Map '" + name + "': the source mean has " + sourceMean.length
                        + " values, the map takes " + cols);
            }
            if (sourceProjection != null && sourceProjection.length != (long) rows * cols) {
                throw new IllegalArgumentException("Map '" + name + "': the source projection has " + sourceProjection.length
                        + " values, needs " + rows + "x" + cols);
            }
            if (targetProjection == null ? targetMean.length != rows : targetProjection.length != (long) rows * targetMean.length) {
                throw new IllegalArgumentException("Map '" + name + "': the target preprocessing (" + targetMean.length
                        + " values" + (targetProjection == null ? "" : ", projection of " + targetProjection.length)
                        + ") does not lead to the map's " + rows + " dimensions");
            }
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
