package org.crossmodal.workbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The SIMD scans of the stored cosines find exactly what the portable ones find. */
class ScanKernelTest {
    @Test
    void simdAndScalarAgree() {
        ScanKernel simd = ScanKernel.choose(), scalar = new ScanKernel.Scalar();
        assertTrue(simd.name().startsWith("simd"), "tests run with the Vector API module");
        Random r = new Random(4);
        int n = 203;  // not a multiple of any vector width
        float[] x = new float[n + 5];
        for (int i = 0; i < x.length; i++) x[i] = (float) (2 * r.nextDouble() - 1);
        x[7] = 1f;
        x[8] = -1f;
        x[9] = 1.0001f;
        short[] qa = new short[n + 3], qb = new short[n + 3];
        simd.quantise(x, 5, qa, 3, n, OnePassCsls.SCALE);
        scalar.quantise(x, 5, qb, 3, n, OnePassCsls.SCALE);
        assertArrayEquals(qb, qa);
        for (int c = 0; c < n; c++) {
            assertTrue(Math.abs(x[5 + c] - qa[3 + c] / OnePassCsls.SCALE) <= OnePassCsls.COS_ERROR, "cell " + c);
        }
        float[] pen = new float[n], cut = new float[n];
        for (int j = 0; j < n; j++) {
            pen[j] = (float) r.nextDouble();
            cut[j] = (float) (r.nextDouble() + 0.8);
        }
        float inv = 1f / OnePassCsls.SCALE;
        for (float c : new float[] {-5f, 0.5f, 1.2f, 1.9f, 9f}) {
            int from = 0, hits = 0;
            while (true) {
                int a = simd.next(qa, 3, 2f, inv, pen, c, from, n), b = scalar.next(qa, 3, 2f, inv, pen, c, from, n);
                assertEquals(b, a, "next from " + from + " with cut " + c);
                if (a == n) break;
                hits++;
                from = a + 1;
            }
            if (c < -4) assertEquals(n, hits);
            if (c > 8) assertEquals(0, hits);
        }
        float[] xs = new float[n];
        for (int j = 0; j < n; j++) xs[j] = x[5 + j];
        for (float p : new float[] {-1f, 0.3f, 5f}) {
            int from = 0;
            while (from < n) {
                int a = simd.nextScore(xs, 0, 2f, p, cut, from, n), b = scalar.nextScore(xs, 0, 2f, p, cut, from, n);
                assertEquals(b, a, "nextScore from " + from + " with penalty " + p);
                from = a + 1;
            }
            from = 0;
            while (from < n) {
                int a = simd.next(xs, 0, p, from, n), b = scalar.next(xs, 0, p, from, n);
                assertEquals(b, a, "next (floats) from " + from);
                from = a + 1;
            }
            from = 0;
            while (from < n) {
                int a = simd.nextEach(xs, 0, cut, 0, from, n), b = scalar.nextEach(xs, 0, cut, 0, from, n);
                assertEquals(b, a, "nextEach (floats) from " + from);
                from = a + 1;
            }
        }
    }
}
