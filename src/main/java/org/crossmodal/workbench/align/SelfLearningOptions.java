package org.crossmodal.workbench.align;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unsupervised initialisation from similarity distributions and robust self-learning (Artetxe et al. 2018).
 *
 * @param seed                 random seed (stochastic dictionary induction)
 * @param initVocabulary       rows of each side used for the similarity-distribution initialisation
 * @param vocabulary           rows of each side used during self-learning (most frequent first)
 * @param cslsK                CSLS neighbourhood for dictionary induction
 * @param keepProbability      initial probability of keeping a similarity in stochastic induction
 * @param stochasticInterval   iterations without improvement before the keep probability doubles
 * @param maxIterations        hard cap on self-learning iterations
 * @param threshold            smallest objective improvement that counts
 * @param refinementIterations final Procrustes refinement over the whole sets (0 = none)
 * @param minGain              failure rule: criterion must beat random rotations by this much ...
 * @param minZ                 ... and by this many standard deviations
 * @param threads              worker threads (0 = every core)
 */
public record SelfLearningOptions(long seed, int initVocabulary, int vocabulary, int cslsK, double keepProbability,
                                  int stochasticInterval, int maxIterations, double threshold, int refinementIterations,
                                  double minGain, double minZ, int threads) {
    public SelfLearningOptions {
        if (initVocabulary < 2) throw new IllegalArgumentException("init vocabulary must be at least 2, got " + initVocabulary + ".");
        if (vocabulary < 2) throw new IllegalArgumentException("vocabulary must be at least 2, got " + vocabulary + ".");
        if (cslsK < 1 || cslsK > 100) throw new IllegalArgumentException("CSLS k must be in [1, 100], got " + cslsK + ".");
        if (!(keepProbability > 0 && keepProbability <= 1)) throw new IllegalArgumentException("keep probability must be in (0, 1], got " + keepProbability + ".");
        if (stochasticInterval < 1) throw new IllegalArgumentException("stochastic interval must be at least 1, got " + stochasticInterval + ".");
        if (maxIterations < 1 || maxIterations > 10000) throw new IllegalArgumentException("max iterations must be in [1, 10000], got " + maxIterations + ".");
        if (!(threshold >= 0)) throw new IllegalArgumentException("threshold must be >= 0, got " + threshold + ".");
        if (refinementIterations < 0 || refinementIterations > 100) throw new IllegalArgumentException("refinement iterations must be in [0, 100], got " + refinementIterations + ".");
        if (!(minGain >= 0) || !(minZ >= 0)) throw new IllegalArgumentException("failure margins must be >= 0.");
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads + ".");
    }

    public static SelfLearningOptions defaults(long seed) {
        return new SelfLearningOptions(seed, 4000, 8000, 10, 0.1, 30, 1000, 1e-6, 5, 0.05, 5.0, 0);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("init_vocabulary", initVocabulary);
        m.put("vocabulary", vocabulary);
        m.put("csls_k", cslsK);
        m.put("keep_probability", keepProbability);
        m.put("stochastic_interval", stochasticInterval);
        m.put("max_iterations", maxIterations);
        m.put("threshold", threshold);
        m.put("refinement_iterations", refinementIterations);
        m.put("min_gain", minGain);
        m.put("min_z", minZ);
        return m;
    }

    int threadCount() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
