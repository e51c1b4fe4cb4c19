package org.crossmodal.workbench.align;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.BruteForceIndex;
import org.crossmodal.workbench.retrieval.CrossRetrieval;
import org.crossmodal.workbench.retrieval.Hits;
import org.crossmodal.workbench.retrieval.PairStats;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;

/**
 * Decides whether an unsupervised map was found. The model-selection criterion (mean cosine of CSLS
 * translations) is compared with the same criterion under random orthogonal maps of the same spaces: a map
 * that is no better than chance, by an absolute margin and in standard deviations, is reported as a failure.
 * A map can also beat chance by matching the spaces only cluster to cluster; then an item's translation lies no
 * closer to it than the target's own nearest neighbours lie to each other. So the criterion must also exceed
 * the mean cosine between each target item and its nearest other target item: only an item-level match puts
 * translations closer than neighbours. (With very noisy pairs this rule can reject a partly right map; it
 * prefers a reported failure to a confident wrong answer.)
 * <p>Two more rules catch a self-consistent but wrong dictionary, which the criterion alone rewards (seen on the
 * built-in speech tower against MiniLM: criterion 0.569 against 0.173 for chance, P@1 0.002): the spaces must
 * spread over similar numbers of directions, since a rotation keeps the covariance spectrum; and the map must
 * generalise, that is Procrustes fitted on half of its own dictionary must translate the other half back.
 */
final class Verdict {
    /**
     * An orthogonal map keeps the covariance spectrum, so two spaces whose effective dimensions (participation
     * ratios) differ by more than this factor cannot be matched item to item by a rotation, whatever the criterion
     * says. (The diagnostics warn from 1.5; a noisy but isomorphic copy stays well below 2.)
     */
    static final double MAX_EFFECTIVE_DIM_RATIO = 2.0;
    /**
     * How much closer than neighbouring targets translations must lie, as a share of the room above the neighbours'
     * cosine: criterion - neighbours >= this * (1 - neighbours). A self-consistent wrong map can clear the neighbours
     * by a hair (seen on two of the project's own speech and text towers: criterion 0.685 against 0.677, P@1 0.03,
     * on three seeds margins of 2.5-7% of the room), where a map that is found clears them by far (0.844 against
     * 0.726 on the same speech tower with another text tower, 43%).
     */
    static final double MIN_ITEM_MARGIN = 0.15;
    /** Least held-out agreement (see {@link #heldOutAgreement}); also at least ten times chance. */
    static final double MIN_HELD_OUT = 0.05;

    private Verdict() { }

    /**
     * Whether translations (mean cosine {@code criterion}) lie clearly closer to their targets than neighbouring
     * targets lie to each other ({@code neighbours}): at least at {@link #itemLevelNeeds}.
     */
    static boolean clearlyCloser(double criterion, double neighbours) {
        return criterion >= itemLevelNeeds(neighbours);
    }

    /** The least criterion that counts as item level: {@link #MIN_ITEM_MARGIN} of the room above the neighbours' cosine. */
    static double itemLevelNeeds(double neighbours) {
        return neighbours + MIN_ITEM_MARGIN * (1 - neighbours);
    }

    /** Mean cosine between each of the first nEval target rows and its nearest other target row. */
    static double targetNeighbourCosine(AlignmentInput in, int nEval, int maxRank, int threads, Cancellation cancel) {
        int a = Math.min(in.ny(), nEval), d = in.d();
        float[] ya = AlignMath.prefix(in.y(), a, d);
        Hits h = new BruteForceIndex(ya, a, d, threads)
                .search(ya, a, 2, cancel);
        double s = 0;
        for (int i = 0; i < a; i++) s += h.index(i, 0) == i ? h.score(i, 1) : h.score(i, 0);
        return s / a;
    }

    /** Share of the first nEval source rows that are mutual CSLS nearest neighbours of some target row. */
    static double mutualShare(float[] xm, AlignmentInput in, int nEval, int cslsK, int threads, Cancellation cancel) {
        int a = Math.min(in.nx(), nEval);
        AlignMath.Pairs p = AlignMath.induceMutual(xm, a, in.y(), in.ny(), in.d(), Math.max(a, nEval), cslsK, threads, cancel);
        return (double) p.size() / a;
    }

    /**
     * Held-out agreement of the mapping's own dictionary: the mutual CSLS pairs under the map are split in two
     * halves; Procrustes fitted on one half must translate the other half's sources to their partners (CSLS among
     * the first maxRank targets), and the other way round. A map that matches real structure generalises from
     * half its pairs; one that only fits an arbitrary dictionary (a rotation of many dimensions can fit a few
     * hundred arbitrary pairs) does not, and scores near chance (1 / targets). Returns the mean share over both
     * halves, or 0 with fewer than 4 pairs.
     */
    static double heldOutAgreement(AlignmentInput in, float[] xm, int maxRank, int cslsK, int threads, Cancellation cancel) {
        int d = in.d();
        AlignMath.Pairs p = AlignMath.induceMutual(xm, in.nx(), in.y(), in.ny(), d, maxRank, cslsK, threads, cancel);
        int n = p.size();
        if (n < 4) return 0;
        int[][] hx = new int[2][], hy = new int[2][];
        for (int h = 0; h < 2; h++) {
            int m = (n - h + 1) / 2;
            hx[h] = new int[m];
            hy[h] = new int[m];
            for (int q = 0; q < m; q++) {
                hx[h][q] = p.x()[2 * q + h];
                hy[h][q] = p.y()[2 * q + h];
            }
        }
        int a = Math.min(in.nx(), maxRank), b = Math.min(in.ny(), maxRank);
        float[] yb = AlignMath.prefix(in.y(), b, d);
        RetrievalOptions o = new RetrievalOptions(RetrievalMethod.CSLS, 1, cslsK, 30, threads);
        double agree = 0;
        for (int h = 0; h < 2; h++) {
            cancel.check();
            double[] wh = AlignMath.procrustes(in.x(), in.y(), d, hx[h], hy[h]);
            int[] qx = hx[1 - h], qy = hy[1 - h];
            // CSLS neighbours of every source row among the first a, mapped by wh; the held-out rows are among them
            // (the pairs come from those rows), and a query's own penalty does not change its order
            CrossRetrieval.Result r = CrossRetrieval.top(AlignMath.map(AlignMath.prefix(in.x(), a, d), a, d, wh, threads), a, yb,
                    b, d, o, true, false, ProgressListener.NONE, cancel);
            int hits = 0;
            for (int q = 0; q < qx.length; q++) if (r.forward().neighbour(qx[q], 0) == qy[q]) hits++;
            agree += (double) hits / qx.length;
        }
        return agree / 2;
    }

