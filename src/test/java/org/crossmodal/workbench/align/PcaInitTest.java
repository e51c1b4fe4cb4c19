package org.crossmodal.workbench.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The principal-axes start recovers a planted rotation when the spread differs by axis and is skewed. */
class PcaInitTest {
    private static final int D = 12;

    /** n rows with variance 1 / (1 + k) along axis k and a skewed (exponential) distribution along each axis. */
    private static float[] skewed(int n, Random r) {
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < D; k++) x[i * D + k] = (float) ((-Math.log(1 - r.nextDouble()) - 1) / Math.sqrt(1 + k));
        }
        return x;
    }

    private static float[] rotate(float[] x, int n, double[] q) {
        float[] y = new float[x.length];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < D; a++) {
                double s = 0;
                for (int b = 0; b < D; b++) s += q[a * D + b] * x[i * D + b];
                y[i * D + a] = (float) s;
            }
        }
        return y;
    }

    @Test
    void recoversAPlantedRotation() {
        Random r = new Random(6);
        int n = 20_000;
        float[] x = skewed(n, r);
        double[] q = Linalg.randomOrthogonal(D, r);
        float[] y = rotate(x, n, q);
        double[] w = PcaInit.rotation(x, n, y, n, D);
        double worst = 0;
        for (int i = 0; i < D * D; i++) worst = Math.max(worst, Math.abs(w[i] - q[i]));
        assertTrue(worst < 0.05, "largest entry error " + worst);
        // orthogonal by construction
        double[] wwt = Linalg.multiplyABt(w, D, D, w, D);
        for (int a = 0; a < D; a++) for (int b = 0; b < D; b++) assertEquals(a == b ? 1 : 0, wwt[a * D + b], 1e-9);
    }

    @Test
    void axesAreOrientedByTheirSkew() {
        Random r = new Random(2);
        int n = 5_000;
        float[] x = skewed(n, r);
        for (int i = 0; i < x.length; i++) x[i] = -x[i];  // every axis now skews negatively
        double[] u = PcaInit.axes(x, n, D);
        // the first axis is the coordinate axis 0, pointing where the long tail is (negative coordinates)
        assertTrue(u[0] < -0.99, "first axis " + u[0]);
        assertTrue(Math.abs(u[D]) < 0.1, "first axis leaks into coordinate 1: " + u[D]);
    }

    @Test
    void tooFewRowsIsAClearError() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PcaInit.axes(new float[D], 1, D));
        assertTrue(e.getMessage().contains("at least 2 rows"), e.getMessage());
    }
}
