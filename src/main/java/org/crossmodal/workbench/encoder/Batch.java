package org.crossmodal.workbench.encoder;

import java.util.ArrayList;
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

    /**
     * A batch of one padded input tensor, plus an int64 {@code [batch]} tensor of the valid lengths named
     * {@code lengthsName} when the model takes one (null when it does not).
     */
    public static Batch padded(OnnxModel.Feed input, String lengthsName, int[] lengths, int paddedLength) {
        List<OnnxModel.Feed> feeds = new ArrayList<>(2);
        feeds.add(input);
        if (lengthsName != null) {
            long[] l = new long[lengths.length];
            for (int i = 0; i < l.length; i++) l[i] = lengths[i];
            feeds.add(OnnxModel.Feed.longs(lengthsName, new long[] {l.length}, l));
        }
        return new Batch(feeds, lengths, paddedLength);
    }

    public int size() {
        return lengths.length;
    }
}
