package org.crossmodal.workbench.projection;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.BlockedProduct;

/**
 * k nearest neighbours of every row (Euclidean), excluding the row itself. Exact by brute force for small
 * inputs; beyond {@link #EXACT_LIMIT} rows, approximate: a forest of random-projection trees (each split is the
 * perpendicular bisector of two random points) gives candidates from shared leaves, then rounds of
 * neighbour-of-neighbour refinement improve them. Memory O(n k).
 *
 * @param n     rows
 * @param k     neighbours per row
 * @param index n x k neighbour rows, nearest first
 * @param dist2 n x k squared distances, ascending per row
 * @param exact whether the lists are exact
 */
record Knn(int n, int k, int[] index, float[] dist2, boolean exact) {
    /**
     * Above this many rows the approximate search is used. Exact search is the blocked SIMD product, O(n^2 d);
     * at 20,000 x 384 it took as long as the approximate one (about 2.5 s on 2 cores) and finds every neighbour.
     */
    static final int EXACT_LIMIT = 25_000;

    static Knn compute(float[] x, int n, int d, int k, long seed, ForkJoinPool pool, ProgressListener progress,
                       Cancellation cancel) {
        return n <= EXACT_LIMIT ? exact(x, n, d, k, pool, progress, cancel)
                : approximate(x, n, d, k, seed, pool, progress, cancel);
    }

    /**
     * Brute force on the blocked (SIMD when available) product of {@code retrieval}: |a-b|^2 = |a|^2 + |b|^2 - 2 a.b.
     * Each worker owns whole row blocks, so every row's list is filled by one thread in column order.
     */
    static Knn exact(float[] x, int n, int d, int k, ForkJoinPool pool, ProgressListener progress, Cancellation cancel) {
        if (k >= n) throw new IllegalArgumentException("k=" + k + " needs more than " + k + " rows, got " + n);
        int[] idx = new int[n * k];
        float[] dst = new float[n * k];
        java.util.Arrays.fill(dst, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(idx, -1);
        float[] norm = new float[n];
        for (int i = 0; i < n; i++) norm[i] = BlockedProduct.dot(x, i, x, i, d);
        int threads = pool == null ? 1 : pool.getParallelism();
        BlockedProduct.run(x, n, x, n, d, threads, () -> Boolean.TRUE, (st, i0, rows, j0, cols, tile, stride) -> {
            for (int r = 0; r < rows; r++) {
                int i = i0 + r, off = i * k;
                float ni = norm[i];
                int t = r * stride;
                for (int c = 0; c < cols; c++) {
                    int j = j0 + c;
                    if (j == i) continue;
                    float dd = Math.max(0f, ni + norm[j] - 2f * tile[t + c]);
                    if (dd < dst[off]) heapReplace(idx, dst, off, k, j, dd);
                }
            }
        }, (stage, done, total) -> progress.update("nearest neighbours (exact)", done, total), cancel, "knn");
        sortRows(idx, dst, n, k, cancel);
        return new Knn(n, k, idx, dst, true);
    }

    /** Random-projection forest plus neighbour-of-neighbour refinement. */
    static Knn approximate(float[] x, int n, int d, int k, long seed, ForkJoinPool pool, ProgressListener progress,
                           Cancellation cancel) {
        if (k >= n) throw new IllegalArgumentException("k=" + k + " needs more than " + k + " rows, got " + n);
        int[] idx = new int[n * k];
        float[] dst = new float[n * k];
        java.util.Arrays.fill(dst, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(idx, -1);
        int leafSize = Math.max(2 * k, 64);
        int trees = 4;
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] perm = new int[n];
        for (int t = 0; t < trees; t++) {
            cancel.check();
            progress.update("nearest neighbours (random-projection trees)", t, trees);
            for (int i = 0; i < n; i++) perm[i] = i;
            java.util.List<int[]> leaves = new java.util.ArrayList<>();
            split(x, d, perm, 0, n, leafSize, rnd.split(), leaves, cancel);
            int[][] leafArr = leaves.toArray(new int[0][]);
            // leaves are disjoint, so each task only touches the heaps of its own rows
            Matrices.parallelFor(pool, leafArr.length, 1, cancel, li -> {
                int[] leaf = leafArr[li];
                for (int a = 0; a < leaf.length; a++) {
                    int i = leaf[a];
                    int off = i * k;
                    for (int b = 0; b < leaf.length; b++) {
                        if (a == b) continue;
                        int j = leaf[b];
                        float dd = Matrices.sqDist(x, i, x, j, d);
                        if (dd < dst[off] && !contains(idx, off, k, j)) heapReplace(idx, dst, off, k, j, dd);
                    }
                }
            });
        }
        // neighbour-of-neighbour refinement: read from a frozen copy, write the live lists (own row only)
        int m = Math.min(k, 12);
        for (int round = 0; round < 2; round++) {
            cancel.check();
            progress.update("nearest neighbours (refinement)", round, 2);
            int[] frozenIdx = idx.clone();
            float[] frozenDst = dst.clone();
            sortRows(frozenIdx, frozenDst, n, k, cancel);
            Matrices.parallelFor(pool, n, 64, cancel, i -> {
                int off = i * k;
                for (int a = 0; a < m; a++) {
                    int j = frozenIdx[off + a];
                    if (j < 0) continue;
                    int offj = j * k;
                    for (int b = 0; b < m; b++) {
                        int c = frozenIdx[offj + b];
                        if (c < 0 || c == i) continue;
                        float dd = Matrices.sqDist(x, i, x, c, d);
                        if (dd < dst[off] && !contains(idx, off, k, c)) heapReplace(idx, dst, off, k, c, dd);
                    }
                }
            });
        }
        // any row left short (tiny leaves cannot happen with leafSize > k, but be safe): fill by brute force
        Matrices.parallelFor(pool, n, 64, cancel, i -> {
            int off = i * k;
            if (idx[off] >= 0) return;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                float dd = Matrices.sqDist(x, i, x, j, d);
                if (dd < dst[off] && !contains(idx, off, k, j)) heapReplace(idx, dst, off, k, j, dd);
            }
        });
        sortRows(idx, dst, n, k, cancel);
        return new Knn(n, k, idx, dst, false);
    }

