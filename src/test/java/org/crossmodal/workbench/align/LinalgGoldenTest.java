package org.crossmodal.workbench.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Pure-Java SVD and Procrustes against numpy (src/test/resources/golden/procrustes_golden.py). */
class LinalgGoldenTest {
    static JsonNode golden() throws Exception {
        try (InputStream in = LinalgGoldenTest.class.getResourceAsStream("/golden/procrustes_golden.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static double[] doubles(JsonNode a) {
        double[] f = new double[a.size()];
        for (int i = 0; i < f.length; i++) f[i] = a.get(i).asDouble();
        return f;
    }

    @Test
    void singularValuesMatchLapack() throws Exception {
        for (String name : new String[] {"svd_tall", "svd_illcond"}) {
            JsonNode g = golden().get(name);
            int m = g.get("m").asInt(), n = g.get("n").asInt();
            double[] a = doubles(g.get("a"));
            Linalg.Svd s = Linalg.svd(a, m, n);
            double[] want = doubles(g.get("s"));
            for (int i = 0; i < n; i++) assertEquals(want[i], s.s()[i], 1e-12 * Math.max(1, want[0]), name + " sigma " + i);
            // U diag(s) Vᵀ reconstructs A, U and V have orthonormal columns
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double r = 0;
                    for (int k = 0; k < n; k++) r += s.u()[i * n + k] * s.s()[k] * s.v()[j * n + k];
                    assertEquals(a[i * n + j], r, 1e-12, name + " reconstruction");
                }
            }
            double[] vtv = Linalg.multiply(Linalg.transpose(s.v(), n, n), n, n, s.v(), n);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) assertEquals(i == j ? 1 : 0, vtv[i * n + j], 1e-12);
        }
    }

    @Test
    void procrustesMatchesNumpy() throws Exception {
        JsonNode g = golden().get("procrustes");
        int n = g.get("n").asInt(), d = g.get("d").asInt();
        double[] xd = doubles(g.get("x")), yd = doubles(g.get("y"));
        float[] x = Linalg.toFloat(xd), y = Linalg.toFloat(yd);
        JsonNode xi = g.get("xi"), yi = g.get("yi");
        int[] a = new int[xi.size()], b = new int[yi.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = xi.get(i).asInt();
            b[i] = yi.get(i).asInt();
        }
        double[] w = AlignMath.procrustes(x, y, d, a, b);
        double[] want = doubles(g.get("w"));
        for (int i = 0; i < w.length; i++) assertEquals(want[i], w[i], 1e-9, "W[" + i + "]");
        assertEquals(n * d, x.length);
    }

    @Test
    void procrustesRecoversAPlantedRotationExactly() {
        int d = 20, n = 200;
        Random r = new Random(3);
        double[] q = Linalg.randomOrthogonal(d, r);
        float[] x = new float[n * d], y = new float[n * d];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += q[c * d + k] * x[i * d + k];
                y[i * d + c] = (float) s;
            }
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        double[] w = AlignMath.procrustes(x, y, d, idx, idx);
        for (int i = 0; i < w.length; i++) assertEquals(q[i], w[i], 1e-5);
    }
}
