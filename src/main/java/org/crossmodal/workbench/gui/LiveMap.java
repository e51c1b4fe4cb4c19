package org.crossmodal.workbench.gui;

import java.util.List;

import org.crossmodal.workbench.core.Item;

/** Receives a map as it is being made: first its items, then snapshots of their positions (worker thread). */
public interface LiveMap {
    LiveMap NONE = new LiveMap() {
        @Override public void begin(List<Item> items) { }
        @Override public void frame(float[] xy) { }
    };

    /** The items of the coming frames, in their order. */
    void begin(List<Item> items);

    /** x,y interleaved in the order given to {@link #begin}. */
    void frame(float[] xy);
}
