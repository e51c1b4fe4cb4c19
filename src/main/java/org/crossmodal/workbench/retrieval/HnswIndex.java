package org.crossmodal.workbench.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.ProgressListener;

/**
 * Approximate cosine search on an in-memory HNSW graph built with Lucene's graph builder over the rows
 * of a float matrix (no index files). Build uses every worker thread given; queries run in parallel.
 */
public final class HnswIndex implements NeighbourIndex {
    /** Graph settings. */
    public record Options(int maxConn, int beamWidth, int efSearch, long seed, int threads) {
        public Options {
            if (maxConn < 2 || maxConn > 512) throw new IllegalArgumentException("HNSW M must be in [2, 512], got " + maxConn + ".");
            if (beamWidth < 1 || beamWidth > 3200) throw new IllegalArgumentException("HNSW beam width must be in [1, 3200], got " + beamWidth + ".");
            if (efSearch < 0) throw new IllegalArgumentException("HNSW ef must be at least 1 (or 0 for the size-based default), got " + efSearch + ".");
            if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads + ".");
        }

        /** M 16, beam 100, ef chosen by the index size ({@link #defaultEf}), all cores. */
        public static Options defaults() {
            return new Options(16, 100, 0, 42L, 0);
        }
    }

    /**
     * The search beam for an index of n vectors when none is set: 200 up to 100,000 vectors, then growing as
     * n^0.6 (800 at 1,000,000). Measured with {@code bench retrieval} on clustered 384-d data (docs/alignment.md):
     * recall@10 0.975 at 100,000 with ef 200; at 1,000,000, 0.876 with ef 200 and 0.962 with ef 800.
     */
    public static int defaultEf(int n) {
        if (n <= 100_000) return 200;
        return (int) Math.round(200 * Math.pow(n / 100_000.0, 0.6) / 10.0) * 10;
    }

    /** The search beam in use: the one set, or {@link #defaultEf} of this index's size. */
    public int efSearch() {
        return options.efSearch() > 0 ? options.efSearch() : defaultEf(n);
    }

    private final float[][] rows;
    private final int n;
    private final int d;
    private final Options options;
    private final OnHeapHnswGraph graph;

    /** Builds the graph over n x d unit vectors, row-major (copied into rows). */
    public HnswIndex(float[] data, int n, int d, Options o, ProgressListener progress, Cancellation cancel) {
        this(split(data, n, d), o, progress, cancel);
    }

    private static float[][] split(float[] data, int n, int d) {
        if ((long) n * d != data.length) throw new IllegalArgumentException(n + " x " + d + " does not match " + data.length + " values");
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) r[i] = java.util.Arrays.copyOfRange(data, i * d, i * d + d);
        return r;
    }

    /** Builds the graph over unit-vector rows of equal length (not copied). */
    public HnswIndex(float[][] rows, Options o, ProgressListener progress, Cancellation cancel) {
        if (rows.length < 1) throw new IllegalArgumentException("An HNSW index needs at least one vector.");
        this.rows = rows;
        this.n = rows.length;
        this.d = rows[0].length;
        for (float[] r : rows) if (r.length != d) throw new IllegalArgumentException("HNSW rows must all have " + d + " values.");
        this.options = o;
        int threads = o.threads() == 0 ? BlockedProduct.defaultThreads() : o.threads();
        try {
            RandomVectorScorerSupplier sup = new Supplier(null, progress, cancel, n);
            HnswGraphBuilder.randSeed = o.seed();
            OnHeapHnswGraph g;
            if (threads <= 1) {
                g = HnswGraphBuilder.create(sup, o.maxConn(), o.beamWidth(), o.seed(), n).build(n);
            } else {
                OnHeapHnswGraph empty = HnswGraphBuilder.create(sup, o.maxConn(), o.beamWidth(), o.seed(), n).getGraph();
                ExecutorService ex = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform().daemon().unstarted(r));
                try {
                    g = new HnswConcurrentMergeBuilder(new TaskExecutor(ex), threads, sup, o.maxConn(), o.beamWidth(),
                            empty, new FixedBitSet(n)).build(n);
                } finally {
                    ex.shutdownNow();
                }
            }
            this.graph = g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) throw new CancelledException();
            throw e;
        }
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
        return "hnsw(M=" + options.maxConn() + ", beam=" + options.beamWidth() + ", ef=" + efSearch() + ")";
    }

    public long ramBytesUsed() {
        return graph.ramBytesUsed();
    }

    @Override
    public Hits search(float[] queries, int nq, int k, Cancellation cancel) {
        return search(queries, nq, k, efSearch(), cancel);
    }

    /** As {@link #search(float[], int, int, Cancellation)} with another search beam. */
    public Hits search(float[] queries, int nq, int k, int efSearch, Cancellation cancel) {
        if (efSearch < 1) throw new IllegalArgumentException("HNSW ef must be at least 1, got " + efSearch + ".");
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k + ".");
        if ((long) nq * d != queries.length) throw new IllegalArgumentException("queries must have " + d + " dimensions");
        int kk = Math.min(k, n);
        int ef = Math.max(kk, efSearch);
        int[] idx = new int[nq * kk];
        float[] sc = new float[nq * kk];
        java.util.Arrays.fill(idx, -1);
        int threads = options.threads() == 0 ? BlockedProduct.defaultThreads() : options.threads();
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, nq);
        if (threads > 1 && nq > 64) range = range.parallel();
        range.forEach(q -> {
            if ((q & 63) == 0) cancel.check();
            float[] query = new float[d];
            System.arraycopy(queries, q * d, query, 0, d);
            try {
                QueryScorer scorer = new QueryScorer(query);
                KnnCollector col = HnswGraphSearcher.search(scorer, ef, graph, null, Integer.MAX_VALUE);
                TopDocs td = col.topDocs();
                ScoreDoc[] sd = td.scoreDocs;
                java.util.Arrays.sort(sd, (x, y) -> x.score != y.score ? Float.compare(y.score, x.score) : Integer.compare(x.doc, y.doc));
                for (int r = 0; r < Math.min(kk, sd.length); r++) {
                    idx[q * kk + r] = sd[r].doc;
                    sc[q * kk + r] = 2f * sd[r].score - 1f;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new Hits(nq, kk, idx, sc);
    }

    /** Lucene scores must be non-negative: (1 + cos) / 2, as for its dot-product similarity. */
    private static float toScore(float dot) {
        return Math.max(0f, (1f + dot) / 2f);
    }

    private class QueryScorer implements UpdateableRandomVectorScorer {
        private float[] q;

        QueryScorer(float[] q) {
            this.q = q;
        }

        @Override
        public float score(int node) {
            return toScore(VectorUtil.dotProduct(q, rows[node]));
        }

        @Override
        public int maxOrd() {
            return n;
        }

        @Override
        public void setScoringOrdinal(int node) {
            this.q = rows[node];
        }
    }

    private final class Supplier implements RandomVectorScorerSupplier {
        private final ProgressListener progress;
        private final Cancellation cancel;
        private final int total;
        private final java.util.concurrent.atomic.AtomicLong added;

        Supplier(java.util.concurrent.atomic.AtomicLong added, ProgressListener progress, Cancellation cancel, int total) {
            this.added = added == null ? new java.util.concurrent.atomic.AtomicLong() : added;
            this.progress = progress;
            this.cancel = cancel;
            this.total = total;
        }

        @Override
        public UpdateableRandomVectorScorer scorer() {
            return new QueryScorer(new float[d]) {
                @Override
                public void setScoringOrdinal(int node) {
                    long a = added.incrementAndGet();
                    if ((a & 1023) == 0) {
                        cancel.check();
                        progress.update("building HNSW graph (node visits)", a, -1);
                    }
                    super.setScoringOrdinal(node);
                }
            };
        }

        @Override
        public RandomVectorScorerSupplier copy() {
            return new Supplier(added, progress, cancel, total);
        }
    }

}
