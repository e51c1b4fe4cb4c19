package org.crossmodal.workbench.projection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a t-SNE run, shared by {@code tsne} and {@code smile-tsne}, by CLI flags and GUI controls.
 * Checked on construction; the message names the setting, the value and the accepted range.
 *
 * @param perplexity            effective number of neighbours, in (0, 1000]; lowered (with a warning) when the
 *                              data has too few points for it
 * @param iterations            optimisation iterations in all, including the exaggeration phase, in [1, 100000]
 * @param learningRate          step size; 0 means automatic (max(N / exaggeration / 4, 50))
 * @param earlyExaggeration     factor on the attractive forces during the first iterations, in [1, 100]
 * @param exaggerationIterations iterations with early exaggeration and momentum 0.5, in [0, iterations]
 * @param seed                  seeds every random choice (tree splits, random initialisation)
 * @param threads               worker threads; 0 means all available processors
 * @param theta                 Barnes-Hut accuracy (0 = exact repulsion, O(N^2)), in [0, 1.5]
 * @param repulsion             "auto" (Barnes-Hut below {@link #FFT_FROM} points, FFT interpolation from there),
 *                              "barnes-hut" or "fft"
 */
public record TsneOptions(double perplexity, int iterations, double learningRate, double earlyExaggeration,
                          int exaggerationIterations, long seed, int threads, double theta, String repulsion) {
    /** From this many points "auto" repulsion uses FFT interpolation. */
    public static final int FFT_FROM = 10_000;

    public static final double DEFAULT_PERPLEXITY = 30;
    public static final int DEFAULT_ITERATIONS = 1000;

    public TsneOptions {
        if (!(perplexity > 0 && perplexity <= 1000)) {
            throw new IllegalArgumentException("perplexity must be in (0, 1000], got " + perplexity
                    + "; 5 to 50 is usual, 30 is the default.");
        }
        if (iterations < 1 || iterations > 100_000) {
            throw new IllegalArgumentException("iterations must be in [1, 100000], got " + iterations + "; 1000 is the default.");
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be 0 (automatic) or positive, got " + learningRate + ".");
        }
        if (!(earlyExaggeration >= 1 && earlyExaggeration <= 100)) {
            throw new IllegalArgumentException("early exaggeration must be in [1, 100], got " + earlyExaggeration + "; 12 is the default.");
        }
        if (exaggerationIterations < 0 || exaggerationIterations > iterations) {
            throw new IllegalArgumentException("exaggeration iterations must be in [0, iterations=" + iterations + "], got "
                    + exaggerationIterations + ".");
        }
        if (threads < 0 || threads > 1024) {
            throw new IllegalArgumentException("threads must be 0 (all processors) or in [1, 1024], got " + threads + ".");
        }
        if (!(theta >= 0 && theta <= 1.5)) {
            throw new IllegalArgumentException("theta must be in [0, 1.5], got " + theta + "; 0.5 is the default.");
        }
        repulsion = repulsion == null ? "auto" : repulsion.trim().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("auto", "barnes-hut", "fft").contains(repulsion)) {
            throw new IllegalArgumentException("repulsion must be auto, barnes-hut or fft, got '" + repulsion + "'.");
        }
    }

    /** Perplexity 30, 1000 iterations, automatic learning rate, exaggeration 12 for 250 iterations, seed 42. */
    public static TsneOptions defaults() {
        return new TsneOptions(DEFAULT_PERPLEXITY, DEFAULT_ITERATIONS, 0, 12, 250, 42L, 0, 0.5, "auto");
    }

    public TsneOptions withPerplexity(double p) {
        return new TsneOptions(p, iterations, learningRate, earlyExaggeration, exaggerationIterations, seed, threads, theta, repulsion);
    }

    /** Sets the iterations, keeping the exaggeration phase at most a quarter of them when it would not fit. */
    public TsneOptions withIterations(int it) {
        int ex = exaggerationIterations <= it ? exaggerationIterations : it / 4;
        return new TsneOptions(perplexity, it, learningRate, earlyExaggeration, ex, seed, threads, theta, repulsion);
    }

    public TsneOptions withSeed(long s) {
        return new TsneOptions(perplexity, iterations, learningRate, earlyExaggeration, exaggerationIterations, s, threads, theta, repulsion);
    }

    public TsneOptions withThreads(int t) {
        return new TsneOptions(perplexity, iterations, learningRate, earlyExaggeration, exaggerationIterations, seed, t, theta, repulsion);
    }

    public TsneOptions withTheta(double t) {
        return new TsneOptions(perplexity, iterations, learningRate, earlyExaggeration, exaggerationIterations, seed, threads, t, repulsion);
    }

    public TsneOptions withLearningRate(double lr) {
        return new TsneOptions(perplexity, iterations, lr, earlyExaggeration, exaggerationIterations, seed, threads, theta, repulsion);
    }

    public TsneOptions withRepulsion(String r) {
        return new TsneOptions(perplexity, iterations, learningRate, earlyExaggeration, exaggerationIterations, seed, threads, theta, r);
    }

    /** Whether n points are repelled by FFT interpolation rather than Barnes-Hut. */
    public boolean usesFft(int n) {
        return repulsion.equals("fft") || (repulsion.equals("auto") && n >= FFT_FROM && theta > 0);
    }

    /** Threads to use: the setting, or all available processors. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** The learning rate for n points. */
    public double effectiveLearningRate(int n) {
        return learningRate > 0 ? learningRate : Math.max(n / earlyExaggeration / 4.0, 50.0);
    }

    /** The settings as provenance entries. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("perplexity", perplexity);
        m.put("iterations", iterations);
        m.put("learningRate", learningRate == 0 ? "auto" : learningRate);
        m.put("earlyExaggeration", earlyExaggeration);
        m.put("exaggerationIterations", exaggerationIterations);
        m.put("seed", seed);
        m.put("threads", threads == 0 ? "all" : threads);
        m.put("theta", theta);
        m.put("repulsion", repulsion);
        return m;
    }
}
