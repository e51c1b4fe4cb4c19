package org.crossmodal.workbench.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/**
 * Exact retrieval between two sets of unit vectors (source x d, target x d, float32, row-major) in both
 * directions, by cosine, CSLS or inverted softmax, with the rank of every query's true match.
 *
 * <p>A query's true matches are the candidates with the same non-negative key (keys come from
 * {@code Labels.matchKey}); a key of -1 means unknown. Costs two blocked products for CSLS and ISF (one
 * for the statistics, one for the ranking) and one for NN; CSLS neighbours without evaluation (no key known)
 * cost one, see {@link #top}.
 */
public final class CrossRetrieval {
    private CrossRetrieval() { }

    /** Keys meaning "no true match known" for n rows (retrieval without evaluation). */
    public static int[] noKeys(int n) {
        int[] k = new int[n];
        java.util.Arrays.fill(k, -1);
        return k;
    }

    /** Both directions: source -> target and target -> source. */
    public record Result(Ranked forward, Ranked backward, PairStats stats, String kernel) { }

    /** The penalties of CSLS or ISF for this pair (zero penalties for NN). */
    public static PairStats stats(float[] src, int ns, float[] tgt, int nt, int d, RetrievalOptions o,
                                  ProgressListener progress, Cancellation cancel) {
        switch (o.method()) {
            case NN -> {
                return new PairStats(RetrievalMethod.NN, 1f, new float[ns], new float[nt]);
            }
            case CSLS -> {
                return OnePassCsls.neighbourhoods(src, ns, tgt, nt, d, o.cslsK(), o.threadCount(), progress, cancel);
            }
            case ISF -> {
                final double beta = o.isfBeta();
                double[] rowSum = new double[ns];
                List<double[]> cols = BlockedProduct.run(src, ns, tgt, nt, d, o.threadCount(), () -> new double[nt],
                        (colSum, i0, nr, j0, nc, tile, stride) -> {
                            for (int r = 0; r < nr; r++) {
                                int off = r * stride;
                                double acc = 0;
                                for (int c = 0; c < nc; c++) {
                                    double e = Math.exp(beta * (tile[off + c] - 1.0));
                                    acc += e;
                                    colSum[j0 + c] += e;
                                }
                                rowSum[i0 + r] += acc;
                            }
                        }, progress, cancel, "inverted-softmax normalisers");
                double[] col = cols.get(0);
                for (int t = 1; t < cols.size(); t++) {
                    double[] o2 = cols.get(t);
                    for (int j = 0; j < nt; j++) col[j] += o2[j];
                }
                float[] sp = new float[ns], tp = new float[nt];
                for (int i = 0; i < ns; i++) sp[i] = (float) (beta + Math.log(rowSum[i]));
                for (int j = 0; j < nt; j++) tp[j] = (float) (beta + Math.log(col[j]));
                return new PairStats(RetrievalMethod.ISF, (float) beta, sp, tp);
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * Retrieves in both directions.
     *
     * @param srcKey true-match key of each source row (-1 = none)
     * @param tgtKey true-match key of each target row (-1 = none)
     */
    public static Result run(float[] src, int ns, float[] tgt, int nt, int d, int[] srcKey, int[] tgtKey,
                             RetrievalOptions o, ProgressListener progress, Cancellation cancel) {
        if (o.method() == RetrievalMethod.CSLS && unknown(srcKey) && unknown(tgtKey) && srcKey.length == ns
                && tgtKey.length == nt) {
            // nothing to evaluate: the neighbours alone, from one product
            return top(src, ns, tgt, nt, d, o, true, true, progress, cancel);
        }
        PairStats st = stats(src, ns, tgt, nt, d, o, progress, cancel);
        return run(src, ns, tgt, nt, d, srcKey, tgtKey, st, o.k(), o.threadCount(), true, true, progress, cancel);
    }

    /**
     * The k best neighbours in the chosen directions (the other is null), without true-match ranks (every rank
     * is 0). CSLS costs one blocked product here (see {@link OnePassCsls}) instead of two when its cosine store
     * fits in the heap; the result is the same bit for bit.
     */
    public static Result top(float[] src, int ns, float[] tgt, int nt, int d, RetrievalOptions o, boolean forward,
                             boolean backward, ProgressListener progress, Cancellation cancel) {
        if (o.method() == RetrievalMethod.CSLS && ns > 0 && nt > 0 && OnePassCsls.fits(ns, nt)
                && OnePassCsls.unitRows(src, ns, d) && OnePassCsls.unitRows(tgt, nt, d)) {
            return OnePassCsls.run(src, ns, tgt, nt, d, o.k(), o.cslsK(), o.threadCount(), forward, backward, progress,
                    cancel).result();
        }
        PairStats st = stats(src, ns, tgt, nt, d, o, progress, cancel);
        return run(src, ns, tgt, nt, d, noKeys(ns), noKeys(nt), st, o.k(), o.threadCount(), forward, backward, progress,
                cancel);
    }

    private static boolean unknown(int[] keys) {
        for (int key : keys) if (key >= 0) return false;
        return true;
    }

    /** Retrieves with precomputed statistics; either direction may be skipped (its result is then null). */
    public static Result run(float[] src, int ns, float[] tgt, int nt, int d, int[] srcKey, int[] tgtKey,
                             PairStats st, int k, int threads, boolean forward, boolean backward,
                             ProgressListener progress, Cancellation cancel) {
        if (srcKey.length != ns || tgtKey.length != nt) throw new IllegalArgumentException("one key per row needed");
        if (st.sourcePenalty().length != ns || st.targetPenalty().length != nt) {
            throw new IllegalArgumentException("statistics were computed for other sets");
        }
        final float alpha = st.alpha();
        final float[] sp = st.sourcePenalty(), tp = st.targetPenalty();
        final int kf = Math.min(k, nt), kb = Math.min(k, ns);
        // best true-match score of each query, computed exactly as the kernel computes a cell
        final float[] bestF = forward ? bestTrue(src, ns, tgt, d, srcKey, tgtKey, alpha, tp) : null;
        final float[] bestB = backward ? bestTrue(tgt, nt, src, d, tgtKey, srcKey, alpha, sp) : null;
        final TopK rowTop = forward ? new TopK(ns, kf) : null;
        final int[] rowBeat = new int[ns];
        final class ColState {
            final TopK top = backward ? new TopK(nt, kb) : null;
            final int[] beat = backward ? new int[nt] : null;
        }
        List<ColState> cs = BlockedProduct.run(src, ns, tgt, nt, d, threads, ColState::new,
                (state, i0, nr, j0, nc, tile, stride) -> {
                    for (int r = 0; r < nr; r++) {
                        int i = i0 + r, off = r * stride, ki = srcKey[i];
                        if (forward) {
                            float th = rowTop.threshold(i);
                            float bt = bestF[i];
                            int beat = 0;
                            for (int c = 0; c < nc; c++) {
                                float s = alpha * tile[off + c] - tp[j0 + c];
                                if (s >= th) {
                                    rowTop.offer(i, s, j0 + c);
                                    th = rowTop.threshold(i);
                                }
                                if (s > bt && tgtKey[j0 + c] != ki) beat++;
                            }
                            rowBeat[i] += beat;
                        }
                        if (backward) {
                            float pen = sp[i];
                            TopK ct = state.top;
                            for (int c = 0; c < nc; c++) {
                                int j = j0 + c;
                                float s = alpha * tile[off + c] - pen;
                                if (s >= ct.score[j * kb + kb - 1]) ct.offer(j, s, i);
                                if (s > bestB[j] && tgtKey[j] != ki) state.beat[j]++;
                            }
                        }
                    }
                }, progress, cancel, "ranking");
        Ranked fw = null, bw = null;
        if (forward) {
            fw = finish(rowTop, rowBeat, bestF, ns, nt, kf, st.method() == RetrievalMethod.CSLS ? sp : null);
        }
        if (backward) {
            TopK col = cs.get(0).top;
            int[] beat = cs.get(0).beat;
            for (int t = 1; t < cs.size(); t++) {
                col.mergeFrom(cs.get(t).top);
                int[] b2 = cs.get(t).beat;
                for (int j = 0; j < nt; j++) beat[j] += b2[j];
            }
            bw = finish(col, beat, bestB, nt, ns, kb, st.method() == RetrievalMethod.CSLS ? tp : null);
        }
        return new Result(fw, bw, st, BlockedProduct.kernelName());
    }

    static Ranked finish(TopK top, int[] beat, float[] best, int nq, int nc, int k, float[] queryPenalty) {
        int[] rank = new int[nq];
        for (int q = 0; q < nq; q++) rank[q] = best[q] == Float.NEGATIVE_INFINITY ? 0 : 1 + beat[q];
        float[] score = top.score.clone();
        if (queryPenalty != null) {
            for (int q = 0; q < nq; q++) {
                for (int r = 0; r < k; r++) score[q * k + r] -= queryPenalty[q];
            }
        }
        int[] idx = top.index.clone();
        for (int p = 0; p < idx.length; p++) if (idx[p] == Integer.MAX_VALUE) idx[p] = -1;
        return new Ranked(nq, nc, k, idx, score, rank);
    }

    /** Per query, the highest ranking score (alpha cos - candidate penalty) of any of its true matches. */
    static float[] bestTrue(float[] q, int nq, float[] c, int d, int[] qKey, int[] cKey, float alpha, float[] cPen) {
        Map<Integer, List<Integer>> byKey = new HashMap<>();
        for (int j = 0; j < cKey.length; j++) {
            if (cKey[j] >= 0) byKey.computeIfAbsent(cKey[j], x -> new ArrayList<>()).add(j);
        }
        float[] best = new float[nq];
        Arrays.fill(best, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < nq; i++) {
            if (qKey[i] < 0) continue;
            List<Integer> js = byKey.get(qKey[i]);
            if (js == null) continue;
            for (int j : js) {
                float s = alpha * BlockedProduct.dot(q, i, c, j, d) - cPen[j];
                if (s > best[i]) best[i] = s;
            }
        }
        return best;
    }
}
