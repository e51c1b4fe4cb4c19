package org.crossmodal.workbench.encoder;

import org.crossmodal.workbench.core.WorkbenchException;

/** Post-processing: model output to one vector per input (pooling, finiteness check, L2 normalisation). */
public final class PostProcessing {
    private PostProcessing() {
    }

    /**
     * Pools a model output into one vector per row.
     *
     * @param data         the output, flat, row-major
     * @param shape        [batch, dim] for pooling none, [batch, steps, dim] otherwise
     * @param pooling      none, mean or first
     * @param lengths      valid input steps per row (null = all valid)
     * @param paddedLength the padded input length; when the output has a different number of steps than the
     *                     input (a model that downsamples), the valid output steps are ceil(length * steps / padded)
     */
    public static float[][] pool(float[] data, long[] shape, ModelManifest.Pooling pooling, int[] lengths,
                                 int paddedLength) {
        int b = (int) shape[0];
        if (pooling == ModelManifest.Pooling.NONE) {
            if (shape.length != 2) throw new IllegalArgumentException("pooling none needs a [batch, dim] output");
            int d = (int) shape[1];
            float[][] out = new float[b][d];
            for (int i = 0; i < b; i++) System.arraycopy(data, i * d, out[i], 0, d);
            return out;
        }
        if (shape.length != 3) throw new IllegalArgumentException("pooling " + pooling.key() + " needs [batch, steps, dim]");
        int t = (int) shape[1], d = (int) shape[2];
        float[][] out = new float[b][d];
        for (int i = 0; i < b; i++) {
            int base = i * t * d;
            if (pooling == ModelManifest.Pooling.FIRST) {
                System.arraycopy(data, base, out[i], 0, d);
                continue;
            }
            int valid = validSteps(lengths == null ? paddedLength : lengths[i], paddedLength, t);
            double[] acc = new double[d];
            for (int s = 0; s < valid; s++) {
                int o = base + s * d;
                for (int k = 0; k < d; k++) acc[k] += data[o + k];
            }
            for (int k = 0; k < d; k++) out[i][k] = (float) (acc[k] / valid);
        }
        return out;
    }

    /** Valid output steps for an input of {@code length} out of {@code padded}, when the output has {@code steps}. */
    public static int validSteps(int length, int padded, int steps) {
        if (padded <= 0 || steps == padded) return Math.max(1, Math.min(steps, length));
        long v = ((long) length * steps + padded - 1) / padded;
        return (int) Math.max(1, Math.min(steps, v));
    }

    /** Scales v to unit L2 length in place; a zero vector stays zero. */
    public static void l2Normalize(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        if (s == 0) return;
        double inv = 1.0 / Math.sqrt(s);
        for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] * inv);
    }

    /** Index of the first NaN or infinite value, or -1. */
    public static int firstNonFinite(float[] v) {
        for (int i = 0; i < v.length; i++) if (!Float.isFinite(v[i])) return i;
        return -1;
    }

    /** Throws a clear error when a vector holds NaN or infinity. */
    static void requireFinite(float[] v, String model, int inputIndex, String inputDescription) {
        int bad = firstNonFinite(v);
        if (bad >= 0) {
            throw new WorkbenchException("Model " + model + " produced " + (Float.isNaN(v[bad]) ? "NaN" : "an infinite value")
                    + " (component " + bad + ") for input " + (inputIndex + 1) + " (" + inputDescription + ")."
                    + " The model or its export is broken for this input; check the model or leave the input out.");
        }
    }
}
