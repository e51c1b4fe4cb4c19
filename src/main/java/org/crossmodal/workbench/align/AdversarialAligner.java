package org.crossmodal.workbench.align;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.BlockedProduct;

/**
 * Unsupervised adversarial alignment (Conneau et al. 2018, used by Chung et al. 2018 for speech and text): a
 * discriminator learns to tell mapped source vectors from target vectors among the most frequent items while
 * the map W learns to fool it and is kept close to orthogonal; the epoch with the best unsupervised criterion
 * (mean cosine of CSLS translations) is kept and refined by iterative Procrustes.
 */
public final class AdversarialAligner implements Aligner {
    private final AdversarialOptions o;

    public AdversarialAligner(AdversarialOptions o) {
        this.o = Objects.requireNonNull(o);
    }

    @Override
    public String name() {
        return "adversarial";
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
        int d = in.d(), threads = o.threadCount(), b = o.batchSize();
        SplittableRandom rnd = new SplittableRandom(o.seed());
        Discriminator disc = new Discriminator(d, o.discHidden(), o.inputDropout(), rnd.split());
        int fx = Math.min(in.nx(), o.mostFrequent()), fy = Math.min(in.ny(), o.mostFrequent());
        double bestCrit = Double.NEGATIVE_INFINITY;
        List<Double> criteria = new ArrayList<>();
        double[] w;
        if ("pca".equals(o.init())) {
            progress.update("principal axes", 0, 1);
            w = PcaInit.rotation(in.x(), fx, in.y(), fy, d);
            // the start competes with the epochs: training must earn its place on the criterion
            bestCrit = AlignMath.criterion(AlignMath.map(in.x(), in.nx(), d, w, threads), in.nx(), in.y(), in.ny(), d, 10000,
                    15000, o.cslsK(), threads, cancel);
            criteria.add(bestCrit);
        } else {
            w = new double[d * d];
            for (int i = 0; i < d; i++) w[i * d + i] = 1;
        }
        double discLr = o.discLr(), mapLr = o.mapLr();
        double[] bestW = w.clone();
        int bestEpoch = 0;
        float[] tDisc = new float[2 * b];
        for (int i = 0; i < b; i++) {
            tDisc[i] = (float) (1 - o.smoothing());
            tDisc[b + i] = (float) o.smoothing();
        }
        float[] tMap = new float[b];
        java.util.Arrays.fill(tMap, (float) o.smoothing());
        double[] loss = new double[1];
        double discLoss = 0;
        long total = (long) o.epochs() * o.iterationsPerEpoch();
        for (int epoch = 0; epoch < o.epochs(); epoch++) {
            for (int it = 0; it < o.iterationsPerEpoch(); it++) {
                if ((it & 15) == 0) {
                    cancel.check();
                    progress.update("adversarial training", (long) epoch * o.iterationsPerEpoch() + it, total);
                }
                // mapped rows are x Wᵀ: W's rows laid out once for the iteration's six products
                BlockedProduct.Packed wt = BlockedProduct.Packed.rows(Linalg.toFloat(w), d, d);
                for (int s = 0; s < o.discSteps(); s++) {
                    float[] batch = new float[2 * b * d];
                    float[] xs = sample(in.x(), fx, d, b, rnd);
                    float[] xm = Gemm.times(xs, b, wt);
                    System.arraycopy(xm, 0, batch, 0, b * d);
                    System.arraycopy(sample(in.y(), fy, d, b, rnd), 0, batch, b * d, b * d);
                    disc.step(batch, 2 * b, tDisc, discLr, false, loss);
                    discLoss = 0.99 * discLoss + 0.01 * loss[0];
                }
                float[] xs = sample(in.x(), fx, d, b, rnd);
                float[] xm = Gemm.times(xs, b, wt);
                float[] g = disc.step(xm, b, tMap, 0, true, loss);
                // dLoss/dW = sum_i g_i x_iᵀ (mapped = W x); the discriminator's mean is over the whole batch
                float[] gw = Gemm.ab(Gemm.transpose(g, b, d), d, b, xs, d);  // gᵀ xs, d x d
                for (int i = 0; i < w.length; i++) w[i] -= mapLr * gw[i];
                orthogonalise(w, d, o.mapBeta(), threads);
            }
            float[] xmAll = AlignMath.map(in.x(), in.nx(), d, w, threads);
            double crit = AlignMath.criterion(xmAll, in.nx(), in.y(), in.ny(), d, 10000, 15000, o.cslsK(), threads, cancel);
            criteria.add(crit);
            if (crit > bestCrit) {
                bestCrit = crit;
                bestW = w.clone();
                bestEpoch = epoch + 1;
            }
            discLr *= o.lrDecay();
            mapLr *= o.lrDecay();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("init", o.init());
        report.put("epoch_criteria", criteria);  // with the pca start, the first entry is the start's
        report.put("chosen_epoch", bestEpoch);     // 0 = the start
        report.put("best_adversarial_criterion", bestCrit);
        report.put("discriminator_loss", discLoss);
        report.put("adversarial_seconds", (System.nanoTime() - t0) / 1e9);
        w = bestW;
        long t1 = System.nanoTime();
        if (o.refinementIterations() > 0) {
            Refinement.Outcome r = Refinement.run(in, w, o.refinementIterations(), o.cslsK(), 15000, threads, progress, cancel);
            w = r.w();
            report.put("refinement_dictionary_sizes", r.dictionarySizes());
        }
        long t2 = System.nanoTime();
        report.put("refinement_seconds", (t2 - t1) / 1e9);
        Verdict.Outcome v = Verdict.judge(in, w, 10000, 15000, o.cslsK(), o.minGain(), o.minZ(), o.seed(), threads, cancel);
        report.putAll(v.report());
        report.put("verdict_seconds", (System.nanoTime() - t2) / 1e9);
        report.put("seconds", (System.nanoTime() - t0) / 1e9);
        return new AlignmentResult(name(), d, w, v.success(), "adversarial " + v.sentence(), report);
    }

    private static float[] sample(float[] m, int rows, int d, int b, SplittableRandom rnd) {
        float[] out = new float[b * d];
        for (int i = 0; i < b; i++) System.arraycopy(m, rnd.nextInt(rows) * d, out, i * d, d);
        return out;
    }

    /** W <- (1 + beta) W - beta (W Wᵀ) W, which pulls W towards the orthogonal matrices. */
    static void orthogonalise(double[] w, int d, double beta, int threads) {
        if (beta == 0) return;
        float[] wf = Linalg.toFloat(w);
        float[] wwt = Gemm.abt(wf, d, d, wf, d, threads);
        float[] p = Gemm.ab(wwt, d, d, wf, d, threads);
        for (int i = 0; i < w.length; i++) w[i] = (1 + beta) * w[i] - beta * p[i];
    }
}
