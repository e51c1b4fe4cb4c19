package org.crossmodal.workbench.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.ProgressListener;

/** One contract for every aligner: a d x d orthogonal map, reproducible for a seed, cancellable, with a verdict. */
class AlignerContractTest {
    record Named(String name, Function<PlantedTruth, Aligner> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Named> aligners() {
        return List.of(
                new Named("identity", p -> new IdentityAligner(new IdentityOptions())),
                new Named("procrustes", p -> {
                    int[][] d = p.dictionary(50);
                    return new ProcrustesAligner(new ProcrustesOptions(2, 10, 15000, 1), d[0], d[1]);
                }),
                new Named("self-learning", p -> new SelfLearningAligner(new SelfLearningOptions(5, 4000, 4000, 10, 0.1, 5, 40, 1e-6, 1, 0.05, 5, 1))),
                new Named("adversarial", p -> new AdversarialAligner(new AdversarialOptions(5, 1, 60, 16, 2, 32, 0.1, 0.1, 0.98, 0.001, 0.1, 0.1, 1000, 1, 10, 0.05, 5, 1, "pca"))));
    }

    @ParameterizedTest
    @MethodSource("aligners")
    void orthogonalReproducibleCancellable(Named n) {
        PlantedTruth p = PlantedTruth.make(150, 30, 12, 0.3, true, 9);
        AlignmentResult a = n.make.apply(p).align(p.input, ProgressListener.NONE, Cancellation.NONE);
        AlignmentResult b = n.make.apply(p).align(p.input, ProgressListener.NONE, Cancellation.NONE);
        int d = p.input.d();
        assertEquals(d, a.d());
        assertEquals(d * d, a.w().length);
        assertArrayEquals(a.w(), b.w(), 0.0, "same seed, same map");
        assertEquals(n.name, a.method());
        double[] wwt = Linalg.multiplyABt(a.w(), d, d, a.w(), d);
        double tol = n.name.equals("adversarial") ? 0.05 : 1e-6; // adversarial is kept near-orthogonal, refined to exactly orthogonal
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) assertEquals(i == j ? 1 : 0, wwt[i * d + j], tol, "W Wᵀ = I");
        Cancellation c = new Cancellation();
        c.cancel();
        if (!n.name.equals("identity")) {
            assertThrows(CancelledException.class, () -> n.make.apply(p).align(p.input, ProgressListener.NONE, c));
        }
    }
}
