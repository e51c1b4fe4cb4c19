package org.crossmodal.workbench.retrieval;

/** Portable kernel: 4 x 4 register blocks of scalar fused multiply-adds. Used when the Vector API is absent. */
final class ScalarTileKernel implements TileKernel {
    @Override
    public void tile(float[] a, int d, int i0, int rows, float[] bt, int bOff, int pitch, int width, float[] out) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a0 = (i0 + r) * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
            for (int j = 0; j < width; j += 4) {
                float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
                float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
                for (int k = 0; k < d; k++) {
                    int o = bOff + k * pitch + j;
                    float b0 = bt[o], b1 = bt[o + 1], b2 = bt[o + 2], b3 = bt[o + 3];
                    float x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
                    c00 = Math.fma(x0, b0, c00); c01 = Math.fma(x0, b1, c01); c02 = Math.fma(x0, b2, c02); c03 = Math.fma(x0, b3, c03);
                    c10 = Math.fma(x1, b0, c10); c11 = Math.fma(x1, b1, c11); c12 = Math.fma(x1, b2, c12); c13 = Math.fma(x1, b3, c13);
                    c20 = Math.fma(x2, b0, c20); c21 = Math.fma(x2, b1, c21); c22 = Math.fma(x2, b2, c22); c23 = Math.fma(x2, b3, c23);
                    c30 = Math.fma(x3, b0, c30); c31 = Math.fma(x3, b1, c31); c32 = Math.fma(x3, b2, c32); c33 = Math.fma(x3, b3, c33);
                }
                int o0 = r * width + j, o1 = o0 + width, o2 = o1 + width, o3 = o2 + width;
                out[o0] = c00; out[o0 + 1] = c01; out[o0 + 2] = c02; out[o0 + 3] = c03;
                out[o1] = c10; out[o1 + 1] = c11; out[o1 + 2] = c12; out[o1 + 3] = c13;
                out[o2] = c20; out[o2 + 1] = c21; out[o2 + 2] = c22; out[o2 + 3] = c23;
                out[o3] = c30; out[o3 + 1] = c31; out[o3 + 2] = c32; out[o3 + 3] = c33;
            }
        }
        for (; r < rows; r++) {
            int a0 = (i0 + r) * d;
            for (int j = 0; j < width; j++) {
                float c = 0;
                for (int k = 0; k < d; k++) c = Math.fma(a[a0 + k], bt[bOff + k * pitch + j], c);
                out[r * width + j] = c;
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
