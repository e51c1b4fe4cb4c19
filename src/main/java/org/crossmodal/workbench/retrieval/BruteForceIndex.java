package org.crossmodal.workbench.retrieval;

import java.util.Objects;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/** Exact search by the blocked, multi-threaded product. */
public final class BruteForceIndex implements NeighbourIndex {
    private final float[] data;
    private final int n;
    private final int d;
    private final int threads;

    /** @param data n x d unit vectors, row-major (not copied) */
    public BruteForceIndex(float[] data, int n, int d, int threads) {
        this.data = Objects.requireNonNull(data);
        if (n < 0 || d <= 0 || (long) n * d != data.length) throw new IllegalArgumentException(n + " x " + d + " does not match " + data.length + " values");
        this.n = n;
        this.d = d;
        this.threads = threads <= 0 ? BlockedProduct.defaultThreads() : threads;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public String describe() {
        return "exact(" + BlockedProduct.kernelName() + ")";
    }

    @Override
    public Hits search(float[] queries, int nq, int k, Cancellation cancel) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k + ".");
        if ((long) nq * d != queries.length) throw new IllegalArgumentException("queries must have " + d + " dimensions");
        int kk = Math.min(k, n);
        TopK top = new TopK(nq, Math.max(1, kk));
        if (kk > 0) {
            BlockedProduct.run(queries, nq, data, n, d, threads, () -> null, (st, i0, nr, j0, nc, tile, stride) -> {
                for (int r = 0; r < nr; r++) {
                    int i = i0 + r, off = r * stride;
                    float th = top.threshold(i);
                    for (int c = 0; c < nc; c++) {
                        float s = tile[off + c];
                        if (s >= th) {
                            top.offer(i, s, j0 + c);
                            th = top.threshold(i);
                        }
                    }
                }
            }, ProgressListener.NONE, cancel, "exact search");
        }
        int[] idx = top.index.clone();
        for (int p = 0; p < idx.length; p++) if (idx[p] == Integer.MAX_VALUE) idx[p] = -1;
        return new Hits(nq, Math.max(1, kk), idx, top.score.clone());
    }
}
