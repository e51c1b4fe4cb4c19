package org.crossmodal.workbench.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/** Iterative Procrustes refinement: induce a dictionary by mutual CSLS neighbours under W, re-solve, repeat. */
final class Refinement {
    private Refinement() { }

    record Outcome(double[] w, List<Integer> dictionarySizes) { }

    static Outcome run(AlignmentInput in, double[] w0, int iterations, int cslsK, int maxRank, int threads,
                       ProgressListener progress, Cancellation cancel) {
        double[] w = w0;
        List<Integer> sizes = new ArrayList<>();
        AlignMath.Pairs last = null;
        for (int it = 0; it < iterations; it++) {
            cancel.check();
            progress.update("refinement", it, iterations);
            float[] xm = AlignMath.map(in.x(), in.nx(), in.d(), w, threads);
            AlignMath.Pairs p = AlignMath.induceMutual(xm, in.nx(), in.y(), in.ny(), in.d(), maxRank, cslsK, threads, cancel);
            sizes.add(p.size());
            if (p.size() < 2) break;
            if (last != null && Arrays.equals(last.x(), p.x()) && Arrays.equals(last.y(), p.y())) break;
            w = AlignMath.procrustes(in.x(), in.y(), in.d(), p.x(), p.y());
            last = p;
        }
        progress.update("refinement", iterations, iterations);
        return new Outcome(w, sizes);
    }
}
