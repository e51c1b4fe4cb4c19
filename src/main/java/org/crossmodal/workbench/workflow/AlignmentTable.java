package org.crossmodal.workbench.workflow;

import java.util.ArrayList;
import java.util.List;

import org.crossmodal.workbench.align.AdversarialAligner;
import org.crossmodal.workbench.align.AdversarialOptions;
import org.crossmodal.workbench.align.Aligner;
import org.crossmodal.workbench.align.AlignmentInput;
import org.crossmodal.workbench.align.AlignmentResult;
import org.crossmodal.workbench.align.Diagnostics;
import org.crossmodal.workbench.align.IdentityAligner;
import org.crossmodal.workbench.align.IdentityOptions;
import org.crossmodal.workbench.align.Linalg;
import org.crossmodal.workbench.align.ProcrustesAligner;
import org.crossmodal.workbench.align.ProcrustesOptions;
import org.crossmodal.workbench.align.SelfLearningAligner;
import org.crossmodal.workbench.align.SelfLearningOptions;
import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.CrossRetrieval;
import org.crossmodal.workbench.retrieval.Metrics;
import org.crossmodal.workbench.retrieval.RetrievalMethod;
import org.crossmodal.workbench.retrieval.RetrievalOptions;
import org.crossmodal.workbench.retrieval.Vectors;

/**
 * The Chung et al.-style comparison (supervised vs unsupervised, with and without refinement, NN vs CSLS) on one
 * alignment problem: every method's P@1 and P@10 in the source -> target direction, its verdict and its time.
 */
public final class AlignmentTable {
    private AlignmentTable() { }

    public record Row(String method, boolean supervised, boolean refined, double p1Nn, double p1Csls, double p10Csls,
                      boolean success, String verdict, double seconds) { }

    public record Table(Diagnostics.Report diagnostics, List<Row> rows) { }

    public static Table run(AlignmentInput in, int seedPairs, long seed, AdversarialOptions adv, boolean withAdversarial,
                            ProgressListener progress, Cancellation cancel) {
        List<Row> rows = new ArrayList<>();
        Diagnostics.Report diag = Diagnostics.diagnose(in, 200, 10, cancel);
        int[][] all = pairs(in, Integer.MAX_VALUE), few = pairs(in, seedPairs);
        rows.add(row("identity (no alignment)", false, false, new IdentityAligner(new IdentityOptions()), in, progress, cancel));
        rows.add(row("procrustes, all " + all[0].length + " pairs", true, false,
                new ProcrustesAligner(ProcrustesOptions.defaults(), all[0], all[1]), in, progress, cancel));
        rows.add(row("procrustes, " + few[0].length + " seed pairs", true, false,
                new ProcrustesAligner(ProcrustesOptions.defaults(), few[0], few[1]), in, progress, cancel));
        rows.add(row("procrustes, " + few[0].length + " seed pairs + refinement", true, true,
                new ProcrustesAligner(new ProcrustesOptions(5, 10, 15000, 0), few[0], few[1]), in, progress, cancel));
        if (withAdversarial) {
            rows.add(row("adversarial", false, false, new AdversarialAligner(adv.withRefinement(0)), in, progress, cancel));
            rows.add(row("adversarial + refinement", false, true, new AdversarialAligner(adv.withRefinement(5)), in, progress, cancel));
        }
        SelfLearningOptions d = SelfLearningOptions.defaults(seed);
        rows.add(row("self-learning", false, false, new SelfLearningAligner(new SelfLearningOptions(d.seed(), d.initVocabulary(),
                d.vocabulary(), d.cslsK(), d.keepProbability(), d.stochasticInterval(), d.maxIterations(), d.threshold(), 0,
                d.minGain(), d.minZ(), d.threads())), in, progress, cancel));
        rows.add(row("self-learning + refinement", false, true, new SelfLearningAligner(d), in, progress, cancel));
        return new Table(diag, rows);
    }

    private static Row row(String name, boolean sup, boolean ref, Aligner a, AlignmentInput in, ProgressListener p, Cancellation c) {
        long t0 = System.nanoTime();
        AlignmentResult r = a.align(in, p, c);
        double secs = (System.nanoTime() - t0) / 1e9;
        Metrics nn = metrics(in, r.w(), RetrievalMethod.NN, c), csls = metrics(in, r.w(), RetrievalMethod.CSLS, c);
        return new Row(name, sup, ref, nn.pAt1(), csls.pAt1(), csls.pAt10(), r.success(), r.verdict(), secs);
    }

    static Metrics metrics(AlignmentInput in, double[] w, RetrievalMethod m, Cancellation c) {
        int d = in.d();
        float[] wf = Linalg.toFloat(w);
        float[] xm = new float[in.nx() * d];
        for (int i = 0; i < in.nx(); i++) {
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) s += wf[a * d + b] * in.x()[i * d + b];
                xm[i * d + a] = (float) s;
            }
        }
        xm = Vectors.normalizedRows(xm, in.nx(), d, "mapped", in.xIds());
        return Metrics.of(CrossRetrieval.run(xm, in.nx(), in.y(), in.ny(), d, in.xKey(), in.yKey(), RetrievalOptions.defaults(m),
                ProgressListener.NONE, c).forward());
    }

    /** The first n (source row, target row) pairs with equal keys, in source order. */
    static int[][] pairs(AlignmentInput in, int n) {
        java.util.Map<Integer, Integer> ty = new java.util.HashMap<>();
        for (int j = 0; j < in.ny(); j++) if (in.yKey()[j] >= 0) ty.put(in.yKey()[j], j);
        List<int[]> p = new ArrayList<>();
        for (int i = 0; i < in.nx() && p.size() < n; i++) {
            Integer j = in.xKey()[i] >= 0 ? ty.get(in.xKey()[i]) : null;
            if (j != null) p.add(new int[] {i, j});
        }
        int[][] out = new int[2][p.size()];
        for (int i = 0; i < p.size(); i++) {
            out[0][i] = p.get(i)[0];
            out[1][i] = p.get(i)[1];
        }
        return out;
    }
}
