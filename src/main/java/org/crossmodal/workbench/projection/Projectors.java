package org.crossmodal.workbench.projection;

import java.util.List;
import java.util.Locale;

/** Makes projectors by method name: tsne, smile-tsne, pca, umap. */
public final class Projectors {
    private Projectors() { }

    public static final List<String> METHODS = List.of("tsne", "smile-tsne", "pca", "umap");

    /**
     * @param method one of {@link #METHODS}
     * @param tsne   settings of both t-SNEs (perplexity, iterations, seed, threads also seed PCA and UMAP)
     */
    public static Projector create(String method, TsneOptions tsne) {
        String m = method == null ? "" : method.trim().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "tsne" -> new FastTsne(tsne);
            case "smile-tsne" -> new SmileTsne(tsne);
            case "pca" -> new PcaProjector(new PcaOptions(tsne.seed(), tsne.threads(), "auto"));
            case "umap" -> new UmapProjector(new UmapOptions(15, 200, 0.1, tsne.seed()));
            default -> throw new IllegalArgumentException("Unknown projection method '" + method + "': use one of "
                    + String.join(", ", METHODS) + ".");
        };
    }
}
