package org.crossmodal.workbench.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.ProgressListener;

/**
 * Multi-threaded blocked product A·Bᵀ over float32 rows, streamed tile by tile to a visitor so the full
 * matrix is never held. Rows of A are split into blocks that worker threads take in turn; each worker has
 * its own state (for per-column statistics), returned in worker order for a deterministic merge.
 */
public final class BlockedProduct {
    /** Column blocks are a multiple of this wide: a multiple of every kernel's two vectors. */
    static final int GRAIN = 32;

    /** Rows of A per work unit. */
    static final int BLOCK_ROWS = 128;

    private static final TileKernel KERNEL = chooseKernel();

    /**
     * Long-lived helper threads, one per core beyond the caller's own: starting threads for every product cost
     * more than the small products of the aligners' training loops take.
     */
    private static final ThreadGroup POOL_GROUP = new ThreadGroup("similarity");
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, defaultThreads() - 1), r -> {
        Thread t = new Thread(POOL_GROUP, r, "similarity-helper");
        t.setDaemon(true);
        return t;
    });

    private BlockedProduct() { }

    /** Receives one tile: {@code tile[r * stride + c]} is row {@code i0 + r} of A against row {@code j0 + c} of B. */
    @FunctionalInterface
    public interface TileVisitor<S> {
        void visit(S state, int i0, int rows, int j0, int cols, float[] tile, int stride);
    }

    /**
     * Runs two tasks at once, the second on a helper thread (both on the caller inside a helper or with one core),
     * and returns when both are done; rethrows the first failure.
     */
    public static void both(Runnable first, Runnable second) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger ran = new AtomicInteger();
        Runnable b = guarded(second, failure);
        runAll(new Runnable[] {guarded(first, failure), () -> {
            ran.set(1);
            b.run();
        }}, failure, Cancellation.NONE);
        if (ran.get() == 0) {  // the helper was withdrawn before it started: the caller runs the task
            b.run();
            rethrow(failure.get());
        }
    }

    /** Throws f as it is (unchecked) or wrapped (checked); nothing when f is null. */
    private static void rethrow(Throwable f) {
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error er) throw er;
        if (f != null) throw new IllegalStateException(f);
    }

    private static Runnable guarded(Runnable r, AtomicReference<Throwable> failure) {
        return () -> {
            try {
                r.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
    }

    /** The kernel in use: "simd-..." with the Vector API module, else "scalar". */
    public static String kernelName() {
        return KERNEL.name();
    }

    /** The similarity the kernels compute for one pair, bit for bit. */
    public static float dot(float[] a, int aRow, float[] b, int bRow, int d) {
        return TileKernel.dot(a, aRow * d, b, bRow * d, d);
    }

    /** Worker threads to use by default: every core. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs the product and returns each worker's state.
     *
     * @param a  na x d row-major
     * @param b  nb x d row-major
     */
    public static <S> List<S> run(float[] a, int na, float[] b, int nb, int d, int threads, Supplier<S> state,
                                  TileVisitor<S> visitor, ProgressListener progress, Cancellation cancel, String stage) {
        if (na == 0 || nb == 0) {
            List<S> one = new ArrayList<>();
            one.add(state.get());
            return one;
        }
        return run(a, na, Packed.rows(b, nb, d), threads, BLOCK_ROWS, state, visitor, progress, cancel, stage);
    }

    /**
     * B laid out once in the kernel's column blocks, for several products against the same B (the aligners'
     * small products against weights that stay fixed for a step); safe to share between threads. A B given
     * transposed whose row count is a multiple of {@link #GRAIN} is read in place, not copied: it must not change
     * while the Packed is in use.
     */
    public static final class Packed {
        final float[][] blocks;
        final int[] offsets;  // where each block starts in its array
        final int[] pitches;  // distance between a block's successive coordinates
        final int[] strides;  // block widths: the last block only as wide as it needs (in steps of GRAIN)
        final int nb;
        final int d;

        /** B given as nb rows of d (the layout of A·Bᵀ). */
        public static Packed rows(float[] b, int nb, int d) {
            return new Packed(b, false, nb, d);
        }

        /** B given transposed, d x nb row-major (the layout of a plain product A·B). */
        public static Packed transposed(float[] bt, int nb, int d) {
            return new Packed(bt, true, nb, d);
        }

        private Packed(float[] b, boolean bTransposed, int nb, int d) {
            if (nb < 0 || d < 0 || b.length < (long) nb * d) {
                throw new IllegalArgumentException("B holds " + b.length + " values, fewer than " + nb + " x " + d + ".");
            }
            this.nb = nb;
            this.d = d;
            final int stride = TileKernel.BLOCK_COLS;
            final int colBlocks = (nb + stride - 1) / stride;
            blocks = new float[colBlocks][];
            offsets = new int[colBlocks];
            pitches = new int[colBlocks];
            strides = new int[colBlocks];
            for (int cb = 0; cb < colBlocks; cb++) {
                int j0 = cb * stride, cols = Math.min(stride, nb - j0);
                int w = strides[cb] = (cols + GRAIN - 1) / GRAIN * GRAIN;
                if (bTransposed && nb % GRAIN == 0) {  // already the kernel's layout, at pitch nb: read in place
                    blocks[cb] = b;
                    offsets[cb] = j0;
                    pitches[cb] = nb;
                    continue;
                }
                pitches[cb] = w;
                float[] bt = new float[d * w];
                if (bTransposed) {
                    for (int k = 0; k < d; k++) System.arraycopy(b, k * nb + j0, bt, k * w, cols);
                } else {
                    transposeRows(b, j0, cols, d, bt, w);
                }
                blocks[cb] = bt;
            }
        }

        /** Rows of B, the columns of the product. */
        public int columns() {
            return nb;
        }

        /** The shared dimension. */
        public int depth() {
            return d;
        }
    }

    /**
     * As {@link #run(float[], int, float[], int, int, int, Supplier, TileVisitor, ProgressListener, Cancellation, String)}
     * against a B packed beforehand. A with too few rows to give every thread several blocks of {@link #BLOCK_ROWS}
     * is cut into one block per thread instead, so that a small product (the aligners' d x d ones) keeps both cores
     * busy to the end.
     */
    public static <S> List<S> run(float[] a, int na, Packed b, int threads, Supplier<S> state, TileVisitor<S> visitor,
                                  ProgressListener progress, Cancellation cancel, String stage) {
        int blockRows = BLOCK_ROWS;
        if (threads > 1 && na < 4 * threads * BLOCK_ROWS) blockRows = Math.max(4, ((na + threads - 1) / threads + 3) / 4 * 4);
        return run(a, na, b, threads, blockRows, state, visitor, progress, cancel, stage);
    }

    private static <S> List<S> run(float[] a, int na, Packed b, int threads, int blockRows, Supplier<S> state,
                                   TileVisitor<S> visitor, ProgressListener progress, Cancellation cancel, String stage) {
        final int nb = b.nb, d = b.d;
        if (na == 0 || nb == 0) {
            List<S> one = new ArrayList<>();
            one.add(state.get());
            return one;
        }
        if (a.length < (long) na * d) throw new IllegalArgumentException("A holds " + a.length + " values, fewer than " + na + " x " + d + ".");
        final int stride = TileKernel.BLOCK_COLS;
        final float[][] bts = b.blocks;
        final int[] offsets = b.offsets, pitches = b.pitches, strides = b.strides;
        final int colBlocks = bts.length;
        // each worker keeps its own tile buffer beside the caller's state
        record Worker<S>(S state, float[] tile) { }
        List<Worker<S>> workers = rowBlocks(na, threads, blockRows, () -> new Worker<>(state.get(), new float[Math.min(blockRows, na) * stride]),
                (w, i0, rows) -> {
                    for (int cb = 0; cb < colBlocks; cb++) {
                        KERNEL.tile(a, d, i0, rows, bts[cb], offsets[cb], pitches[cb], strides[cb], w.tile());
                        int j0 = cb * stride;
                        visitor.visit(w.state(), i0, rows, j0, Math.min(stride, nb - j0), w.tile(), strides[cb]);
                    }
                }, progress, cancel, stage);
        List<S> states = new ArrayList<>(workers.size());
        for (Worker<S> w : workers) states.add(w.state());
        return states;
    }

    /**
     * Writes rows [row0, row0 + rows) of src (row-major, cols wide) transposed into dst: element (r, c) goes to
     * {@code dst[c * dstPitch + r]}. By 16 x 16 tiles, so reads and writes both stay within a few cache lines.
     */
    public static void transposeRows(float[] src, int row0, int rows, int cols, float[] dst, int dstPitch) {
        for (int r0 = 0; r0 < rows; r0 += 16) {
            int r1 = Math.min(rows, r0 + 16);
            for (int c0 = 0; c0 < cols; c0 += 16) {
                int c1 = Math.min(cols, c0 + 16);
                for (int r = r0; r < r1; r++) {
                    int off = (row0 + r) * cols;
                    for (int c = c0; c < c1; c++) dst[c * dstPitch + r] = src[off + c];
                }
            }
        }
    }

    /** Work on one block of rows [i0, i0 + rows) with a worker's own state. */
    @FunctionalInterface
    interface BlockWork<S> {
        void run(S state, int i0, int rows);
    }

    /**
     * Runs work over the blocks of {@link #BLOCK_ROWS} rows of [0, n): workers (at most threads, one per block at
     * most) take blocks in turn from one queue, each with its own state; returns the states in worker order.
     */
    static <S> List<S> rowBlocks(int n, int threads, Supplier<S> state, BlockWork<S> work, ProgressListener progress,
                                 Cancellation cancel, String stage) {
        return rowBlocks(n, threads, BLOCK_ROWS, state, work, progress, cancel, stage);
    }

    private static <S> List<S> rowBlocks(int n, int threads, int blockRows, Supplier<S> state, BlockWork<S> work,
                                         ProgressListener progress, Cancellation cancel, String stage) {
        final int nBlocks = (n + blockRows - 1) / blockRows;
        int nThreads = Math.max(1, Math.min(threads, nBlocks));
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<S> states = new ArrayList<>(nThreads);
        for (int t = 0; t < nThreads; t++) states.add(state.get());
        Runnable[] workers = new Runnable[nThreads];
        for (int t = 0; t < nThreads; t++) {
            final S st = states.get(t);
            workers[t] = () -> {
                try {
                    int b;
                    while ((b = next.getAndIncrement()) < nBlocks && failure.get() == null) {
                        cancel.check();
                        int i0 = b * blockRows, rows = Math.min(blockRows, n - i0);
                        work.run(st, i0, rows);
                        progress.update(stage, done.addAndGet(rows), n);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            };
        }
        runAll(workers, failure, cancel);
        return states;
    }

    /**
     * Runs work[0] on the calling thread and the others on helpers, then rethrows the first failure recorded in
     * failure. A helper that has not started when the caller is done is withdrawn (the work items share one queue
     * of blocks, so the caller will have done its share); one that has started is waited for.
     */
    static void runAll(Runnable[] work, AtomicReference<Throwable> failure, Cancellation cancel) {
        if (work.length == 1 || Thread.currentThread().getThreadGroup() == POOL_GROUP) {
            for (Runnable r : work) r.run();  // (inside the pool: the first worker takes every block)
        } else {
            int nh = work.length - 1;
            AtomicInteger[] phase = new AtomicInteger[nh];  // 0 queued, 1 running, 2 withdrawn
            CountDownLatch finished = new CountDownLatch(nh);
            for (int t = 0; t < nh; t++) {
                AtomicInteger ph = phase[t] = new AtomicInteger();
                Runnable r = work[t + 1];
                POOL.execute(() -> {
                    if (!ph.compareAndSet(0, 1)) return;
                    try {
                        r.run();
                    } finally {
                        finished.countDown();
                    }
                });
            }
            work[0].run();
            for (AtomicInteger ph : phase) if (ph.compareAndSet(0, 2)) finished.countDown();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.cancel();
                throw new CancelledException();
            }
        }
        rethrow(failure.get());
    }

    private static TileKernel chooseKernel() {
        if (!Boolean.getBoolean("workbench.scalar")
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                TileKernel k = (TileKernel) Class.forName("org.crossmodal.workbench.retrieval.VectorTileKernel")
                        .getDeclaredConstructor().newInstance();
                warmUp(k);
                return k;
            } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
                // fall back to the portable kernel
            }
        }
        TileKernel k = new ScalarTileKernel();
        warmUp(k);
        return k;
    }

    /** Many tiny calls so the JIT compiles the kernel fully before the first large product. */
    private static void warmUp(TileKernel k) {
        int d = 8, stride = TileKernel.BLOCK_COLS;
        float[] a = new float[5 * d], bt = new float[d * stride], out = new float[5 * stride];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.1f;
        for (int i = 0; i < bt.length; i++) bt[i] = (i % 5) * 0.1f;
        for (int rep = 0; rep < 12_000; rep++) k.tile(a, d, 0, 5, bt, 0, stride, stride, out);
    }
}