    /**
     * Share of the true k nearest neighbours found, measured by brute force on {@code sample} rows drawn with the
     * seed (1.0 for exact lists).
     */
    double sampledRecall(float[] x, int d, int sample, long seed, ForkJoinPool pool, Cancellation cancel) {
        if (exact) return 1.0;
        int m = Math.min(n, sample);
        SplittableRandom r = new SplittableRandom(seed);
        int[] rows = r.ints(m, 0, n).toArray();
        long[] hits = new long[m];
        Matrices.parallelFor(pool, m, 1, cancel, s -> {
            int i = rows[s];
            int[] ti = new int[k];
            float[] td = new float[k];
            java.util.Arrays.fill(td, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(ti, -1);
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                float dd = Matrices.sqDist(x, i, x, j, d);
                if (dd < td[0]) heapReplace(ti, td, 0, k, j, dd);
            }
            java.util.Arrays.sort(ti);
            long h = 0;
            for (int a = 0; a < k; a++) if (java.util.Arrays.binarySearch(ti, index[i * k + a]) >= 0) h++;
            hits[s] = h;
        });
        long total = 0;
        for (long h : hits) total += h;
        return total / (double) (m * (long) k);
    }

    private static void split(float[] x, int d, int[] perm, int lo, int hi, int leafSize, SplittableRandom rnd,
                              java.util.List<int[]> leaves, Cancellation cancel) {
        int size = hi - lo;
        if (size <= leafSize) {
            leaves.add(java.util.Arrays.copyOfRange(perm, lo, hi));
            return;
        }
        cancel.check();
        // hyperplane: perpendicular bisector of two random rows; side = sign(<x, a-b> - (|a|^2-|b|^2)/2)
        float[] normal = new float[d];
        double offset = 0;
        int a = perm[lo + rnd.nextInt(size)], b = a;
        for (int tries = 0; tries < 8 && Matrices.sqDist(x, a, x, b, d) == 0f; tries++) b = perm[lo + rnd.nextInt(size)];
        for (int c = 0; c < d; c++) {
            float va = x[a * d + c], vb = x[b * d + c];
            normal[c] = va - vb;
            offset += (va * va - vb * vb) * 0.5;
        }
        float[] side = new float[size];
        for (int s = 0; s < size; s++) {
            int r = perm[lo + s] * d;
            double dot = 0;
            for (int c = 0; c < d; c++) dot += normal[c] * x[r + c];
            side[s] = (float) (dot - offset);
        }
        // partition: positive side first; ties and degenerate splits broken at random
        int i = lo, j = hi - 1;
        int si = 0, sj = size - 1;
        while (i <= j) {
            float v = side[si];
            boolean left = v > 0 || (v == 0 && rnd.nextBoolean());
            if (left) { i++; si++; } else {
                int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
                float tv = side[si]; side[si] = side[sj]; side[sj] = tv;
                j--; sj--;
            }
        }
        int mid = i;
        if (mid - lo < size / 10 || hi - mid < size / 10) {
            // unbalanced (e.g. duplicates): shuffle and cut in half so the tree stays shallow
            for (int s = hi - 1; s > lo; s--) {
                int r = lo + rnd.nextInt(s - lo + 1);
                int t = perm[s]; perm[s] = perm[r]; perm[r] = t;
            }
            mid = lo + size / 2;
        }
        split(x, d, perm, lo, mid, leafSize, rnd, leaves, cancel);
        split(x, d, perm, mid, hi, leafSize, rnd, leaves, cancel);
    }

    private static boolean contains(int[] idx, int off, int k, int j) {
        for (int a = off, e = off + k; a < e; a++) if (idx[a] == j) return true;
        return false;
    }

    /** Replaces the root (largest) of the max-heap at off with (j, dd) and sifts down. */
    static void heapReplace(int[] idx, float[] dst, int off, int k, int j, float dd) {
        int pos = 0;
        while (true) {
            int l = 2 * pos + 1;
            if (l >= k) break;
            int r = l + 1;
            int big = (r < k && dst[off + r] > dst[off + l]) ? r : l;
            if (dst[off + big] <= dd) break;
            dst[off + pos] = dst[off + big];
            idx[off + pos] = idx[off + big];
            pos = big;
        }
        dst[off + pos] = dd;
        idx[off + pos] = j;
    }

    /** Sorts each row ascending by distance (ties by index, for determinism). */
    static void sortRows(int[] idx, float[] dst, int n, int k) {
        sortRows(idx, dst, n, k, Cancellation.NONE);
    }

    static void sortRows(int[] idx, float[] dst, int n, int k, Cancellation cancel) {
        long[] keys = new long[k];
        for (int i = 0; i < n; i++) {
            if ((i & 4095) == 0) cancel.check();
            int off = i * k;
            for (int a = 0; a < k; a++) {
                // distances are non-negative, so their float bits order like the values
                keys[a] = ((long) Float.floatToRawIntBits(dst[off + a]) << 32) | (idx[off + a] & 0xffffffffL);
            }
            java.util.Arrays.sort(keys);
            for (int a = 0; a < k; a++) {
                idx[off + a] = (int) keys[a];
                dst[off + a] = Float.intBitsToFloat((int) (keys[a] >>> 32));
            }
        }
    }
}
