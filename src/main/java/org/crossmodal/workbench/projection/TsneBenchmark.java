package org.crossmodal.workbench.projection;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.SplittableRandom;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.ProgressListener;

/** Synthetic data and measurements for {@code workbench bench tsne}. */
public final class TsneBenchmark {
    private TsneBenchmark() { }

    /** What one run measured. */
    public record Figures(String method, int n, int dim, int iterations, double seconds, double cpuSeconds,
                          double klDivergence, double exactKl, double neighboursKept, long peakHeapBytes, String search,
                          String repulsion, String neighbourRecall) { }

    /** CPU time of the whole process so far, or -1 when the platform does not say. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            return t < 0 ? -1 : t / 1e9;
        }
        return -1;
    }

    /**
     * n points in {@code clusters} isotropic Gaussian clusters (unit variance per coordinate) whose centres are
     * drawn from N(0, spread^2) per coordinate. Returns n x dim floats; labels (cluster of each row) go to labelsOut
     * when it is not null.
     */
    public static float[] gaussianClusters(int n, int dim, int clusters, double spread, long seed, int[] labelsOut) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[clusters][dim];
        for (double[] c : centres) for (int j = 0; j < dim; j++) c[j] = gaussian(r) * spread;
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            int c = i % clusters;
            if (labelsOut != null) labelsOut[i] = c;
            for (int j = 0; j < dim; j++) x[i * dim + j] = (float) (centres[c][j] + gaussian(r));
        }
        return x;
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Runs the projector on the data and measures wall time, its KL divergence, the exact KL (only when
     * n <= exactKlLimit, else NaN), the 10-nearest-neighbour share kept (over a sample of 1,000 points) and peak heap.
     */
    public static Figures run(Projector projector, float[] x, int n, int dim, int iterations, double perplexity,
                              int threads, int exactKlLimit, ProgressListener progress, Cancellation cancel) {
        System.gc();
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) b.resetPeakUsage();
        }
        double cpu0 = processCpuSeconds();
        long t0 = System.nanoTime();
        ProjectionResult res = projector.project(x, n, dim, progress, cancel, SnapshotListener.NONE);
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = cpu0 < 0 ? -1 : processCpuSeconds() - cpu0;
        long peak = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) peak += b.getPeakUsage().getUsed();
        }
        progress.update("measuring the map", 0, -1);
        double kept = Quality.neighbourPreservation(x, n, dim, res.xy(), 10, 1000, 7, threads);
        double exact = n <= exactKlLimit ? Quality.exactKl(x, n, dim, res.xy(), perplexity, threads) : Double.NaN;
        String search = res.provenance().get("neighbours.search");
        String rep = res.provenance().get("repulsion.used");
        return new Figures(projector.method(), n, dim, iterations, secs, cpu, res.klDivergence(), exact, kept, peak,
                search == null ? "exact (dense)" : search, rep == null ? "exact (dense)" : rep,
                res.provenance().get("neighbours.recall") == null ? "dense" : res.provenance().get("neighbours.recall"));
    }
}
