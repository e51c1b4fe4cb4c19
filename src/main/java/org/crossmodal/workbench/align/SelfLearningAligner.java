package org.crossmodal.workbench.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.CrossRetrieval;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;

/**
 * Fully unsupervised alignment after Artetxe et al. (2018): each item is described by its sorted similarity
 * profile to the other items of its own space (rotation invariant), so items of the two spaces can be matched
 * without pairs; that seed dictionary is improved by self-learning (Procrustes, then CSLS re-induction with
 * stochastic dropout of similarities whose keep probability doubles whenever the objective stalls).
 */
public final class SelfLearningAligner implements Aligner {
    private final SelfLearningOptions o;

    public SelfLearningAligner(SelfLearningOptions o) {
        this.o = Objects.requireNonNull(o);
    }

    @Override
    public String name() {
        return "self-learning";
    }

    @Override
    public boolean unsupervised() {
        return true;
    }

    @Override
    public Map<String, Object> settings() {
        return o.asMap();
    }

    @Override
    public AlignmentResult align(AlignmentInput in, ProgressListener progress, Cancellation cancel) {
        long t0 = System.nanoTime();
        int d = in.d(), threads = o.threadCount();
        Map<String, Object> report = new LinkedHashMap<>();
        // 1. initial dictionary from similarity distributions
        int n0 = Math.min(Math.min(in.nx(), in.ny()), o.initVocabulary());
        progress.update("self-learning: similarity profiles", 0, 1);
        float[] xs = sortedProfiles(AlignMath.prefix(in.x(), n0, d), n0, d, threads);
        cancel.check();
        float[] zs = sortedProfiles(AlignMath.prefix(in.y(), n0, d), n0, d, threads);
        cancel.check();
        RetrievalOptions ro = new RetrievalOptions(RetrievalMethod.CSLS, 1, o.cslsK(), 30, threads);
        CrossRetrieval.Result init = CrossRetrieval.run(xs, n0, zs, n0, n0, CrossRetrieval.noKeys(n0), CrossRetrieval.noKeys(n0), ro, ProgressListener.NONE, cancel);
        List<int[]> dict = new ArrayList<>();
        for (int i = 0; i < n0; i++) dict.add(new int[] {i, init.forward().neighbour(i, 0)});
        for (int j = 0; j < n0; j++) dict.add(new int[] {init.backward().neighbour(j, 0), j});
        report.put("init_vocabulary", n0);
        // 2. self-learning on the leading rows
        int nv = Math.min(Math.min(in.nx(), in.ny()), Math.max(o.vocabulary(), 2));
        float[] xv = AlignMath.prefix(in.x(), nv, d), yv = AlignMath.prefix(in.y(), nv, d);
        SplittableRandom rnd = new SplittableRandom(o.seed());
        double keep = o.keepProbability(), best = Double.NEGATIVE_INFINITY;
        int lastImprovement = 0, it = 0;
        double[] w = null;
        float[] s = new float[nv * nv];
        for (; it < o.maxIterations(); it++) {
            cancel.check();
            if (it - lastImprovement > o.stochasticInterval()) {
                if (keep >= 1.0) break;
                keep = Math.min(1.0, 2 * keep);
                lastImprovement = it;
            }
            progress.update("self-learning (keep " + keep + ")", it, o.maxIterations());
            int[] px = new int[dict.size()], py = new int[dict.size()];
            for (int p = 0; p < px.length; p++) {
                px[p] = dict.get(p)[0];
                py[p] = dict.get(p)[1];
            }
            w = AlignMath.procrustes(xv, yv, d, px, py);
            float[] xw = AlignMath.map(xv, nv, d, w, threads);
            similarities(xw, yv, nv, d, threads, s);
            float[] rRow = topMeanRows(s, nv, o.cslsK()), rCol = topMeanCols(s, nv, o.cslsK());
            List<int[]> next = new ArrayList<>(2 * nv);
            double objF = 0, objB = 0;
            int[] bestI = new int[nv];
            float[] bestB = new float[nv];
            Arrays.fill(bestB, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < nv; i++) {
                float bf = Float.NEGATIVE_INFINITY;
                int bj = 0;
                int off = i * nv;
                float halfR = rRow[i] / 2;
                for (int j = 0; j < nv; j++) {
                    float v = s[off + j];
                    boolean kf = keep >= 1.0 || rnd.nextDouble() < keep;
                    boolean kb = keep >= 1.0 || rnd.nextDouble() < keep;
                    if (kf) {
                        float f = v - rCol[j] / 2;
                        if (f > bf) {
                            bf = f;
                            bj = j;
                        }
                    }
                    if (kb) {
                        float b = v - halfR;
                        if (b > bestB[j]) {
                            bestB[j] = b;
                            bestI[j] = i;
                        }
                    }
                }
                if (bf > Float.NEGATIVE_INFINITY) {
                    next.add(new int[] {i, bj});
                    objF += bf;
                }
            }
            for (int j = 0; j < nv; j++) {
                if (bestB[j] > Float.NEGATIVE_INFINITY) {
                    next.add(new int[] {bestI[j], j});
                    objB += bestB[j];
                }
            }
            double obj = (objF + objB) / (2.0 * nv);
            if (obj - best >= o.threshold()) {
                lastImprovement = it;
                best = obj;
            }
            dict = next;
        }
        report.put("self_learning_iterations", it);
        report.put("self_learning_objective", best);
        int[] px = new int[dict.size()], py = new int[dict.size()];
        for (int p = 0; p < px.length; p++) {
            px[p] = dict.get(p)[0];
            py[p] = dict.get(p)[1];
        }
        w = AlignMath.procrustes(xv, yv, d, px, py);
        if (o.refinementIterations() > 0) {
            Refinement.Outcome r = Refinement.run(in, w, o.refinementIterations(), o.cslsK(), 15000, threads, progress, cancel);
            w = r.w();
            report.put("refinement_dictionary_sizes", r.dictionarySizes());
        }
        Verdict.Outcome v = Verdict.judge(in, w, 10000, 15000, o.cslsK(), o.minGain(), o.minZ(), o.seed(), threads, cancel);
        report.putAll(v.report());
        report.put("seconds", (System.nanoTime() - t0) / 1e9);
        return new AlignmentResult(name(), d, w, v.success(), "self-learning " + v.sentence(), report);
    }

