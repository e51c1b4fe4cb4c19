package org.crossmodal.workbench.align;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an aligner produced.
 *
 * @param method  aligner name
 * @param d       dimension
 * @param w       d x d map, row-major: mapped = W x
 * @param success false when an unsupervised run's own criterion says it did not find a mapping; the map is
 *                then the best attempt and must not be trusted
 * @param verdict one sentence for the user: what was found, or why it failed
 * @param report  numbers behind the verdict (criterion, baseline, dictionary sizes, timings)
 */
public record AlignmentResult(String method, int d, double[] w, boolean success, String verdict, Map<String, Object> report) {
    public AlignmentResult {
        if (w.length != d * d) throw new IllegalArgumentException("map must be d x d");
        report = Collections.unmodifiableMap(new LinkedHashMap<>(report));
    }
}
