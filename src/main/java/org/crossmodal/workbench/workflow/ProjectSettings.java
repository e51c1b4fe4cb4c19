package org.crossmodal.workbench.workflow;

import java.util.Locale;

import org.crossmodal.workbench.projection.Projectors;
import org.crossmodal.workbench.projection.TsneOptions;

/**
 * What a user sets for a map, shared by the {@code project} command and the GUI's controls. Checked on
 * construction with the same messages as the method's own options record.
 *
 * @param method       tsne, smile-tsne, pca or umap
 * @param perplexity   t-SNE perplexity
 * @param iterations   t-SNE iterations
 * @param learningRate t-SNE learning rate, 0 for automatic
 * @param seed         random seed
 * @param threads      worker threads, 0 for all cores
 * @param theta        Barnes-Hut accuracy of the fast t-SNE
 * @param repulsion    how the fast t-SNE computes repulsion: auto, barnes-hut or fft
 */
public record ProjectSettings(String method, double perplexity, int iterations, double learningRate, long seed,
                              int threads, double theta, String repulsion) {
    public ProjectSettings {
        method = method == null ? "tsne" : method.trim().toLowerCase(Locale.ROOT);
        if (!Projectors.METHODS.contains(method)) {
            throw new IllegalArgumentException("Unknown --method '" + method + "': use one of "
                    + String.join(", ", Projectors.METHODS) + ".");
        }
        repulsion = repulsion == null ? "auto" : repulsion;
        tsneOptions(perplexity, iterations, learningRate, seed, threads, theta, repulsion); // validates
    }

    /** Settings with automatic repulsion (Barnes-Hut below 10,000 points, FFT interpolation from there). */
    public ProjectSettings(String method, double perplexity, int iterations, double learningRate, long seed, int threads,
                           double theta) {
        this(method, perplexity, iterations, learningRate, seed, threads, theta, "auto");
    }

    /** tsne, perplexity 30, 1000 iterations, automatic learning rate, seed 42, all cores, theta 0.5. */
    public static ProjectSettings defaults() {
        TsneOptions d = TsneOptions.defaults();
        return new ProjectSettings("tsne", d.perplexity(), d.iterations(), 0, d.seed(), 0, d.theta(), d.repulsion());
    }

    public ProjectSettings withMethod(String m) {
        return new ProjectSettings(m, perplexity, iterations, learningRate, seed, threads, theta, repulsion);
    }

    TsneOptions tsne() {
        return tsneOptions(perplexity, iterations, learningRate, seed, threads, theta, repulsion);
    }

    private static TsneOptions tsneOptions(double perplexity, int iterations, double learningRate, long seed, int threads,
                                           double theta, String repulsion) {
        return TsneOptions.defaults().withPerplexity(perplexity).withIterations(iterations).withLearningRate(learningRate)
                .withSeed(seed).withThreads(threads).withTheta(theta).withRepulsion(repulsion);
    }

    /** The threads that will run. */
    public int effectiveThreads() {
        return tsne().effectiveThreads();
    }
}
