package org.crossmodal.workbench.projection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of Smile's UMAP.
 *
 * @param neighbours size of the local neighbourhood, in [2, 200]
 * @param epochs     optimisation epochs, in [10, 10000]
 * @param minDist    minimum distance between embedded points, in (0, 1]
 * @param seed       seeds Smile's random generator
 */
public record UmapOptions(int neighbours, int epochs, double minDist, long seed) {
    public UmapOptions {
        if (neighbours < 2 || neighbours > 200) {
            throw new IllegalArgumentException("UMAP neighbours must be in [2, 200], got " + neighbours + "; 15 is the default.");
        }
        if (epochs < 10 || epochs > 10_000) {
            throw new IllegalArgumentException("UMAP epochs must be in [10, 10000], got " + epochs + "; 200 is the default.");
        }
        if (!(minDist > 0 && minDist <= 1)) {
            throw new IllegalArgumentException("UMAP min distance must be in (0, 1], got " + minDist + "; 0.1 is the default.");
        }
    }

    public static UmapOptions defaults() {
        return new UmapOptions(15, 200, 0.1, 42L);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("neighbours", neighbours);
        m.put("epochs", epochs);
        m.put("minDist", minDist);
        m.put("seed", seed);
        return m;
    }
}
