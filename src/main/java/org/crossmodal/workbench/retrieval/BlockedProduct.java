package org.crossmodal.workbench.retrieval;

import java.util.ArrayList;
import java.util.List;
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
    /** Rows of A per work unit. */
    static final int BLOCK_ROWS = 128;

    private static final TileKernel KERNEL = chooseKernel();

    private BlockedProduct() { }

    /** Receives one tile: {@code tile[r * stride + c]} is row {@code i0 + r} of A against row {@code j0 + c} of B. */
    @FunctionalInterface
    public interface TileVisitor<S> {
        void visit(S state, int i0, int rows, int j0, int cols, float[] tile, int stride);
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
        final int stride = TileKernel.BLOCK_COLS;
        final int colBlocks = (nb + stride - 1) / stride;
        final float[][] bts = new float[colBlocks][];
        for (int cb = 0; cb < colBlocks; cb++) {
            float[] bt = new float[d * stride];
            int j0 = cb * stride, cols = Math.min(stride, nb - j0);
            for (int c = 0; c < cols; c++) {
                int off = (j0 + c) * d;
                for (int k = 0; k < d; k++) bt[k * stride + c] = b[off + k];
            }
            bts[cb] = bt;
        }
        final int rowBlocks = (na + BLOCK_ROWS - 1) / BLOCK_ROWS;
        int nThreads = Math.max(1, Math.min(threads, rowBlocks));
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<S> states = new ArrayList<>(nThreads);
        for (int t = 0; t < nThreads; t++) states.add(state.get());
        Runnable[] work = new Runnable[nThreads];
        for (int t = 0; t < nThreads; t++) {
            final S st = states.get(t);
            work[t] = () -> {
                float[] tile = new float[BLOCK_ROWS * stride];
                try {
                    int rb;
                    while ((rb = next.getAndIncrement()) < rowBlocks && failure.get() == null) {
                        cancel.check();
                        int i0 = rb * BLOCK_ROWS, rows = Math.min(BLOCK_ROWS, na - i0);
                        for (int cb = 0; cb < colBlocks; cb++) {
                            KERNEL.tile(a, d, i0, rows, bts[cb], stride, tile);
                            int j0 = cb * stride;
                            visitor.visit(st, i0, rows, j0, Math.min(stride, nb - j0), tile, stride);
                        }
                        long n = done.addAndGet(rows);
                        progress.update(stage, n, na);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            };
        }
        if (nThreads == 1) {
            work[0].run();
        } else {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < nThreads; t++) ts.add(Thread.ofPlatform().name("similarity-" + t).daemon().start(work[t]));
            for (Thread th : ts) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancel.cancel();
                    throw new CancelledException();
                }
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error er) throw er;
        if (f != null) throw new IllegalStateException(f);
        return states;
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
        for (int rep = 0; rep < 12_000; rep++) k.tile(a, d, 0, 5, bt, stride, out);
    }
}
