package org.crossmodal.workbench.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/** One contract, run against every neighbour index. */
class NeighbourIndexContractTest {

    record Factory(String name, BiFunction<float[], int[], NeighbourIndex> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Factory> indexes() {
        return List.of(
                new Factory("exact-1-thread", (x, nd) -> new BruteForceIndex(x, nd[0], nd[1], 1)),
                new Factory("exact-2-threads", (x, nd) -> new BruteForceIndex(x, nd[0], nd[1], 2)),
                new Factory("hnsw", (x, nd) -> new HnswIndex(x, nd[0], nd[1], new HnswIndex.Options(16, 100, 120, 7, 2),
                        ProgressListener.NONE, Cancellation.NONE)));
    }

    static float[] unitRows(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return Vectors.normalizedRows(x, n, d, "test", null);
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void eachRowFindsItselfFirstAndScoresAreCosinesInOrder(Factory f) {
        int n = 700, d = 24;
        float[] x = unitRows(n, d, 1);
        NeighbourIndex idx = f.make.apply(x, new int[] {n, d});
        assertEquals(n, idx.size());
        assertEquals(d, idx.dim());
        Hits h = idx.search(x, n, 5, Cancellation.NONE);
        int self = 0;
        for (int q = 0; q < n; q++) {
            if (h.index(q, 0) == q) self++;
            for (int r = 0; r < 5; r++) {
                int j = h.index(q, r);
                float cos = BlockedProduct.dot(x, q, x, j, d);
                assertEquals(cos, h.score(q, r), 1e-5, "score is the cosine");
                if (r > 0) assertTrue(h.score(q, r - 1) >= h.score(q, r), "best first");
            }
        }
        assertTrue(self >= n * 0.99, "self first for " + self + " of " + n);
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void recallAt10AgainstExactIsHigh(Factory f) {
        int n = 3000, d = 32, nq = 200;
        float[] x = unitRows(n, d, 2), q = unitRows(nq, d, 3);
        Hits exact = new BruteForceIndex(x, n, d, 1).search(q, nq, 10, Cancellation.NONE);
        Hits got = f.make.apply(x, new int[] {n, d}).search(q, nq, 10, Cancellation.NONE);
        double recall = recallAt(exact, got, 10);
        assertTrue(recall >= 0.95, f + " recall@10 " + recall);
    }

    @ParameterizedTest
    @MethodSource("indexes")
    void kLargerThanTheSetIsCappedAndOneItemWorks(Factory f) {
        float[] x = unitRows(3, 8, 4);
        Hits h = f.make.apply(x, new int[] {3, 8}).search(x, 3, 10, Cancellation.NONE);
        assertEquals(3, h.k(), "k capped at the set size");
        for (int q = 0; q < 3; q++) assertEquals(q, h.index(q, 0));
        float[] one = unitRows(1, 8, 5);
        Hits h1 = f.make.apply(one, new int[] {1, 8}).search(x, 3, 10, Cancellation.NONE);
        assertEquals(1, h1.k());
        for (int q = 0; q < 3; q++) assertEquals(0, h1.index(q, 0));
        assertThrows(IllegalArgumentException.class, () -> f.make.apply(x, new int[] {3, 8}).search(x, 3, 0, Cancellation.NONE));
    }

    @org.junit.jupiter.api.Test
    void hnswSearchBeamGrowsWithTheIndexWhenNotSet() {
        assertEquals(200, HnswIndex.defaultEf(1_000));
        assertEquals(200, HnswIndex.defaultEf(100_000));
        assertEquals(800, HnswIndex.defaultEf(1_000_000), "the beam measured to reach recall@10 0.962 at 1M");
        for (int n = 100_000; n < 2_000_000; n += 50_000) {
            assertTrue(HnswIndex.defaultEf(n + 50_000) >= HnswIndex.defaultEf(n), "monotonic at " + n);
        }
        float[] x = unitRows(50, 8, 6);
        HnswIndex auto = new HnswIndex(x, 50, 8, HnswIndex.Options.defaults(), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(200, auto.efSearch());
        assertTrue(auto.describe().contains("ef=200"), auto.describe());
        HnswIndex set = new HnswIndex(x, 50, 8, new HnswIndex.Options(16, 100, 64, 7, 1), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(64, set.efSearch());
        assertThrows(IllegalArgumentException.class, () -> new HnswIndex.Options(16, 100, -1, 7, 1));
    }

    /** Share of the exact top-k found by the approximate top-k. */
    static double recallAt(Hits exact, Hits got, int k) {
        long found = 0;
        for (int q = 0; q < exact.queries(); q++) {
            for (int r = 0; r < k; r++) {
                int want = exact.index(q, r);
                for (int s = 0; s < k; s++) {
                    if (got.index(q, s) == want) {
                        found++;
                        break;
                    }
                }
            }
        }
        return (double) found / ((long) exact.queries() * k);
    }
}
