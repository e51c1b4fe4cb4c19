package org.crossmodal.workbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One contract for every projector that can run here (UMAP only when ARPACK loads). */
class ProjectorContractTest {

    static Stream<String> methods() {
        return Projectors.METHODS.stream().filter(m -> !m.equals("umap") || UmapProjector.unavailableReason() == null);
    }

    private static Projector make(String m) {
        return Projectors.create(m, TsneOptions.defaults().withIterations(250).withPerplexity(10).withThreads(2));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void givesOnePairPerRowLeavesInputAloneAndIsDeterministic(String method) {
        int n = 120, d = 8;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 3, 2.0, 3, null);
        float[] copy = x.clone();
        int[] snaps = new int[1];
        ProjectionResult a = make(method).project(x, n, d, ProgressListener.NONE, Cancellation.NONE,
                (it, total, xy) -> { snaps[0]++; assertEquals(2 * n, xy.length); });
        assertArrayEquals(copy, x, "input unchanged");
        assertEquals(2 * n, a.xy().length);
        for (float v : a.xy()) assertTrue(Float.isFinite(v));
        assertTrue(snaps[0] >= 1, "at least the final snapshot");
        assertEquals("project:" + method, a.provenance().kind());
        ProjectionResult b = make(method).project(x, n, d);
        assertArrayEquals(a.xy(), b.xy(), "same seed, same map");
    }

    @ParameterizedTest
    @MethodSource("methods")
    void refusesNonFiniteValues(String method) {
        float[] x = TsneBenchmark.gaussianClusters(30, 4, 2, 2.0, 3, null);
        x[5 * 4 + 1] = Float.NaN;
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> make(method).project(x, 30, 4));
        assertTrue(e.getMessage().contains("Row 5, column 1 is NaN"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("methods")
    void aCancelledTokenStopsTheRun(String method) {
        float[] x = TsneBenchmark.gaussianClusters(200, 4, 2, 2.0, 3, null);
        Cancellation c = new Cancellation();
        c.cancel();
        assertThrows(CancelledException.class,
                () -> make(method).project(x, 200, 4, ProgressListener.NONE, c, SnapshotListener.NONE));
    }
}
