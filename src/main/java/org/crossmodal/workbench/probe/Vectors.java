package org.crossmodal.workbench.probe;

import java.util.function.UnaryOperator;

/** Small vector helpers shared by the probes (double accumulation, float storage). */
public final class Vectors {
    private Vectors() { }

    /** Cosine of two vectors of the same length; 0 when either is all zeros. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Cannot compare vectors of " + a.length + " and " + b.length
                    + " dimensions: the speech and text spaces differ; align them first.");
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) return 0;
        return dot / Math.sqrt(na * nb);
    }

    /** A copy scaled to unit length (a zero vector stays zero). */
    public static float[] normalized(float[] v) {
        double n = 0;
        for (float x : v) n += (double) x * x;
        float[] r = v.clone();
        if (n == 0) return r;
        double s = 1 / Math.sqrt(n);
        for (int i = 0; i < r.length; i++) r[i] = (float) (r[i] * s);
        return r;
    }

    /** Maps every row (speech vectors into the text space) and normalises it. */
    public static float[][] mapAll(float[][] rows, UnaryOperator<float[]> map) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = normalized(map.apply(rows[i]));
        return out;
    }

    /** Dot product of unit vectors = cosine. */
    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }
}
