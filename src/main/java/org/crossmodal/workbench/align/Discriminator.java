package org.crossmodal.workbench.align;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.crossmodal.workbench.retrieval.BlockedProduct;

/**
 * The adversary: d -> h -> h -> 1 with LeakyReLU(0.2) hidden layers, dropout on the input and a sigmoid
 * output giving the probability that a vector is a mapped source vector. Trained by plain SGD on binary
 * cross-entropy; products go through the SIMD kernel.
 */
final class Discriminator {
    private static final float SLOPE = 0.2f;
    final int d;
    final int h;
    // the weights are kept transposed (W1ᵀ d x h, W2ᵀ h x h): the forward products then need no transposing
    final float[] w1t; // d x h
    final float[] b1;
    final float[] w2t; // h x h
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
        w1t = Gemm.transpose(uniform(h * d, 1 / Math.sqrt(d)), h, d);
        b1 = uniform(h, 1 / Math.sqrt(d));
        w2t = Gemm.transpose(uniform(h * h, 1 / Math.sqrt(h)), h, h);
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
            // four 16-bit uniform draws from each random long: an input is dropped when its draw is below the rate
            int cut = (int) Math.round(dropout * 65536);
            long bits = 0;
            for (int i = 0; i < x.length; i++) {
                if ((i & 3) == 0) bits = rnd.nextLong();
                int kept = (cut - 1 - (int) (bits & 0xFFFF)) >>> 31;  // 1 when the draw is at least the cut; no branch
                mask[i] = kept * scale;
                bits >>>= 16;
                x[i] *= mask[i];
            }
        }
        boolean train = lr > 0;
        // the weights in the kernel's layout, made once for both halves (forward x W1ᵀ and z1 W2ᵀ)
        Layers p = new Layers(BlockedProduct.Packed.transposed(w1t, h, d), BlockedProduct.Packed.transposed(w2t, h, h));
        Grad g;
        if (n >= 2 * MIN_HALF && BlockedProduct.defaultThreads() > 1) {
            // data-parallel: each core takes half the rows; the gradients of the two halves are summed in order
            int h0 = n / 2;
            float[] xa = Arrays.copyOfRange(x, 0, h0 * d), xb = Arrays.copyOfRange(x, h0 * d, n * d);
            float[] ta = Arrays.copyOfRange(target, 0, h0), tb = Arrays.copyOfRange(target, h0, n);
            Grad[] parts = new Grad[2];
            BlockedProduct.both(() -> parts[0] = grad(p, xa, h0, ta, n, train, wantInputGrad),
                    () -> parts[1] = grad(p, xb, n - h0, tb, n, train, wantInputGrad));
            g = parts[0].plus(parts[1]);
        } else {
            g = grad(p, x, n, target, n, train, wantInputGrad);
        }
        loss[0] = g.loss / n;
        float[] dIn = g.dIn;
        if (dIn != null && mask != null) for (int i = 0; i < dIn.length; i++) dIn[i] *= mask[i];
        if (train) {
            float f = (float) lr;
            for (int i = 0; i < w1t.length; i++) w1t[i] -= f * g.w1t[i];
            for (int i = 0; i < h; i++) b1[i] -= f * g.b1[i];
            for (int i = 0; i < w2t.length; i++) w2t[i] -= f * g.w2t[i];
            for (int i = 0; i < h; i++) b2[i] -= f * g.b2[i];
            for (int i = 0; i < h; i++) w3[i] -= f * g.w3[i];
            b3 -= f * g.b3;
        }
        return dIn;
    }

    /** Rows below which a batch is not split between cores. */
    private static final int MIN_HALF = 16;

    /** The weights packed for the products of one step. */
    private record Layers(BlockedProduct.Packed forward1, BlockedProduct.Packed forward2) { }

    /**
     * Gradients of the summed loss (each row's gradient scaled by 1 / total) over some rows; weights unchanged.
     * The weight gradients are transposed like the weights.
     */
    private record Grad(double loss, float[] w1t, float[] b1, float[] w2t, float[] b2, float[] w3, float b3, float[] dIn) {
        /** This plus o, summed into this one's arrays. */
        Grad plus(Grad o) {
            return new Grad(loss + o.loss, sum(w1t, o.w1t), sum(b1, o.b1), sum(w2t, o.w2t), sum(b2, o.b2), sum(w3, o.w3), b3 + o.b3,
                    dIn == null ? null : concat(dIn, o.dIn));
        }

        private static float[] sum(float[] a, float[] b) {
            if (a == null) return null;
            for (int i = 0; i < a.length; i++) a[i] += b[i];
            return a;
        }

        private static float[] concat(float[] a, float[] b) {
            float[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }
    }

    private Grad grad(Layers layers, float[] x, int n, float[] target, int total, boolean train, boolean wantInputGrad) {
        float[] a1 = Gemm.times(x, n, layers.forward1());
        for (int i = 0; i < n; i++) for (int j = 0; j < h; j++) a1[i * h + j] += b1[j];
        float[] z1 = leaky(a1);
        float[] a2 = Gemm.times(z1, n, layers.forward2());
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
            dOut[i] = (float) ((p - t) / total);
        }
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
        // layer 2 (weight gradients only when the weights are trained: the map's step leaves them alone)
        float[] gw2t = train ? Gemm.ab(Gemm.transpose(z1, n, h), h, n, da2, h) : null;  // z1ᵀ da2 = (da2ᵀ z1)ᵀ
        float[] gb2 = train ? colSums(da2, n, h) : null;
        // backward products as (W2ᵀ da2ᵀ)ᵀ and (W1ᵀ da1ᵀ)ᵀ: the kernel then lays out the small da rows, not the weights
        float[] dz1 = Gemm.transpose(Gemm.abt(w2t, h, h, da2, n), h, n);
        float[] da1 = leakyGrad(dz1, a1);
        float[] gw1t = train ? Gemm.ab(Gemm.transpose(x, n, d), d, n, da1, h) : null;
        float[] gb1 = train ? colSums(da1, n, h) : null;
        float[] dIn = wantInputGrad ? Gemm.transpose(Gemm.abt(w1t, d, h, da1, n), d, n) : null;
        return new Grad(l, gw1t, gb1, gw2t, gb2, train ? gw3 : null, gb3, dIn);
    }

    private static float[] leaky(float[] a) {
        float[] z = new float[a.length];
        for (int i = 0; i < a.length; i++) z[i] = Math.max(a[i], SLOPE * a[i]);  // the slope is below 1
        return z;
    }

    private static final int ONE_BITS = Float.floatToRawIntBits(1f), SLOPE_BITS = Float.floatToRawIntBits(SLOPE);

    /** dz times the slope of the activation at a: 1 where a > 0, else SLOPE; without branches, so it vectorises. */
    private static float[] leakyGrad(float[] dz, float[] a) {
        float[] g = new float[dz.length];
        for (int i = 0; i < dz.length; i++) {
            int bits = Float.floatToRawIntBits(a[i]);
            int notPositive = (bits | (bits - 1)) >>> 31;  // 1 for zero, -0 and negatives, 0 for a > 0
            g[i] = dz[i] * Float.intBitsToFloat(ONE_BITS + notPositive * (SLOPE_BITS - ONE_BITS));
        }
        return g;
    }

    private static float[] colSums(float[] m, int n, int c) {
        float[] s = new float[c];
        for (int i = 0; i < n; i++) for (int j = 0; j < c; j++) s[j] += m[i * c + j];
        return s;
    }
}
