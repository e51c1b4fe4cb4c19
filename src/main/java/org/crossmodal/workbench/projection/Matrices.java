package org.crossmodal.workbench.projection;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.WorkbenchException;

/** Small numeric helpers shared by the projectors. */
final class Matrices {
    private Matrices() { }

    /** Checks shape and values; the message names the first bad row and column. */
    static void validate(float[] data, int n, int d) {
        validate(data, n, d, Cancellation.NONE);
    }

    /** As {@link #validate(float[], int, int)}, checking the cancellation every 65,536 values. */
    static void validate(float[] data, int n, int d, Cancellation cancel) {
        if (data == null) throw new IllegalArgumentException("No data to project.");
        if (n < 1) throw new WorkbenchException("Nothing to project: the input has no rows. Add items to the session first.");
        if (d < 1) throw new WorkbenchException("Nothing to project: the input rows have no columns.");
        if ((long) n * d != data.length) {
            throw new IllegalArgumentException(n + " rows x " + d + " columns needs " + (long) n * d + " values, got " + data.length);
        }
        for (int i = 0; i < data.length; i++) {
            if ((i & 0xffff) == 0) cancel.check();
            float v = data[i];
            if (!Float.isFinite(v)) {
                throw new WorkbenchException("Row " + (i / d) + ", column " + (i % d) + " is " + v
                        + ": embeddings must be finite numbers. Re-encode the item or remove it before projecting.");
            }
        }
    }

    /** Squared Euclidean distance between row i of a and row j of b (both with d columns). */
    static float sqDist(float[] a, int i, float[] b, int j, int d) {
        int oa = i * d, ob = j * d;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int c = 0;
        for (; c + 3 < d; c += 4) {
            float t0 = a[oa + c] - b[ob + c];
            float t1 = a[oa + c + 1] - b[ob + c + 1];
            float t2 = a[oa + c + 2] - b[ob + c + 2];
            float t3 = a[oa + c + 3] - b[ob + c + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; c < d; c++) {
            float t = a[oa + c] - b[ob + c];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Work on rows [start, end). */
    @FunctionalInterface
    interface Range {
        void run(int start, int end);
    }

    /** Runs body(i) for i in [0, n) on the pool, checking the cancellation every chunk. */
    static void parallelFor(ForkJoinPool pool, int n, int chunk, Cancellation cancel, IntConsumer body) {
        parallelRanges(pool, n, chunk, cancel, (s, e) -> {
            for (int i = s; i < e; i++) body.accept(i);
        });
    }

    /** Runs body on consecutive ranges of [0, n) of at most chunk rows, in parallel on the pool. */
    static void parallelRanges(ForkJoinPool pool, int n, int chunk, Cancellation cancel, Range body) {
        int chunks = (n + chunk - 1) / chunk;
        if (pool == null || chunks <= 1 || pool.getParallelism() == 1) {
            for (int c = 0; c < chunks; c++) {
                if (cancel.isCancelled()) throw new CancelledException();
                body.run(c * chunk, Math.min(n, (c + 1) * chunk));
            }
            return;
        }
        Runnable r = () -> IntStream.range(0, chunks).parallel().forEach(c -> {
            if (cancel.isCancelled()) throw new CancelledException();
            body.run(c * chunk, Math.min(n, (c + 1) * chunk));
        });
        ForkJoinTask<?> t = pool.submit(r);
        try {
            t.join();
        } catch (CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable c = e;
            while (c != null) {
                if (c instanceof CancelledException ce) throw ce;
                c = c.getCause();
            }
            throw e;
        }
    }

    /** A pool with the given parallelism; the caller closes it. */
    static ForkJoinPool pool(int threads) {
        return new ForkJoinPool(Math.max(1, threads));
    }
}
