package org.crossmodal.workbench.encoder;

import java.util.List;

/**
 * Model inputs for one batch, padded to a common length.
 *
 * @param feeds        the tensors to feed
 * @param lengths      valid steps (samples, frames, tokens or characters) of each row
 * @param paddedLength the padded length of every row
 */
public record Batch(List<OnnxModel.Feed> feeds, int[] lengths, int paddedLength) {
    public Batch {
        feeds = List.copyOf(feeds);
    }

    public int size() {
        return lengths.length;
    }
}
