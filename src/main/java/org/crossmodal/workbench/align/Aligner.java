package org.crossmodal.workbench.align;

import java.util.Map;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/** Finds a linear map from a source space onto a target space of the same dimension. */
public interface Aligner {
    /** identity, procrustes, adversarial or self-learning. */
    String name();

    /** Whether the aligner uses no paired data. */
    boolean unsupervised();

    /** The settings, for provenance. */
    Map<String, Object> settings();

    AlignmentResult align(AlignmentInput in, ProgressListener progress, Cancellation cancel);
}
