package org.crossmodal.workbench.gui;

import java.util.List;

/**
 * The projection controls of the side panel.
 *
 * @param method     one of {@link #METHODS}
 * @param perplexity t-SNE perplexity (2..100)
 * @param iterations optimisation iterations (10..10000)
 * @param seed       random seed
 */
public record ProjectionSettings(String method, double perplexity, int iterations, long seed) {
    public static final List<String> METHODS = List.of("tsne", "smile-tsne", "pca", "umap");

    public ProjectionSettings {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("Unknown projection method '" + method + "': use one of " + METHODS + ".");
        }
        if (!(perplexity >= 2 && perplexity <= 100)) {
            throw new IllegalArgumentException("Perplexity must be between 2 and 100, got " + perplexity + ".");
        }
        if (iterations < 10 || iterations > 10_000) {
            throw new IllegalArgumentException("Iterations must be between 10 and 10000, got " + iterations + ".");
        }
    }

    public static ProjectionSettings defaults() {
        return new ProjectionSettings("tsne", 30, 1000, 42);
    }
}
