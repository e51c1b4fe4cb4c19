package org.crossmodal.workbench.align;

import java.util.Map;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/** For towers trained into one shared space: the map is the identity. */
public final class IdentityAligner implements Aligner {
    public IdentityAligner(IdentityOptions o) {
        java.util.Objects.requireNonNull(o);
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public boolean unsupervised() {
        return true;
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of();
    }

    @Override
    public AlignmentResult align(AlignmentInput in, ProgressListener progress, Cancellation cancel) {
        double[] w = new double[in.d() * in.d()];
        for (int i = 0; i < in.d(); i++) w[i * in.d() + i] = 1;
        return new AlignmentResult(name(), in.d(), w, true, "identity map (the spaces are taken to be shared)", Map.of());
    }
}