    record Outcome(boolean success, double criterion, double baselineMean, double baselineSd, String sentence,
                   Map<String, Object> report) { }

    static Outcome judge(AlignmentInput in, double[] w, int nEval, int maxRank, int cslsK, double minGain, double minZ,
                         long seed, int threads, Cancellation cancel) {
        int d = in.d();
        float[] xm = AlignMath.map(in.x(), in.nx(), d, w, threads);
        double crit = AlignMath.criterion(xm, in.nx(), in.y(), in.ny(), d, nEval, maxRank, cslsK, threads, cancel);
        Random r = new Random(seed ^ 0x5DEECE66DL);
        int trials = 3;
        double[] b = new double[trials];
        for (int t = 0; t < trials; t++) {
            double[] q = Linalg.randomOrthogonal(d, r);
            b[t] = AlignMath.criterion(AlignMath.map(in.x(), in.nx(), d, q, threads), in.nx(), in.y(), in.ny(), d, nEval,
                    maxRank, cslsK, threads, cancel);
        }
        double mean = 0;
        for (double v : b) mean += v;
        mean /= trials;
        double var = 0;
        for (double v : b) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / (trials - 1));
        double gain = crit - mean;
        double targetNn = targetNeighbourCosine(in, nEval, maxRank, threads, cancel);
        double mutual = mutualShare(xm, in, nEval, cslsK, threads, cancel);
        double heldOut = heldOutAgreement(in, xm, maxRank, cslsK, threads, cancel);
        double z;
        z = gain / Math.max(sd, 1e-3);
        boolean beatsChance = gain >= minGain && z >= minZ;
        boolean itemLevel = clearlyCloser(crit, targetNn);
        double ex = Diagnostics.participation(Diagnostics.covSpectrum(in.x(), in.nx(), d));
        double ey = Diagnostics.participation(Diagnostics.covSpectrum(in.y(), in.ny(), d));
        double dimRatio = Math.max(ex, ey) / Math.max(Math.min(ex, ey), 1e-9);
        boolean sameSpread = dimRatio <= MAX_EFFECTIVE_DIM_RATIO;
        boolean generalises = heldOut >= Math.max(MIN_HELD_OUT, 10.0 / Math.min(in.ny(), maxRank));
        boolean ok = beatsChance && itemLevel && sameSpread && generalises;
        String s;
        if (ok) {
            s = String.format(java.util.Locale.ROOT, "found a mapping: criterion %.3f vs %.3f for random rotations and %.3f between "
                    + "neighbouring targets", crit, mean, targetNn);
        } else if (!beatsChance) {
            s = String.format(java.util.Locale.ROOT, "FAILED to find a mapping: criterion %.3f is not clearly above %.3f for random "
                    + "rotations (gain %.3f < %.3f or %.1f sd < %.1f); the spaces may not be isomorphic enough, see the diagnostics",
                    crit, mean, gain, minGain, z, minZ);
        } else if (itemLevel && !sameSpread) {
            s = String.format(java.util.Locale.ROOT, "FAILED: the criterion passed (%.3f vs %.3f for random rotations), but the "
                    + "spaces spread over %.1f and %.1f directions, so no rotation can put items onto their translations; "
                    + "the dictionary it found matches the shapes of the spaces, not their items. Align with a dictionary "
                    + "(procrustes) instead", crit, mean, ex, ey);
        } else if (itemLevel) {
            s = String.format(java.util.Locale.ROOT, "FAILED: the map does not generalise: Procrustes fitted on half of its own "
                    + "dictionary translates only %.1f%% of the other half back (needs %.1f%%), so it fits an arbitrary "
                    + "dictionary rather than the structure of the spaces", 100 * heldOut,
                    100 * Math.max(MIN_HELD_OUT, 10.0 / Math.min(in.ny(), maxRank)));
        } else {
            s = String.format(java.util.Locale.ROOT, "FAILED to find an item-level mapping: translations (mean cosine %.3f) are not "
                    + "clearly closer than neighbouring target items are to each other (%.3f; needs %.3f), so at best clusters "
                    + "were matched; the spaces may not be isomorphic enough, see the diagnostics, or align with a dictionary "
                    + "(procrustes)", crit, targetNn, itemLevelNeeds(targetNn));
        }
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("criterion", crit);
        rep.put("random_baseline_mean", mean);
        rep.put("random_baseline_sd", sd);
        rep.put("criterion_gain", gain);
        rep.put("target_neighbour_cosine", targetNn);
        rep.put("mutual_share", mutual);
        rep.put("held_out_agreement", heldOut);
        rep.put("source_effective_dim", ex);
        rep.put("target_effective_dim", ey);
        rep.put("success", ok);
        return new Outcome(ok, crit, mean, sd, s, rep);
    }
}
