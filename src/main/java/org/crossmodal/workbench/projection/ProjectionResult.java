package org.crossmodal.workbench.projection;

import java.util.List;
import java.util.Objects;

import org.crossmodal.workbench.core.Provenance;

/**
 * A finished layout.
 *
 * @param xy         x,y interleaved, one pair per input row
 * @param klDivergence the final KL divergence of the method's own objective, or NaN when it has none
 * @param warnings   what was changed or is doubtful (e.g. perplexity lowered), also recorded in provenance
 * @param provenance method, settings, seed, backend, timings, warnings
 */
public record ProjectionResult(float[] xy, double klDivergence, List<String> warnings, Provenance provenance) {
    public ProjectionResult {
        Objects.requireNonNull(xy, "xy");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(provenance, "provenance");
    }

    public int size() {
        return xy.length / 2;
    }
}
