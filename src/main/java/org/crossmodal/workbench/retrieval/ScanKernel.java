package org.crossmodal.workbench.retrieval;

/**
 * Scans over stored 16-bit cosines for the one-product CSLS ranking ({@link OnePassCsls}). Each approximate
 * score is {@code alpha * (q * inv) - penalty}; the scans return the first index whose score reaches a cut.
 */
interface ScanKernel {
    /** Stores {@code (short) (int) (x * scale)} of n floats (truncation towards zero). */
    void quantise(float[] x, int off, short[] out, int outOff, int n, float scale);

    /** First j in [from, to) with {@code alpha * (q[off + j] * inv) - pen[j] >= cut}, else to. */
    int next(short[] q, int off, float alpha, float inv, float[] pen, float cut, int from, int to);

    /** First c in [from, to) with {@code x[off + c] >= cut}, else to. */
    int next(float[] x, int off, float cut, int from, int to);

    /** First c in [from, to) with {@code x[off + c] >= cut[cutOff + c]}, else to. */
    int nextEach(float[] x, int off, float[] cut, int cutOff, int from, int to);

    /** First j in [from, to) with {@code alpha * x[off + j] - pen >= cut[j]}, else to. */
    int nextScore(float[] x, int off, float alpha, float pen, float[] cut, int from, int to);

    String name();

    static ScanKernel choose() {
        if (!Boolean.getBoolean("workbench.scalar") && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (ScanKernel) Class.forName("org.crossmodal.workbench.retrieval.VectorScanKernel")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                // fall back to the portable scans
            }
        }
        return new Scalar();
    }

    /** Portable scans. */
    final class Scalar implements ScanKernel {
        @Override
        public void quantise(float[] x, int off, short[] out, int outOff, int n, float scale) {
            for (int c = 0; c < n; c++) out[outOff + c] = (short) (int) (x[off + c] * scale);
        }

        @Override
        public int next(short[] q, int off, float alpha, float inv, float[] pen, float cut, int from, int to) {
            for (int j = from; j < to; j++) if (alpha * (q[off + j] * inv) - pen[j] >= cut) return j;
            return to;
        }

        @Override
        public int next(float[] x, int off, float cut, int from, int to) {
            for (int c = from; c < to; c++) if (x[off + c] >= cut) return c;
            return to;
        }

        @Override
        public int nextEach(float[] x, int off, float[] cut, int cutOff, int from, int to) {
            for (int c = from; c < to; c++) if (x[off + c] >= cut[cutOff + c]) return c;
            return to;
        }

        @Override
        public int nextScore(float[] x, int off, float alpha, float pen, float[] cut, int from, int to) {
            for (int j = from; j < to; j++) if (alpha * x[off + j] - pen >= cut[j]) return j;
            return to;
        }

        @Override
        public String name() {
            return "scalar";
        }
    }
}
