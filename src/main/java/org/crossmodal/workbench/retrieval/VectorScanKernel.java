package org.crossmodal.workbench.retrieval;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The scans of {@link ScanKernel} on the Vector API. Only loaded when the jdk.incubator.vector module is present. */
final class VectorScanKernel implements ScanKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** As many shorts as F has floats. */
    private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, jdk.incubator.vector.VectorShape.forBitSize(L * 16));
    private final ScanKernel tail = new ScanKernel.Scalar();

    @Override
    public void quantise(float[] x, int off, short[] out, int outOff, int n, float scale) {
        int c = 0;
        for (; c + L <= n; c += L) {
            FloatVector v = FloatVector.fromArray(F, x, off + c).mul(scale);
            ((ShortVector) v.convertShape(VectorOperators.F2S, S, 0)).intoArray(out, outOff + c);
        }
        tail.quantise(x, off + c, out, outOff + c, n - c, scale);
    }

    private static FloatVector load(short[] q, int at) {
        return (FloatVector) ShortVector.fromArray(S, q, at).convertShape(VectorOperators.S2F, F, 0);
    }

    @Override
    public int next(short[] q, int off, float alpha, float inv, float[] pen, float cut, int from, int to) {
        int j = from;
        for (; j + L <= to; j += L) {
            FloatVector s = load(q, off + j).mul(inv).mul(alpha).sub(FloatVector.fromArray(F, pen, j));
            VectorMask<Float> m = s.compare(VectorOperators.GE, cut);
            if (m.anyTrue()) return j + m.firstTrue();
        }
        return tail.next(q, off, alpha, inv, pen, cut, j, to);
    }

    @Override
    public int next(float[] x, int off, float cut, int from, int to) {
        int c = from;
        for (; c + L <= to; c += L) {
            VectorMask<Float> m = FloatVector.fromArray(F, x, off + c).compare(VectorOperators.GE, cut);
            if (m.anyTrue()) return c + m.firstTrue();
        }
        return tail.next(x, off, cut, c, to);
    }

    @Override
    public int nextEach(float[] x, int off, float[] cut, int cutOff, int from, int to) {
        int c = from;
        for (; c + L <= to; c += L) {
            VectorMask<Float> m = FloatVector.fromArray(F, x, off + c).compare(VectorOperators.GE,
                    FloatVector.fromArray(F, cut, cutOff + c));
            if (m.anyTrue()) return c + m.firstTrue();
        }
        return tail.nextEach(x, off, cut, cutOff, c, to);
    }

    @Override
    public int nextScore(float[] x, int off, float alpha, float pen, float[] cut, int from, int to) {
        int j = from;
        for (; j + L <= to; j += L) {
            FloatVector s = FloatVector.fromArray(F, x, off + j).mul(alpha).sub(pen);
            VectorMask<Float> m = s.compare(VectorOperators.GE, FloatVector.fromArray(F, cut, j));
            if (m.anyTrue()) return j + m.firstTrue();
        }
        return tail.nextScore(x, off, alpha, pen, cut, j, to);
    }

    @Override
    public String name() {
        return "simd-" + L;
    }
}
