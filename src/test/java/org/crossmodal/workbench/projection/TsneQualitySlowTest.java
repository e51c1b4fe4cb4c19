package org.crossmodal.workbench.projection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fast t-SNE against Smile's exact t-SNE on the same 2,000 points (10 Gaussian clusters in 384 dimensions):
 * both maps are scored with the same exact objective (dense P at perplexity 30, exact Q). Slow: Smile is O(N^2).
 * Run with {@code mvn -o test -Dtest=TsneQualitySlowTest -DexcludedGroups=none}.
 */
@Tag("slow")
class TsneQualitySlowTest {

    @Test
    void fastTsneMatchesSmileExactKlAndNeighbourPreservation() {
        int n = 2000, d = 384;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 10, 1.0, 42, null);
        TsneOptions o = TsneOptions.defaults().withThreads(2);
        ProjectionResult fast = new FastTsne(o).project(x, n, d);
        ProjectionResult smile = new SmileTsne(o).project(x, n, d);
        double klFast = Quality.exactKl(x, n, d, fast.xy(), 30, 2);
        double klSmile = Quality.exactKl(x, n, d, smile.xy(), 30, 2);
        double keptFast = Quality.neighbourPreservation(x, n, d, fast.xy(), 10, n, 7, 2);
        double keptSmile = Quality.neighbourPreservation(x, n, d, smile.xy(), 10, n, 7, 2);
        String fig = String.format(java.util.Locale.ROOT, "exact KL fast %.4f smile %.4f; 10-NN kept fast %.4f smile %.4f",
                klFast, klSmile, keptFast, keptSmile);
        System.out.println(fig);
        assertTrue(klFast <= 1.05 * klSmile, fig);
        assertTrue(keptFast >= keptSmile - 0.01, fig);
    }
}
