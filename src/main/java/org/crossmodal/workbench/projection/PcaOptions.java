package org.crossmodal.workbench.projection;

/**
 * Settings of the PCA map.
 *
 * @param seed    seeds the start of the pure-Java power iteration (used when Smile's native LAPACK is missing)
 * @param threads worker threads; 0 means all available processors
 * @param backend "auto" (Smile, falling back to pure Java), "smile" or "java"
 */
public record PcaOptions(long seed, int threads, String backend) {
    public PcaOptions {
        if (threads < 0 || threads > 1024) {
            throw new IllegalArgumentException("threads must be 0 (all processors) or in [1, 1024], got " + threads + ".");
        }
        backend = backend == null ? "auto" : backend.trim().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("auto", "smile", "java").contains(backend)) {
            throw new IllegalArgumentException("PCA backend must be auto, smile or java, got '" + backend + "'.");
        }
    }

    public static PcaOptions defaults() {
        return new PcaOptions(42L, 0, "auto");
    }

    int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
