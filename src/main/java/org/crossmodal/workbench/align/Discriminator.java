package org.crossmodal.workbench.align;

import java.util.SplittableRandom;

/**
 * The adversary: d -> h -> h -> 1 with LeakyReLU(0.2) hidden layers, dropout on the input and a sigmoid
 * output giving the probability that a vector is a mapped source vector. Trained by plain SGD on binary
 * cross-entropy; products go through the SIMD kernel.
 */
final class Discriminator {
    private static final float SLOPE = 0.2f;
    final int d;
    final int h;
    final float[] w1; // h x d
    final float[] b1;
    final float[] w2; // h x h
    final float[] b2;
    final float[] w3; // h
    float b3;
    private final double dropout;
    private final SplittableRandom rnd;

    Discriminator(int d, int h, double dropout, SplittableRandom rnd) {
        this.d = d;
        this.h = h;
        this.dropout = dropout;
        this.rnd = rnd;
        w1 = uniform(h * d, 1 / Math.sqrt(d));
        b1 = uniform(h, 1 / Math.sqrt(d));
        w2 = uniform(h * h, 1 / Math.sqrt(h));
        b2 = uniform(h, 1 / Math.sqrt(h));
        w3 = uniform(h, 1 / Math.sqrt(h));
        b3 = (float) ((rnd.nextDouble() * 2 - 1) / Math.sqrt(h));
    }

    private float[] uniform(int n, double bound) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        return a;
    }

    /**
     * One forward and backward pass on n inputs with targets; updates the weights by lr when lr > 0 and
     * returns the gradient of the mean loss with respect to the inputs (n x d), and the loss in loss[0].
     */
    float[] step(float[] in, int n, float[] target, double lr, boolean wantInputGrad, double[] loss) {
        float[] x = in;
        float[] mask = null;
        if (dropout > 0) {
            x = in.clone();
            mask = new float[in.length];
            float scale = (float) (1 / (1 - dropout));
            for (int i = 0; i < x.length; i++) {
                mask[i] = rnd.nextDouble() < dropout ? 0f : scale;
                x[i] *= mask[i];
            }
        }
        float[] a1 = Gemm.abt(x, n, d, w1, h);
        for (int i = 0; i < n; i++) for (int j = 0; j < h; j++) a1[i * h + j] += b1[j];
        float[] z1 = leaky(a1);
        float[] a2 = Gemm.abt(z1, n, h, w2, h);
        for (int i = 0; i < n; i++) for (int j = 0; j < h; j++) a2[i * h + j] += b2[j];
        float[] z2 = leaky(a2);
        float[] dOut = new float[n];
        double l = 0;
        for (int i = 0; i < n; i++) {
            double o = b3;
            for (int j = 0; j < h; j++) o += z2[i * h + j] * w3[j];
            double p = 1 / (1 + Math.exp(-o));
            double t = target[i];
            double pc = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
            l -= t * Math.log(pc) + (1 - t) * Math.log(1 - pc);
            dOut[i] = (float) ((p - t) / n);
        }
        loss[0] = l / n;
        // back through layer 3
        float[] dz2 = new float[n * h];
        float[] gw3 = new float[h];
        float gb3 = 0;
        for (int i = 0; i < n; i++) {
            float g = dOut[i];
            gb3 += g;
            for (int j = 0; j < h; j++) {
                gw3[j] += g * z2[i * h + j];
                dz2[i * h + j] = g * w3[j];
            }
        }
        float[] da2 = leakyGrad(dz2, a2);
        // layer 2
        float[] gw2 = Gemm.abt(Gemm.transpose(da2, n, h), h, n, Gemm.transpose(z1, n, h), h);
        float[] gb2 = colSums(da2, n, h);
        float[] dz1 = Gemm.abt(da2, n, h, Gemm.transpose(w2, h, h), h);
        float[] da1 = leakyGrad(dz1, a1);
        float[] gw1 = Gemm.abt(Gemm.transpose(da1, n, h), h, n, Gemm.transpose(x, n, d), d);
        float[] gb1 = colSums(da1, n, h);
        float[] dIn = null;
        if (wantInputGrad) {
            dIn = Gemm.abt(da1, n, h, Gemm.transpose(w1, h, d), d);
            if (mask != null) for (int i = 0; i < dIn.length; i++) dIn[i] *= mask[i];
        }
        if (lr > 0) {
            float f = (float) lr;
            for (int i = 0; i < w1.length; i++) w1[i] -= f * gw1[i];
            for (int i = 0; i < h; i++) b1[i] -= f * gb1[i];
            for (int i = 0; i < w2.length; i++) w2[i] -= f * gw2[i];
            for (int i = 0; i < h; i++) b2[i] -= f * gb2[i];
            for (int i = 0; i < h; i++) w3[i] -= f * gw3[i];
            b3 -= f * gb3;
        }
        return dIn;
    }

    private static float[] leaky(float[] a) {
        float[] z = new float[a.length];
        for (int i = 0; i < a.length; i++) z[i] = a[i] > 0 ? a[i] : SLOPE * a[i];
        return z;
    }

    private static float[] leakyGrad(float[] dz, float[] a) {
        float[] g = new float[dz.length];
        for (int i = 0; i < dz.length; i++) g[i] = a[i] > 0 ? dz[i] : SLOPE * dz[i];
        return g;
    }

    private static float[] colSums(float[] m, int n, int c) {
        float[] s = new float[c];
        for (int i = 0; i < n; i++) for (int j = 0; j < c; j++) s[j] += m[i * c + j];
        return s;
    }
}
