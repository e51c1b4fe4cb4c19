package org.crossmodal.workbench.retrieval;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/**
 * CSLS top-k in both directions from one blocked product instead of two, with results identical bit for bit
 * to the two-pass path of {@link CrossRetrieval}.
 *
 * <p>CSLS needs every query's neighbourhood mean before it can rank, which is why the plain path computes the
 * product twice. The product runs by blocks of source rows, each block against every target, so:
 * <ul>
 *   <li><b>Targets -> sources</b> needs each source's mean, which is final as soon as its row block is done:
 *       the block's exact cosines are kept until then and ranked for every target on the spot.</li>
 *   <li><b>Sources -> targets</b> needs each target's mean, known only at the end. The product also stores every
 *       cosine in 16-bit fixed point (error at most {@link #COS_ERROR}), two bytes a cell instead of the d
 *       multiply-adds it costs to compute again. The ranking reads the stored cosines: a target whose
 *       approximate score is within twice the error of the k-th best approximate score might belong to the
 *       top k, so its cosine is computed again exactly; every other target provably does not.</li>
 * </ul>
 * Either way the top k are chosen and scored from exact cosines only.
 *
 * <p>The store takes {@code 2 ns nt} bytes (kept softly for the next call, since aligners call this in loops);
 * {@link #fits(int, int)} says whether the heap allows it, else the caller takes the two-pass path.
 */
public final class OnePassCsls {
    /** Fixed-point scale of the stored cosines (headroom above 1 for rounding in unit vectors). */
    static final float SCALE = 32_000f;
    private static final float INV = 1f / SCALE;
    /** Bound on |cos - stored / SCALE|: one step (the store truncates), plus slack for float rounding. */
    static final float COS_ERROR = 1.1f / SCALE;
    /** Rows of the product per stored block (the product's and the ranking's unit of parallel work). */
    private static final int BLOCK = BlockedProduct.BLOCK_ROWS;
    private static final ScanKernel SCAN = ScanKernel.choose();

    private OnePassCsls() { }

    /** Whether the cosine store for ns x nt fits in a quarter of the maximum heap. */
    public static boolean fits(int ns, int nt) {
        return 2L * ns * nt <= Runtime.getRuntime().maxMemory() / 4;
    }

    /** The last store, kept for the next call (aligners call this in loops); null while a call holds it. */
    private static final AtomicReference<java.lang.ref.SoftReference<short[][]>> SPARE = new AtomicReference<>();

    /** A store of the given shape: the spare one when it is large enough, else a new one with blocks made lazily. */
    private static short[][] takeStore(int blocks, int blockLength) {
        java.lang.ref.SoftReference<short[][]> ref = SPARE.getAndSet(null);
        short[][] s = ref == null ? null : ref.get();
        if (s == null || s.length < blocks || s[0] == null || s[0].length < blockLength) return new short[blocks][];
        for (int b = 0; b < blocks; b++) {
            if (s[b] != null && s[b].length < blockLength) s[b] = null;
        }
        return s;
    }

    private static void giveBack(short[][] store) {
        SPARE.set(new java.lang.ref.SoftReference<>(store));
    }

