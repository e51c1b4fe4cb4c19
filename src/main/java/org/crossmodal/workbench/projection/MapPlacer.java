package org.crossmodal.workbench.projection;

import java.util.concurrent.ForkJoinPool;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Places new points on an existing t-SNE map without recomputing it. Each new point gets affinities to its
 * nearest reference points (perplexity-calibrated Gaussian, default perplexity 5), starts at the affinity-weighted
 * mean of their map positions, then moves by gradient descent on KL(p_.|i || q_.|i) where q is the Student-t
 * kernel against the fixed map, normalised over the reference points (Barnes-Hut repulsion on a quadtree built
 * once). Reference points never move; new points do not affect each other.
 */
public final class MapPlacer {
    private final float[] ref;
    private final int n, d;
    private final float[] refXy;
    private final double perplexity;
    private final int iterations;
    private final int threads;
    private final QuadTree tree;

    /**
     * @param refData    the n x d rows the map was made from
     * @param refXy      their map positions, x,y interleaved
     * @param perplexity neighbourhood size for the new points (5 keeps them local)
     * @param iterations optimisation steps per point
     * @param threads    0 for all processors
     */
    public MapPlacer(float[] refData, int n, int d, float[] refXy, double perplexity, int iterations, int threads) {
        Matrices.validate(refData, n, d);
        if (refXy.length != 2 * n) {
            throw new IllegalArgumentException("The map has " + refXy.length / 2 + " points but the data has " + n + " rows.");
        }
        if (n < 2) throw new WorkbenchException("A map needs at least 2 points to place new ones on it; it has " + n + ".");
        if (!(perplexity > 0)) throw new IllegalArgumentException("perplexity must be positive, got " + perplexity);
        if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        this.ref = refData;
        this.n = n;
        this.d = d;
        this.refXy = refXy.clone();
        this.perplexity = Math.min(perplexity, Math.max(1.0, (n - 1) / 3.0));
        this.iterations = iterations;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.tree = new QuadTree(this.refXy, n);
    }

    public MapPlacer(float[] refData, int n, int d, float[] refXy) {
        this(refData, n, d, refXy, 5, 150, 0);
    }

    /** Map positions (x,y interleaved) of m new rows with d columns each. */
    public float[] place(float[] newRows, int m, ProgressListener progress, Cancellation cancel) {
        Matrices.validate(newRows, m, d);
        int k = Math.min(n, Math.max(1, (int) Math.floor(3 * perplexity)));
        float[] out = new float[2 * m];
        double logU = Math.log(Math.min(perplexity, k));
        try (ForkJoinPool pool = Matrices.pool(Math.min(threads, Math.max(1, m)))) {
            Matrices.parallelFor(pool, m, 1, cancel, i -> {
                int[] idx = new int[k];
                float[] dst = new float[k];
                java.util.Arrays.fill(dst, Float.POSITIVE_INFINITY);
                java.util.Arrays.fill(idx, -1);
                for (int j = 0; j < n; j++) {
                    float dd = Matrices.sqDist(newRows, i, ref, j, d);
                    if (dd < dst[0]) Knn.heapReplace(idx, dst, 0, k, j, dd);
                }
                float[] p = new float[k];
                Affinities.calibrateRow(dst, 0, k, logU, p);
                double x = 0, y = 0;
                for (int a = 0; a < k; a++) { x += p[a] * refXy[2 * idx[a]]; y += p[a] * refXy[2 * idx[a] + 1]; }
                double[] pos = optimise(x, y, idx, p, cancel);
                out[2 * i] = (float) pos[0];
                out[2 * i + 1] = (float) pos[1];
                progress.update("placing new points", i + 1, m);
            });
        }
        return out;
    }

    private double[] optimise(double x, double y, int[] idx, float[] p, Cancellation cancel) {
        int[] stack = new int[tree.stackSize()];
        double[] f = new double[2];
        double ux = 0, uy = 0, gx = 1, gy = 1;
        double lr = 1.0;
        for (int it = 0; it < iterations; it++) {
            if ((it & 15) == 0) cancel.check();
            // the new point is not in the tree, so every reference point counts in Z
            double z = tree.repulsion((float) x, (float) y, 0.5, f, stack);
            z += zSelfCorrection(x, y);
            double ax = 0, ay = 0;
            for (int a = 0; a < idx.length; a++) {
                double dx = x - refXy[2 * idx[a]], dy = y - refXy[2 * idx[a] + 1];
                double w = 1.0 / (1.0 + dx * dx + dy * dy);
                ax += p[a] * w * dx;
                ay += p[a] * w * dy;
            }
            double dgx = 2 * (ax - f[0] / z), dgy = 2 * (ay - f[1] / z);
            gx = (dgx > 0) != (ux > 0) ? gx + 0.2 : Math.max(0.01, gx * 0.8);
            gy = (dgy > 0) != (uy > 0) ? gy + 0.2 : Math.max(0.01, gy * 0.8);
            double mom = it < iterations / 4 ? 0.5 : 0.8;
            ux = mom * ux - lr * gx * dgx;
            uy = mom * uy - lr * gy * dgy;
            x += ux;
            y += uy;
        }
        return new double[] {x, y};
    }

    /**
     * The quadtree treats a leaf at distance 0 as the point itself; a new point that lands exactly on a reference
     * point is not that point, so add the missing w = 1 per reference point there.
     */
    private double zSelfCorrection(double x, double y) {
        // exact coincidence with a reference position is rare; checked only through the tree's leaf rule
        return tree.coincident((float) x, (float) y);
    }
}
