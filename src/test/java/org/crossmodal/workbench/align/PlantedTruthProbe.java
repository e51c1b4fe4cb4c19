package org.crossmodal.workbench.align;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.retrieval.RetrievalMethod;

/** Manual probe (not a test): prints how each method does on planted data. */
public final class PlantedTruthProbe {
    public static void main(String[] a) {
        int shared = Integer.parseInt(a[0]), dis = Integer.parseInt(a[1]), d = Integer.parseInt(a[2]);
        double noise = Double.parseDouble(a[3]);
        boolean iso = Boolean.parseBoolean(a[4]);
        PlantedTruth p = PlantedTruth.make(shared, dis, d, noise, iso, 5);
        int[][] dict = p.dictionary(shared);
        String which = a.length > 7 ? a[7] : "pSA";
        long t = System.nanoTime();
        if (which.contains("p")) {
        AlignmentResult sup = new ProcrustesAligner(ProcrustesOptions.defaults(), dict[0], dict[1]).align(p.input, ProgressListener.NONE, Cancellation.NONE);
        System.out.printf("procrustes %.2fs nn %.3f csls %.3f%n", (System.nanoTime() - t) / 1e9, p.evaluate(sup.w(), RetrievalMethod.NN).pAt1(), p.evaluate(sup.w(), RetrievalMethod.CSLS).pAt1());
        }
        t = System.nanoTime();
        if (which.contains("S")) {
        AlignmentResult sl = new SelfLearningAligner(SelfLearningOptions.defaults(1)).align(p.input, ProgressListener.NONE, Cancellation.NONE);
        System.out.printf("self-learning %.2fs csls %.3f %s %s%n", (System.nanoTime() - t) / 1e9, p.evaluate(sl.w(), RetrievalMethod.CSLS).pAt1(), sl.verdict(), sl.report());
        }
        t = System.nanoTime();
        if (!which.contains("A")) return;
        AdversarialOptions ao = AdversarialOptions.defaults(1);
        if (a.length > 5) ao = ao.withEpochs(Integer.parseInt(a[5]), Integer.parseInt(a[6]));
        ao = new AdversarialOptions(ao.seed(), ao.epochs(), ao.iterationsPerEpoch(), Integer.getInteger("batch", ao.batchSize()),
                ao.discSteps(), Integer.getInteger("hidden", ao.discHidden()), Double.parseDouble(System.getProperty("dlr", "" + ao.discLr())),
                Double.parseDouble(System.getProperty("mlr", "" + ao.mapLr())), ao.lrDecay(), ao.mapBeta(), ao.smoothing(), ao.inputDropout(),
                ao.mostFrequent(), ao.refinementIterations(), ao.cslsK(), ao.minGain(), ao.minZ(), ao.threads(), System.getProperty("init", ao.init()));
        AlignmentResult ad = new AdversarialAligner(ao).align(p.input, ProgressListener.NONE, Cancellation.NONE);
        System.out.printf("adversarial %.2fs csls %.3f %s %s%n", (System.nanoTime() - t) / 1e9, p.evaluate(ad.w(), RetrievalMethod.CSLS).pAt1(), ad.verdict(), ad.report());
    }
}