    /**
     * Each row's similarities to the other rows of its space, through sqrt(X Xᵀ) = X (XᵀX)^(-1/2) Xᵀ, sorted
     * descending and normalised (unit, centre, unit): a rotation-invariant description of the item.
     */
    static float[] sortedProfiles(float[] x, int n, int d, int threads) {
        double[] c = new double[d * d];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int a = 0; a < d; a++) {
                double xa = x[off + a];
                for (int b = a; b < d; b++) c[a * d + b] += xa * x[off + b];
            }
        }
        for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) c[a * d + b] = c[b * d + a];
        Linalg.Eigen e = Linalg.eigPsd(c, d);
        double lmax = e.values()[0];
        double[] p = new double[d * d]; // V diag(l^-1/2) Vᵀ over the non-negligible eigenvalues
        for (int k = 0; k < d; k++) {
            double l = e.values()[k];
            if (l <= 1e-10 * lmax) continue;
            double f = 1 / Math.sqrt(l);
            for (int a = 0; a < d; a++) {
                double va = e.vectors()[a * d + k] * f;
                for (int b = 0; b < d; b++) p[a * d + b] += va * e.vectors()[b * d + k];
            }
        }
        float[] t = AlignMath.mapRaw(x, n, d, p, threads); // X P (P is symmetric, so x Pᵀ = x P)
        float[] sim = new float[n * n];
        similarities(t, x, n, d, threads, sim);
        float[] row = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(sim, i * n, row, 0, n);
            Arrays.sort(row);
            for (int j = 0; j < n; j++) sim[i * n + j] = row[n - 1 - j];
        }
        normaliseUnitCentreUnit(sim, n, n);
        return sim;
    }

    static void normaliseUnitCentreUnit(float[] m, int n, int d) {
        unit(m, n, d);
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += m[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) m[i * d + j] -= (float) mean[j];
        unit(m, n, d);
    }

    private static void unit(float[] m, int n, int d) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += (double) m[i * d + j] * m[i * d + j];
            float inv = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
            for (int j = 0; j < d; j++) m[i * d + j] *= inv;
        }
    }

    /** out = a bᵀ for n x d a and b, n x n. */
    static void similarities(float[] a, float[] b, int n, int d, int threads, float[] out) {
        Gemm.abtInto(a, n, d, b, n, threads, out);
    }

    static float[] topMeanRows(float[] s, int n, int k) {
        int kk = Math.min(k, n);
        float[] out = new float[n];
        float[] top = new float[kk];
        for (int i = 0; i < n; i++) {
            Arrays.fill(top, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < n; j++) insert(top, s[i * n + j]);
            double m = 0;
            for (float v : top) m += v;
            out[i] = (float) (m / kk);
        }
        return out;
    }

    static float[] topMeanCols(float[] s, int n, int k) {
        int kk = Math.min(k, n);
        float[][] top = new float[n][kk];
        for (float[] t : top) Arrays.fill(t, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int off = i * n;
            for (int j = 0; j < n; j++) {
                float v = s[off + j];
                if (v > top[j][kk - 1]) insert(top[j], v);
            }
        }
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            double m = 0;
            for (float v : top[j]) m += v;
            out[j] = (float) (m / kk);
        }
        return out;
    }

    private static void insert(float[] top, float v) {
        int k = top.length;
        if (v <= top[k - 1]) return;
        int p = k - 1;
        while (p > 0 && top[p - 1] < v) {
            top[p] = top[p - 1];
            p--;
        }
        top[p] = v;
    }
}
