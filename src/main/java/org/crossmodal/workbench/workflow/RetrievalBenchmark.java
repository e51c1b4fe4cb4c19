package org.crossmodal.workbench.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.crossmodal.workbench.align.AdversarialAligner;
import org.crossmodal.workbench.align.AdversarialOptions;
import org.crossmodal.workbench.align.AlignmentInput;
import org.crossmodal.workbench.align.AlignmentResult;
import org.crossmodal.workbench.align.Linalg;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.BlockedProduct;
import org.crossmodal.workbench.retrieval.BruteForceIndex;
import org.crossmodal.workbench.retrieval.CrossRetrieval;
import org.crossmodal.workbench.retrieval.Hits;
import org.crossmodal.workbench.retrieval.HnswIndex;
import org.crossmodal.workbench.retrieval.Metrics;
import org.crossmodal.workbench.retrieval.OnePassCsls;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;
import org.crossmodal.workbench.retrieval.Vectors;

/** The figures of {@code workbench bench retrieval}, on synthetic data with a planted answer. */
public final class RetrievalBenchmark {
    private RetrievalBenchmark() { }

    /** Unit rows from a clustered, anisotropic distribution (max(40, 4d) clusters, decaying spectrum, skewed spread). */
    public static float[] clustered(int n, int d, Random r) {
        int clusters = Math.max(40, 4 * d);
        double[][] c = new double[clusters][d];
        for (double[] cc : c) for (int k = 0; k < d; k++) cc[k] = r.nextGaussian() / Math.sqrt(1 + k);
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] cc = c[r.nextInt(clusters)];
            for (int k = 0; k < d; k++) {
                double e = r.nextGaussian();
                out[i * d + k] = (float) (cc[k] + 0.45 * (e + 0.3 * e * e) / Math.sqrt(1 + 0.5 * k));
            }
        }
        return Vectors.normalizedRows(out, n, d, "synthetic", null);
    }

    /** {@link #planted(int, int, int, double, double, boolean, long)} with the same noise on both sides. */
    public static AlignmentInput planted(int shared, int distractors, int d, double noise, boolean isomorphic, long seed) {
        return planted(shared, distractors, d, noise, noise, isomorphic, seed);
    }

    /**
     * A planted alignment problem: source = shared + own distractors, plus Gaussian noise (std sourceNoise/sqrt(d)
     * per coordinate); target = a random rotation of the shared rows plus independent noise (std noise/sqrt(d)) plus
     * other distractors; both shuffled; shared rows carry the same key. With {@code isomorphic} false the target is an
     * unrelated clustered space.
     */
    public static AlignmentInput planted(int shared, int distractors, int d, double noise, double sourceNoise,
                                         boolean isomorphic, long seed) {
        Random r = new Random(seed);
        int total = shared + 2 * distractors;
        float[] base = clustered(total, d, r);
        float[] other = isomorphic ? base : clustered(total, d, new Random(seed * 31 + 7));
        double[] q = Linalg.randomOrthogonal(d, r);
        int n = shared + distractors;
        List<Integer> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            xs.add(i);
            ys.add(i < shared ? i : i + distractors);
        }
        Collections.shuffle(xs, r);
        Collections.shuffle(ys, r);
        float[] x = new float[n * d], y = new float[n * d];
        int[] xk = new int[n], yk = new int[n];
        List<String> xid = new ArrayList<>(), yid = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int b = xs.get(i);
            for (int c = 0; c < d; c++) x[i * d + c] = (float) (base[b * d + c] + sourceNoise * r.nextGaussian() / Math.sqrt(d));
            xk[i] = b < shared ? b : -1;
            xid.add("x" + b);
            int t = ys.get(i);
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += q[c * d + k] * other[t * d + k];
                y[i * d + c] = (float) (s + noise * r.nextGaussian() / Math.sqrt(d));
            }
            yk[i] = t < shared ? t : -1;
            yid.add("y" + t);
        }
        return new AlignmentInput(Vectors.normalizedRows(x, n, d, "x", null), n, Vectors.normalizedRows(y, n, d, "y", null), n, d,
                xk, yk, xid, yid);
    }

    /**
     * CSLS top-k in both directions between two n x d sets: the one-pass path that neighbour queries and the
     * aligners use, then the two-pass path (statistics, then ranking) for comparison, and whether both agree.
     */
    public record CslsFigures(int n, int d, int k, int threads, String kernel, double onePassSeconds, double statsSeconds,
                              double rankSeconds, boolean identical, long exactForward, double onePassAgainSeconds) {
        public double twoPassSeconds() {
            return statsSeconds + rankSeconds;
        }
    }

    public static CslsFigures csls(int n, int d, int k, int threads, long seed, ProgressListener p, Cancellation c) {
        Random r = new Random(seed);
        float[] a = clustered(n, d, r), b = clustered(n, d, r);
        RetrievalOptions o = new RetrievalOptions(RetrievalMethod.CSLS, k, 10, 30, threads);
        int w = Math.min(n, 2048);
        // warm both paths on a small problem so the timing is of compiled code
        CrossRetrieval.top(a, w, b, w, d, o, true, true, ProgressListener.NONE, c);
        CrossRetrieval.run(a, w, b, w, d, CrossRetrieval.noKeys(w), CrossRetrieval.noKeys(w),
                CrossRetrieval.stats(a, w, b, w, d, o, ProgressListener.NONE, c), k, o.threadCount(), true, true, ProgressListener.NONE, c);
        long t0 = System.nanoTime();
        var outcome = OnePassCsls.run(a, n, b, n, d, k, o.cslsK(), o.threadCount(), true, true, p, c);
        var one = outcome.result();
        long t1 = System.nanoTime();
        var st = CrossRetrieval.stats(a, n, b, n, d, o, p, c);
        long t2 = System.nanoTime();
        var two = CrossRetrieval.run(a, n, b, n, d, CrossRetrieval.noKeys(n), CrossRetrieval.noKeys(n), st, k, o.threadCount(), true, true, p, c);
        long t3 = System.nanoTime();
        CrossRetrieval.top(a, n, b, n, d, o, true, true, p, c);  // a second call, as the aligners' loops make
        long t4 = System.nanoTime();
        boolean same = one.forward().sameAs(two.forward()) && one.backward().sameAs(two.backward());
        return new CslsFigures(n, d, k, o.threadCount(), BlockedProduct.kernelName(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                (t3 - t2) / 1e9, same, outcome.exactForward(), (t4 - t3) / 1e9);
    }

    public record AdversarialFigures(int n, int d, double seconds, boolean success, double pAt1Csls, String verdict,
                                     Object chosenEpoch, Object epochCriteria, double adversarialSeconds,
                                     double refinementSeconds, double verdictSeconds) { }

    /** Adversarial alignment with refinement on a planted problem (n shared items, no distractors, noise 0.3). */
    public static AdversarialFigures adversarial(int n, int d, AdversarialOptions o, ProgressListener p, Cancellation c) {
        AlignmentInput in = planted(n, 0, d, 0.3, true, 11);
        long t0 = System.nanoTime();
        AlignmentResult res = new AdversarialAligner(o).align(in, p, c);
        double secs = (System.nanoTime() - t0) / 1e9;
        float[] w = Linalg.toFloat(res.w());
        float[] xm = new float[in.nx() * d];
        for (int i = 0; i < in.nx(); i++) {
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) s += w[a * d + b] * in.x()[i * d + b];
                xm[i * d + a] = (float) s;
            }
        }
        xm = Vectors.normalizedRows(xm, in.nx(), d, "mapped", null);
        Metrics m = Metrics.of(CrossRetrieval.run(xm, in.nx(), in.y(), in.ny(), d, in.xKey(), in.yKey(),
                RetrievalOptions.defaults(RetrievalMethod.CSLS), ProgressListener.NONE, c).forward());
        Map<String, Object> rep = res.report();
        return new AdversarialFigures(n, d, secs, res.success(), m.pAt1(), res.verdict(), rep.get("chosen_epoch"),
                rep.get("epoch_criteria"), ((Number) rep.get("adversarial_seconds")).doubleValue(),
                ((Number) rep.get("refinement_seconds")).doubleValue(), ((Number) rep.get("verdict_seconds")).doubleValue());
    }

    public record HnswFigures(int n, int d, int queries, String index, double buildSeconds, double querySeconds,
                              double exactSeconds, double recallAt10, long graphBytes, List<int[]> extraEf,
                              List<double[]> extraFigures) { }

    /** HNSW over n clustered vectors: build time, query time, recall@10 against exact search. */
    public static HnswFigures hnsw(int n, int d, int queries, HnswIndex.Options o, ProgressListener p, Cancellation c) {
        return hnsw(n, d, queries, o, new int[0], p, c);
    }

    /** Also measures queries and recall at the extra search beams (same graph). */
    public static HnswFigures hnsw(int n, int d, int queries, HnswIndex.Options o, int[] moreEf, ProgressListener p, Cancellation c) {
        Random r = new Random(5);
        float[][] rows = new float[n][];
        int chunk = 10000;
        for (int s = 0; s < n; s += chunk) {
            int m = Math.min(chunk, n - s);
            float[] f = clustered(m, d, r);
            for (int i = 0; i < m; i++) rows[s + i] = java.util.Arrays.copyOfRange(f, i * d, i * d + d);
            c.check();
        }
        float[] q = clustered(queries, d, new Random(6));
        long t0 = System.nanoTime();
        HnswIndex idx = new HnswIndex(rows, o, p, c);
        long t1 = System.nanoTime();
        Hits got = idx.search(q, queries, 10, c);
        long t2 = System.nanoTime();
        // exact answer by streaming the rows through the blocked kernel in chunks
        float[] flat = new float[Math.min(n, 100000) * d];
        Hits exact = null;
        int[] bestIdx = new int[queries * 10];
        float[] bestScore = new float[queries * 10];
        java.util.Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
        for (int s = 0; s < n; s += 100000) {
            int m = Math.min(100000, n - s);
            for (int i = 0; i < m; i++) System.arraycopy(rows[s + i], 0, flat, i * d, d);
            float[] part = m * d == flat.length ? flat : java.util.Arrays.copyOf(flat, m * d);
            exact = new BruteForceIndex(part, m, d, o.threads()).search(q, queries, 10, c);
            for (int qi = 0; qi < queries; qi++) {
                for (int rr = 0; rr < exact.k(); rr++) merge(bestIdx, bestScore, qi, exact.index(qi, rr) + s, exact.score(qi, rr));
            }
        }
        long t3 = System.nanoTime();
        List<int[]> efs = new ArrayList<>();
        List<double[]> figs = new ArrayList<>();
        for (int ef : moreEf) {
            long e0 = System.nanoTime();
            Hits h = idx.search(q, queries, 10, ef, c);
            double secs = (System.nanoTime() - e0) / 1e9;
            efs.add(new int[] {ef});
            figs.add(new double[] {secs, recall(bestIdx, h, queries)});
        }
        long found = 0;
        for (int qi = 0; qi < queries; qi++) {
            for (int rr = 0; rr < 10; rr++) {
                int want = bestIdx[qi * 10 + rr];
                for (int s2 = 0; s2 < got.k(); s2++) {
                    if (got.index(qi, s2) == want) {
                        found++;
                        break;
                    }
                }
            }
        }
        return new HnswFigures(n, d, queries, idx.describe(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                (double) found / (queries * 10L), idx.ramBytesUsed(), efs, figs);
    }

    private static double recall(int[] bestIdx, Hits got, int queries) {
        long found = 0;
        for (int qi = 0; qi < queries; qi++) {
            for (int rr = 0; rr < 10; rr++) {
                for (int s2 = 0; s2 < got.k(); s2++) {
                    if (got.index(qi, s2) == bestIdx[qi * 10 + rr]) {
                        found++;
                        break;
                    }
                }
            }
        }
        return (double) found / (queries * 10L);
    }

    private static void merge(int[] idx, float[] sc, int q, int j, float s) {
        int base = q * 10;
        if (s <= sc[base + 9]) return;
        int p = base + 9;
        while (p > base && sc[p - 1] < s) {
            sc[p] = sc[p - 1];
            idx[p] = idx[p - 1];
            p--;
        }
        sc[p] = s;
        idx[p] = j;
    }
}
