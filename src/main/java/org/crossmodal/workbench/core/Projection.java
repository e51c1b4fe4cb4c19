package org.crossmodal.workbench.core;

import java.util.List;
import java.util.Objects;

/**
 * A 2-D map of items: x,y interleaved, one pair per item.
 *
 * @param name       e.g. "tsne"
 * @param itemIds    the item of each point
 * @param xy         2 x size floats: x0,y0,x1,y1,...
 * @param provenance method, settings, seed, input spaces, KL divergence when known
 */
public record Projection(String name, List<String> itemIds, float[] xy, Provenance provenance) {
    public Projection {
        Objects.requireNonNull(name, "name");
        itemIds = List.copyOf(itemIds);
        Objects.requireNonNull(xy, "xy");
        if (xy.length != 2 * itemIds.size()) {
            throw new IllegalArgumentException("Projection '" + name + "': " + itemIds.size() + " items need "
                    + 2 * itemIds.size() + " coordinates, got " + xy.length);
        }
    }

    public int size() {
        return itemIds.size();
    }
}
