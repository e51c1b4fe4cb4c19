package org.crossmodal.workbench.probe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of the confusion analysis.
 *
 * @param top the most frequent confusions to list (1..100000, default 50)
 */
public record ConfusionOptions(int top) {
    public ConfusionOptions {
        if (top < 1 || top > 100_000) throw new IllegalArgumentException("The number of confusions to list must be in 1..100000, got " + top + ".");
    }

    public static ConfusionOptions defaults() {
        return new ConfusionOptions(50);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("top", String.valueOf(top));
        return m;
    }
}