    /** Whether every row has a norm within 1e-3 of 1 or below, so every cosine fits the fixed-point store. */
    public static boolean unitRows(float[] x, int n, int d) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int q = i * d, e = q + d; q < e; q++) s += (double) x[q] * x[q];
            if (!(s <= 1.002)) return false;
        }
        return true;
    }

    /** The retrieval and how many cosines the forward ranking computed again exactly. */
    public record Outcome(CrossRetrieval.Result result, long exactForward) { }

    public static Outcome run(float[] src, int ns, float[] tgt, int nt, int d, int k, int cslsK, int threads,
                              boolean forward, boolean backward, ProgressListener progress, Cancellation cancel) {
        return run(src, ns, tgt, nt, d, k, cslsK, threads, forward, backward, progress, cancel, "CSLS (one product)");
    }

    /** The CSLS neighbourhood means alone (no ranking, no cosine store): one product. */
    static PairStats neighbourhoods(float[] src, int ns, float[] tgt, int nt, int d, int cslsK, int threads,
                                    ProgressListener progress, Cancellation cancel) {
        return run(src, ns, tgt, nt, d, 1, cslsK, threads, false, false, progress, cancel, "CSLS neighbourhoods").result().stats();
    }

    private static Outcome run(float[] src, int ns, float[] tgt, int nt, int d, int k, int cslsK, int threads,
                               boolean forward, boolean backward, ProgressListener progress, Cancellation cancel, String stage) {
        final int kcRow = Math.min(cslsK, nt), kcCol = Math.min(cslsK, ns);
        final int kf = Math.min(k, nt), kb = Math.min(k, ns);
        final float alpha = 2f;
        // The best cosines of each row and column: their heads give the neighbourhood means, all of them a first
        // lower bound on each source's k-th best score.
        final int mRow = Math.max(kcRow, kf), mCol = kcCol;
        final TopK rows = new TopK(ns, mRow);
        final float[] sp = new float[ns];
        final short[][] store = forward ? takeStore((ns + BLOCK - 1) / BLOCK, BLOCK * nt) : null;
        // Per worker: its columns' neighbourhoods so far, and (backward) its best CSLS sources of each target. A
        // row's neighbourhood is complete once its row block is, so the block's exact cosines, kept in cosines,
        // are ranked for the targets right then.
        final class Pass {
            final TopK colTop = new TopK(nt, mCol);
            final float[] colThreshold = negativeInfinity(nt);  // colTop's last kept score of each column, contiguous
            final float[] cosines = backward ? new float[BLOCK * nt] : null;
            final TopK bwTop = backward ? new TopK(nt, kb) : null;
            final float[] bwThreshold = backward ? negativeInfinity(nt) : null;
        }
        List<Pass> passes = BlockedProduct.run(src, ns, tgt, nt, d, threads, Pass::new,
                (w, i0, nr, j0, nc, tile, stride) -> {
                    short[] block = null;
                    if (forward) {
                        int b = i0 / BLOCK;
                        if (store[b] == null) store[b] = new short[BLOCK * nt];  // first touched by the worker filling it
                        block = store[b];
                    }
                    TopK ct = w.colTop;
                    float[] cth = w.colThreshold;
                    for (int r = 0; r < nr; r++) {
                        int i = i0 + r, off = r * stride;
                        if (forward) SCAN.quantise(tile, off, block, r * nt + j0, nc, SCALE);
                        if (backward) System.arraycopy(tile, off, w.cosines, r * nt + j0, nc);
                        float th = rows.threshold(i);
                        for (int c = SCAN.next(tile, off, th, 0, nc); c < nc; c = SCAN.next(tile, off, th, c + 1, nc)) {
                            rows.offer(i, tile[off + c], j0 + c);
                            th = rows.threshold(i);
                        }
                        for (int c = SCAN.nextEach(tile, off, cth, j0, 0, nc); c < nc;
                             c = SCAN.nextEach(tile, off, cth, j0, c + 1, nc)) {
                            int j = j0 + c;
                            ct.offer(j, tile[off + c], i);
                            cth[j] = ct.threshold(j);
                        }
                    }
                    if (j0 + nc < nt) return;
                    // the row block is complete: its neighbourhood means are final
                    for (int r = 0; r < nr; r++) sp[i0 + r] = rows.rowMean(i0 + r, kcRow);
                    if (!backward) return;
                    float[] cos = w.cosines, bth = w.bwThreshold;
                    TopK bt = w.bwTop;
                    for (int r = 0; r < nr; r++) {
                        int i = i0 + r, off = r * nt;
                        float pen = sp[i];
                        for (int j = SCAN.nextScore(cos, off, alpha, pen, bth, 0, nt); j < nt;
                             j = SCAN.nextScore(cos, off, alpha, pen, bth, j + 1, nt)) {
                            bt.offer(j, alpha * cos[off + j] - pen, i);  // the score as the two-pass path computes it
                            bth[j] = bt.threshold(j);
                        }
                    }
                }, progress, cancel, stage);
        TopK col = passes.get(0).colTop;
        for (int t = 1; t < passes.size(); t++) col.mergeFrom(passes.get(t).colTop);
        final float[] tp = col.rowMeans();

        Ranked fw = null, bw = null;
        long exactF = 0;
        if (backward) {
            TopK top = passes.get(0).bwTop;
            for (int t = 1; t < passes.size(); t++) top.mergeFrom(passes.get(t).bwTop);
            bw = CrossRetrieval.finish(top, new int[nt], negativeInfinity(nt), nt, ns, kb, tp);
        }
        if (forward) {
            // |approximate score - exact score| <= delta, so a source's top k lies among the targets whose
            // approximate score is at least (any lower bound of its k-th best exact score) - delta, and among those
            // within 2 delta of the k-th best approximate score
            final float delta = alpha * COS_ERROR + 1e-6f;
            final TopK top = new TopK(ns, kf);
            final class Row {
                final TopK approx = new TopK(1, kf);
                final TopK bound = new TopK(1, kf);
                int[] hit = new int[64];
                float[] hitScore = new float[64];
                float[] cos = new float[64];
                long exact;
            }
            List<Row> done = BlockedProduct.rowBlocks(ns, threads, Row::new, (w, i0, nr) -> {
                short[] block = store[i0 / BLOCK];
                for (int r = 0; r < nr; r++) {
                    int i = i0 + r, off = r * nt;
                    // a lower bound: the k-th best exact score among the row's kept cosines
                    TopK lb = w.bound;
                    lb.clearRow(0);
                    for (int p = 0; p < mRow; p++) {
                        int j = rows.index[i * mRow + p];
                        if (j == Integer.MAX_VALUE) break;
                        lb.offer(0, alpha * rows.score[i * mRow + p] - tp[j], j);
                    }
                    float floor = lb.threshold(0) - delta;
                    TopK ap = w.approx;
                    ap.clearRow(0);
                    int nh = 0;
                    float cut = floor;
                    for (int j = SCAN.next(block, off, alpha, INV, tp, cut, 0, nt); j < nt;
                         j = SCAN.next(block, off, alpha, INV, tp, cut, j + 1, nt)) {
                        float a = alpha * (block[off + j] * INV) - tp[j];
                        ap.offer(0, a, j);
                        if (nh == w.hit.length) {
                            w.hit = java.util.Arrays.copyOf(w.hit, 2 * nh);
                            w.hitScore = java.util.Arrays.copyOf(w.hitScore, 2 * nh);
                        }
                        w.hit[nh] = j;
                        w.hitScore[nh++] = a;
                        cut = Math.max(floor, ap.threshold(0) - 2 * delta);
                    }
                    int nc = 0;
                    for (int h = 0; h < nh; h++) {
                        if (w.hitScore[h] >= cut) w.hit[nc++] = w.hit[h];
                    }
                    if (w.cos.length < nc) w.cos = new float[w.hit.length];
                    dots(src, i, tgt, w.hit, nc, d, w.cos);
                    for (int h = 0; h < nc; h++) top.offer(i, alpha * w.cos[h] - tp[w.hit[h]], w.hit[h]);
                    w.exact += nc;
                }
            }, progress, cancel, "CSLS ranking");
            for (Row w : done) exactF += w.exact;
            fw = CrossRetrieval.finish(top, new int[ns], negativeInfinity(ns), ns, nt, kf, sp);
            giveBack(store);
        }
        return new Outcome(new CrossRetrieval.Result(fw, bw, new PairStats(RetrievalMethod.CSLS, alpha, sp, tp),
                BlockedProduct.kernelName()), exactF);
    }

    /**
     * Cosines of row i of a with rows js[0..n) of b, each the sequential fused multiply-add sum of
     * {@link TileKernel#dot}, bit for bit; four independent sums at a time so their latencies overlap.
     */
    static void dots(float[] a, int i, float[] b, int[] js, int n, int d, float[] out) {
        int ai = i * d, h = 0;
        for (; h + 4 <= n; h += 4) {
            int b0 = js[h] * d, b1 = js[h + 1] * d, b2 = js[h + 2] * d, b3 = js[h + 3] * d;
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            for (int k = 0; k < d; k++) {
                float x = a[ai + k];
                s0 = Math.fma(x, b[b0 + k], s0);
                s1 = Math.fma(x, b[b1 + k], s1);
                s2 = Math.fma(x, b[b2 + k], s2);
                s3 = Math.fma(x, b[b3 + k], s3);
            }
            out[h] = s0;
            out[h + 1] = s1;
            out[h + 2] = s2;
            out[h + 3] = s3;
        }
        for (; h < n; h++) out[h] = TileKernel.dot(a, ai, b, js[h] * d, d);
    }

    /** n times negative infinity: no true match known, or no threshold yet. */
    private static float[] negativeInfinity(int n) {
        float[] b = new float[n];
        java.util.Arrays.fill(b, Float.NEGATIVE_INFINITY);
        return b;
    }
}
