package org.crossmodal.workbench.align;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adversarial alignment after Conneau et al. (2018) / Chung et al. (2018).
 *
 * @param seed                 random seed (initialisation, batches, dropout)
 * @param epochs               epochs; the map is kept from the epoch with the best unsupervised criterion
 * @param iterationsPerEpoch   adversarial iterations per epoch
 * @param batchSize            items per side and step
 * @param discSteps            discriminator steps per mapping step
 * @param discHidden           width of the discriminator's two hidden layers
 * @param discLr               discriminator learning rate (SGD)
 * @param mapLr                mapping learning rate (SGD)
 * @param lrDecay              both learning rates are multiplied by this after each epoch
 * @param mapBeta              orthogonalisation step: W <- (1 + beta) W - beta W Wᵀ W after each update
 * @param smoothing            label smoothing of the discriminator
 * @param inputDropout         dropout on the discriminator input
 * @param mostFrequent         the discriminator sees only the first mostFrequent rows of each side
 * @param refinementIterations Procrustes refinement iterations after adversarial training (0 = none)
 * @param cslsK                CSLS neighbourhood for the criterion and refinement
 * @param minGain              failure rule: criterion must beat random rotations by this much ...
 * @param minZ                 ... and by this many standard deviations
 * @param threads              worker threads for criterion and refinement (0 = every core)
 * @param init                 starting map: "pca" (the principal axes of both spaces, oriented by skew, see
 *                             {@link PcaInit}; the start also competes in the model selection) or "identity"
 *                             (Conneau et al.)
 */
public record AdversarialOptions(long seed, int epochs, int iterationsPerEpoch, int batchSize, int discSteps,
                                 int discHidden, double discLr, double mapLr, double lrDecay, double mapBeta,
                                 double smoothing, double inputDropout, int mostFrequent, int refinementIterations,
                                 int cslsK, double minGain, double minZ, int threads, String init) {
    public AdversarialOptions {
        if (epochs < 1 || epochs > 1000) throw new IllegalArgumentException("epochs must be in [1, 1000], got " + epochs + ".");
        if (iterationsPerEpoch < 1) throw new IllegalArgumentException("iterations per epoch must be at least 1, got " + iterationsPerEpoch + ".");
        if (batchSize < 2 || batchSize > 4096) throw new IllegalArgumentException("batch size must be in [2, 4096], got " + batchSize + ".");
        if (discSteps < 1 || discSteps > 100) throw new IllegalArgumentException("discriminator steps must be in [1, 100], got " + discSteps + ".");
        if (discHidden < 1 || discHidden > 8192) throw new IllegalArgumentException("discriminator width must be in [1, 8192], got " + discHidden + ".");
        if (!(discLr > 0) || !(mapLr > 0)) throw new IllegalArgumentException("learning rates must be positive.");
        if (!(lrDecay > 0 && lrDecay <= 1)) throw new IllegalArgumentException("learning-rate decay must be in (0, 1], got " + lrDecay + ".");
        if (!(mapBeta >= 0 && mapBeta < 0.5)) throw new IllegalArgumentException("orthogonalisation beta must be in [0, 0.5), got " + mapBeta + ".");
        if (!(smoothing >= 0 && smoothing < 0.5)) throw new IllegalArgumentException("label smoothing must be in [0, 0.5), got " + smoothing + ".");
        if (!(inputDropout >= 0 && inputDropout < 1)) throw new IllegalArgumentException("input dropout must be in [0, 1), got " + inputDropout + ".");
        if (mostFrequent < 2) throw new IllegalArgumentException("most-frequent rows must be at least 2, got " + mostFrequent + ".");
        if (refinementIterations < 0 || refinementIterations > 100) throw new IllegalArgumentException("refinement iterations must be in [0, 100], got " + refinementIterations + ".");
        if (cslsK < 1 || cslsK > 100) throw new IllegalArgumentException("CSLS k must be in [1, 100], got " + cslsK + ".");
        if (!(minGain >= 0) || !(minZ >= 0)) throw new IllegalArgumentException("failure margins must be >= 0.");
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads + ".");
        if (!"pca".equals(init) && !"identity".equals(init)) {
            throw new IllegalArgumentException("adversarial start must be pca or identity, got " + init + ".");
        }
    }

    public static AdversarialOptions defaults(long seed) {
        return new AdversarialOptions(seed, 5, 1000, 32, 5, 256, 0.1, 0.1, 0.98, 0.001, 0.1, 0.1, 75000, 5, 10, 0.05, 5.0, 0, "pca");
    }

    public AdversarialOptions withEpochs(int e, int iterations) {
        return new AdversarialOptions(seed, e, iterations, batchSize, discSteps, discHidden, discLr, mapLr, lrDecay, mapBeta,
                smoothing, inputDropout, mostFrequent, refinementIterations, cslsK, minGain, minZ, threads, init);
    }

    public AdversarialOptions withRefinement(int iterations) {
        return new AdversarialOptions(seed, epochs, iterationsPerEpoch, batchSize, discSteps, discHidden, discLr, mapLr, lrDecay,
                mapBeta, smoothing, inputDropout, mostFrequent, iterations, cslsK, minGain, minZ, threads, init);
    }

    public AdversarialOptions withInit(String start) {
        return new AdversarialOptions(seed, epochs, iterationsPerEpoch, batchSize, discSteps, discHidden, discLr, mapLr, lrDecay,
                mapBeta, smoothing, inputDropout, mostFrequent, refinementIterations, cslsK, minGain, minZ, threads, start);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("epochs", epochs);
        m.put("iterations_per_epoch", iterationsPerEpoch);
        m.put("batch_size", batchSize);
        m.put("disc_steps", discSteps);
        m.put("disc_hidden", discHidden);
        m.put("disc_lr", discLr);
        m.put("map_lr", mapLr);
        m.put("lr_decay", lrDecay);
        m.put("map_beta", mapBeta);
        m.put("smoothing", smoothing);
        m.put("input_dropout", inputDropout);
        m.put("most_frequent", mostFrequent);
        m.put("refinement_iterations", refinementIterations);
        m.put("csls_k", cslsK);
        m.put("min_gain", minGain);
        m.put("min_z", minZ);
        m.put("init", init);
        return m;
    }

    int threadCount() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
