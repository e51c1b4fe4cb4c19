package org.crossmodal.workbench.retrieval;

import java.util.List;

import org.crossmodal.workbench.core.WorkbenchException;

/** Row checks and normalisation for float32 row-major matrices. */
public final class Vectors {
    private Vectors() { }

    /**
     * A copy with every row scaled to unit length. A row with a NaN or infinite value, or of zero length,
     * is an error naming the space and the item.
     */
    public static float[] normalizedRows(float[] data, int n, int d, String space, List<String> ids) {
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int off = i * d;
            for (int k = 0; k < d; k++) {
                float v = data[off + k];
                if (!Float.isFinite(v)) {
                    throw new WorkbenchException("Space '" + space + "': item '" + name(ids, i) + "' has a "
                            + (Float.isNaN(v) ? "NaN" : "infinite") + " value at dimension " + k
                            + "; re-encode it or remove the item.");
                }
                s += (double) v * v;
            }
            if (s == 0) {
                throw new WorkbenchException("Space '" + space + "': item '" + name(ids, i)
                        + "' is the zero vector and has no direction; re-encode it or remove the item.");
            }
            float inv = (float) (1.0 / Math.sqrt(s));
            for (int k = 0; k < d; k++) out[off + k] = data[off + k] * inv;
        }
        return out;
    }

    private static String name(List<String> ids, int i) {
        return ids != null && i < ids.size() ? ids.get(i) : "#" + i;
    }
}
