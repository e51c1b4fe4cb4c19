package org.crossmodal.workbench.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a result came from: what made it, with which settings, seed and versions, so a GUI result
 * and a CLI run can be compared and reproduced. Immutable; extend with {@link #with}.
 *
 * @param kind     what produced it, e.g. "encoder:minilm", "align:procrustes", "project:tsne"
 * @param created  when
 * @param entries  settings, seed, model SHA-256, input digests, versions, warnings
 */
public record Provenance(String kind, Instant created, Map<String, String> entries) {
    public Provenance {
        Objects.requireNonNull(kind, "kind");
        created = created == null ? Instant.now() : created;
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries == null ? Map.of() : entries));
    }

    public static Provenance of(String kind) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("workbench.version", Versions.workbench());
        m.put("java.version", System.getProperty("java.version", "?"));
        return new Provenance(kind, Instant.now(), m);
    }

    public Provenance with(String key, Object value) {
        Map<String, String> m = new LinkedHashMap<>(entries);
        m.put(key, String.valueOf(value));
        return new Provenance(kind, created, m);
    }

    public Provenance withAll(Map<String, ?> more) {
        Map<String, String> m = new LinkedHashMap<>(entries);
        more.forEach((k, v) -> m.put(k, String.valueOf(v)));
        return new Provenance(kind, created, m);
    }

    public String get(String key) {
        return entries.get(key);
    }
}
