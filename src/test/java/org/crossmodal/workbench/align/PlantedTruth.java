package org.crossmodal.workbench.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.CrossRetrieval;
import org.crossmodal.workbench.retrieval.Metrics;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;
import org.crossmodal.workbench.retrieval.Vectors;

/**
 * Synthetic spaces with a known answer: a clustered, anisotropic base space; the source holds shared items
 * plus its own distractors, the target holds a random rotation of the shared items with noise plus other
 * distractors. Shared items carry the same key on both sides; distractors have none.
 */
final class PlantedTruth {
    final AlignmentInput input;
    final double[] rotation;
    /** A self-consistent wrong map ({@link #twins}), or null. */
    final double[] decoy;

    private PlantedTruth(AlignmentInput input, double[] rotation, double[] decoy) {
        this.input = input;
        this.rotation = rotation;
        this.decoy = decoy;
    }

    /**
     * @param shared      items on both sides
     * @param distractors extra items on each side with no counterpart
     * @param noise       std of the Gaussian noise added to source and target rows (rows have unit scale before it)
     * @param isomorphic  false: the target is a different random space (no rotation relates the two)
     */
    static PlantedTruth make(int shared, int distractors, int d, double noise, boolean isomorphic, long seed) {
        Random r = new Random(seed);
        int nx = shared + distractors, ny = shared + distractors;
        float[][] base = clustered(shared + 2 * distractors, d, r);
        double[] q = Linalg.randomOrthogonal(d, r);
        float[][] other = isomorphic ? null : clustered(shared + 2 * distractors, d, new Random(seed * 31 + 7));
        // source: shared 0..shared-1 then its distractors, shuffled
        List<Integer> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < nx; i++) xs.add(i < shared ? i : shared + (i - shared));
        for (int i = 0; i < ny; i++) ys.add(i < shared ? i : shared + distractors + (i - shared));
        java.util.Collections.shuffle(xs, r);
        java.util.Collections.shuffle(ys, r);
        return rows(base, isomorphic ? base : other, xs, ys, shared, d, q, noise, r, null);
    }

    /**
     * Rows of both sides: source row i is xBase[xs(i)], target row j is yBase[ys(j)] rotated by q, each with
     * Gaussian noise of std noise (over the row); base rows below shared carry their index as key.
     */
    private static PlantedTruth rows(float[][] xBase, float[][] yBase, List<Integer> xs, List<Integer> ys, int shared, int d,
                                     double[] q, double noise, Random r, double[] decoy) {
        int nx = xs.size(), ny = ys.size();
        float[] x = new float[nx * d], y = new float[ny * d];
        int[] xk = new int[nx], yk = new int[ny];
        List<String> xid = new ArrayList<>(), yid = new ArrayList<>();
        double sourceNoise = noise; // the same noise on both sides: adversarial matching needs like distributions
        for (int i = 0; i < nx; i++) {
            int b = xs.get(i);
            for (int c = 0; c < d; c++) x[i * d + c] = (float) (xBase[b][c] + sourceNoise * r.nextGaussian() / Math.sqrt(d));
            xk[i] = b < shared ? b : -1;
            xid.add("s" + b);
        }
        for (int j = 0; j < ny; j++) {
            int b = ys.get(j);
            float[] v = yBase[b];
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += q[c * d + k] * v[k];
                y[j * d + c] = (float) (s + noise * r.nextGaussian() / Math.sqrt(d));
            }
            yk[j] = b < shared ? b : -1;
            yid.add("t" + b);
        }
        x = Vectors.normalizedRows(x, nx, d, "x", null);
        y = Vectors.normalizedRows(y, ny, d, "y", null);
        return new PlantedTruth(new AlignmentInput(x, nx, y, ny, d, xk, yk, xid, yid), q, decoy);
    }

    /**
     * Spaces with a planted wrong map. Every item has a twin: its mirror image under a fixed random reflection
     * R (an orthogonal involution, so twins are twins of each other) moved by twinShift (std over the row). The
     * source holds the items and their twins with noise, the target a random rotation Q of them with noise, rows
     * shuffled on each side, every row keyed. Q is the true map; the decoy Q R sends each source item near its
     * twin's target instead: a rotation, so its dictionary is coherent and generalises, and wrong for every item.
     * With twinShift 0 the two are equally good; the larger the shift, the less the decoy's translations stand
     * out from the targets' own neighbours.
     */
    static PlantedTruth twins(int pairs, int d, double twinShift, double noise, long seed) {
        Random r = new Random(seed);
        float[][] half = clustered(pairs, d, r);
        double[] q = Linalg.randomOrthogonal(d, r);
        // R = I - 2 P, P the projection onto d/2 random directions (rows of a random orthogonal matrix)
        double[] h = Linalg.randomOrthogonal(d, r);
        double[] refl = new double[d * d];
        for (int a = 0; a < d; a++) {
            refl[a * d + a] = 1;
            for (int b = 0; b < d; b++) for (int k = 0; k < d / 2; k++) refl[a * d + b] -= 2 * h[k * d + a] * h[k * d + b];
        }
        int n = 2 * pairs;
        float[][] base = new float[n][];
        for (int p = 0; p < pairs; p++) {
            base[2 * p] = half[p];
            float[] t = new float[d];
            for (int a = 0; a < d; a++) {
                double s = twinShift * r.nextGaussian() / Math.sqrt(d);
                for (int b = 0; b < d; b++) s += refl[a * d + b] * half[p][b];
                t[a] = (float) s;
            }
            base[2 * p + 1] = t;
        }
        List<Integer> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            xs.add(i);
            ys.add(i);
        }
        java.util.Collections.shuffle(xs, r);
        java.util.Collections.shuffle(ys, r);
        return rows(base, base, xs, ys, n, d, q, noise, r, Linalg.multiply(q, d, d, refl, d));
    }

    /** Cluster centres with a decaying spectrum plus skewed within-cluster spread, unit rows. */
    static float[][] clustered(int n, int d, Random r) {
        int clusters = Math.max(40, 4 * d);
        double[][] c = new double[clusters][d];
        for (double[] cc : c) for (int k = 0; k < d; k++) cc[k] = r.nextGaussian() / Math.sqrt(1 + k);
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            double[] cc = c[r.nextInt(clusters)];
            double norm = 0;
            for (int k = 0; k < d; k++) {
                double e = r.nextGaussian();
                double v = cc[k] + 0.45 * (e + 0.3 * e * e) / Math.sqrt(1 + 0.5 * k);
                out[i][k] = (float) v;
                norm += v * v;
            }
            for (int k = 0; k < d; k++) out[i][k] /= (float) Math.sqrt(norm);
        }
        return out;
    }

    /** P@1 etc. of source -> target after mapping with w. */
    Metrics evaluate(double[] w, RetrievalMethod m) {
        return evaluate(w, m, input.xKey());
    }

    /** As {@link #evaluate}, but a source row counts as right when it finds its twin's target ({@link #twins}). */
    Metrics evaluateAgainstTwins(double[] w, RetrievalMethod m) {
        int[] k = input.xKey().clone();
        for (int i = 0; i < k.length; i++) k[i] ^= 1;
        return evaluate(w, m, k);
    }

    private Metrics evaluate(double[] w, RetrievalMethod m, int[] xKey) {
        AlignmentInput in = input;
        float[] xm = AlignMath.map(in.x(), in.nx(), in.d(), w, 2);
        return Metrics.of(CrossRetrieval.run(xm, in.nx(), in.y(), in.ny(), in.d(), xKey, in.yKey(),
                RetrievalOptions.defaults(m), ProgressListener.NONE, Cancellation.NONE).forward());
    }

    /** Shared item rows as a dictionary: source rows and target rows of the first n shared keys found. */
    int[][] dictionary(int n) {
        java.util.Map<Integer, Integer> ty = new java.util.HashMap<>();
        for (int j = 0; j < input.ny(); j++) if (input.yKey()[j] >= 0) ty.put(input.yKey()[j], j);
        List<int[]> p = new ArrayList<>();
        for (int i = 0; i < input.nx() && p.size() < n; i++) {
            Integer j = ty.get(input.xKey()[i]);
            if (input.xKey()[i] >= 0 && j != null) p.add(new int[] {i, j});
        }
        int[] a = new int[p.size()], b = new int[p.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = p.get(i)[0];
            b[i] = p.get(i)[1];
        }
        return new int[][] {a, b};
    }
}
