package org.crossmodal.workbench.retrieval;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernel on the Vector API: 4 rows x 2 vectors of accumulators kept in registers while the
 * shared dimension is walked once. Only loaded when the jdk.incubator.vector module is present.
 */
final class VectorTileKernel implements TileKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    VectorTileKernel() {
        if (BlockedProduct.GRAIN % (2 * L) != 0) throw new IllegalStateException("block width not a multiple of " + 2 * L);
    }

    @Override
    public void tile(float[] a, int d, int i0, int rows, float[] bt, int bOff, int pitch, int width, float[] out) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a0 = (i0 + r) * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
            for (int j = 0; j < width; j += 2 * L) {
                FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
                FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
                for (int k = 0; k < d; k++) {
                    int o = bOff + k * pitch + j;
                    FloatVector b0 = FloatVector.fromArray(S, bt, o);
                    FloatVector b1 = FloatVector.fromArray(S, bt, o + L);
                    FloatVector x = FloatVector.broadcast(S, a[a0 + k]);
                    c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                    x = FloatVector.broadcast(S, a[a1 + k]);
                    c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                    x = FloatVector.broadcast(S, a[a2 + k]);
                    c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                    x = FloatVector.broadcast(S, a[a3 + k]);
                    c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                }
                int o0 = r * width + j;
                c00.intoArray(out, o0); c01.intoArray(out, o0 + L);
                c10.intoArray(out, o0 + width); c11.intoArray(out, o0 + width + L);
                c20.intoArray(out, o0 + 2 * width); c21.intoArray(out, o0 + 2 * width + L);
                c30.intoArray(out, o0 + 3 * width); c31.intoArray(out, o0 + 3 * width + L);
            }
        }
        for (; r < rows; r++) {
            int a0 = (i0 + r) * d;
            for (int j = 0; j < width; j += L) {
                FloatVector c = FloatVector.zero(S);
                for (int k = 0; k < d; k++) {
                    c = FloatVector.broadcast(S, a[a0 + k]).fma(FloatVector.fromArray(S, bt, bOff + k * pitch + j), c);
                }
                c.intoArray(out, r * width + j);
            }
        }
    }

    @Override
    public String name() {
        return "simd-" + L + "x32";
    }
}
