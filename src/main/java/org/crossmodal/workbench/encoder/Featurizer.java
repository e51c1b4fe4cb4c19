package org.crossmodal.workbench.encoder;

import java.util.List;

/** Pre-processing: inputs of one kind to padded model tensors. Pure Java, testable without a model. */
public interface Featurizer<I> extends AutoCloseable {
    /** Turns inputs into one padded batch. */
    Batch featurize(List<I> inputs);

    /** A cheap size estimate used to batch inputs of similar length together. */
    int sizeHint(I input);

    @Override
    default void close() {
    }
}
