package org.crossmodal.workbench.gui;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.crossmodal.workbench.core.Item;

/**
 * What the window shows of a session at one moment: its items, their map coordinates and, where
 * known, whether each item's nearest neighbour in the other modality is its true match.
 *
 * @param items          the items, in map order
 * @param xy             x0,y0,x1,y1,... (two per item)
 * @param nnIsTrueMatch  item id -> nearest neighbour is the true match (may be empty)
 * @param description    one line for the title and status bar, e.g. "demo: 624 items, t-SNE"
 */
public record SessionSnapshot(List<Item> items, float[] xy, Map<String, Boolean> nnIsTrueMatch, String description) {
    public SessionSnapshot {
        items = List.copyOf(items);
        Objects.requireNonNull(xy, "xy");
        if (xy.length != 2 * items.size()) {
            throw new IllegalArgumentException(items.size() + " items need " + 2 * items.size() + " map coordinates, got "
                    + xy.length);
        }
        nnIsTrueMatch = nnIsTrueMatch == null ? Map.of() : Map.copyOf(nnIsTrueMatch);
        description = description == null ? "" : description;
    }

    public static SessionSnapshot empty(String description) {
        return new SessionSnapshot(List.of(), new float[0], Map.of(), description);
    }
}
