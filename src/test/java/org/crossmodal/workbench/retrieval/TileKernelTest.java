package org.crossmodal.workbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Both kernels compute every cell as the sequential fused multiply-add sum, bit for bit. */
class TileKernelTest {
    @Test
    void scalarAndSimdAgreeWithTheReferenceDot() {
        int d = 37, rows = 11, stride = TileKernel.BLOCK_COLS;
        Random r = new Random(9);
        float[] a = new float[(rows + 3) * d];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        float[] bt = new float[d * stride];
        for (int i = 0; i < bt.length; i++) bt[i] = (float) r.nextGaussian();
        float[] col = new float[d];
        TileKernel[] kernels = {new ScalarTileKernel(), new VectorTileKernel()};
        for (TileKernel k : kernels) {
            float[] out = new float[rows * stride];
            k.tile(a, d, 3, rows, bt, 0, stride, stride, out);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < stride; j++) {
                    for (int q = 0; q < d; q++) col[q] = bt[q * stride + j];
                    assertEquals(TileKernel.dot(a, (3 + i) * d, col, 0, d), out[i * stride + j], 0f, k.name() + " cell " + i + "," + j);
                }
            }
            // a block of 32 columns inside the larger matrix: columns 64..95, read at the matrix's own pitch
            int width = 32, off = 64;
            float[] part = new float[rows * width];
            k.tile(a, d, 3, rows, bt, off, stride, width, part);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < width; j++) assertEquals(out[i * stride + off + j], part[i * width + j], 0f, k.name() + " inner block " + i + "," + j);
            }
        }
        assertEquals(true, BlockedProduct.kernelName().startsWith("simd"), "tests run with the Vector API module");
    }
}
