package org.crossmodal.workbench.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;

class SmileProjectorsTest {

    private static float[][] csv(String name) throws IOException {
        try (InputStream in = SmileProjectorsTest.class.getResourceAsStream("/projection/" + name)) {
            List<float[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                float[] r = new float[f.length];
                for (int i = 0; i < f.length; i++) r[i] = Float.parseFloat(f[i]);
                rows.add(r);
            }
            return rows.toArray(new float[0][]);
        }
    }

    @Test
    void pcaMatchesNumpyWithEitherBackend() throws IOException {
        float[][] in = csv("pca_input.csv");
        float[][] expected = csv("pca_expected.csv");
        int n = in.length, d = in[0].length;
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) System.arraycopy(in[i], 0, x, i * d, d);
        for (String backend : new String[] {"java", "auto"}) {
            ProjectionResult r = new PcaProjector(new PcaOptions(1, 2, backend)).project(x, n, d);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i][0], r.xy()[2 * i], 2e-3, backend + " row " + i + " pc1");
                assertEquals(expected[i][1], r.xy()[2 * i + 1], 2e-3, backend + " row " + i + " pc2");
            }
            assertTrue(r.provenance().get("backend") != null);
        }
    }

    @Test
    void theBundledNativesMakeUmapAvailableOnLinuxX8664() {
        String path = System.getenv("LD_LIBRARY_PATH");
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64") && path != null && path.contains("natives"),
                "the build unpacks ARPACK for Linux x86-64 into target/natives and the tests put it on LD_LIBRARY_PATH");
        assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of("target/natives/libarpack.so")), "unpacked by the build");
        assertEquals(null, UmapProjector.unavailableReason(), "UMAP must load the bundled ARPACK");
        float[] x = new float[100 * 5];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() + (i / 5 < 50 ? 4 : -4));
        ProjectionResult p = new UmapProjector(UmapOptions.defaults()).project(x, 100, 5);
        assertEquals(200, p.xy().length);
        // the two planted groups come out apart: each point is nearer its own group's centre
        double[] c = new double[4];
        for (int i = 0; i < 100; i++) {
            c[i < 50 ? 0 : 2] += p.xy()[2 * i] / 50.0;
            c[i < 50 ? 1 : 3] += p.xy()[2 * i + 1] / 50.0;
        }
        int right = 0;
        for (int i = 0; i < 100; i++) {
            double d0 = Math.hypot(p.xy()[2 * i] - c[0], p.xy()[2 * i + 1] - c[1]);
            double d1 = Math.hypot(p.xy()[2 * i] - c[2], p.xy()[2 * i + 1] - c[3]);
            if ((i < 50) == (d0 < d1)) right++;
        }
        assertTrue(right >= 95, right + " of 100 points nearer their own group");
    }

    @Test
    void umapRunsOrRefusesWithAClearMessage() {
        float[] x = TsneBenchmark.gaussianClusters(100, 5, 2, 3.0, 1, null);
        String reason = UmapProjector.unavailableReason();
        if (reason == null) {
            ProjectionResult r = new UmapProjector(UmapOptions.defaults()).project(x, 100, 5);
            assertEquals(200, r.xy().length);
        } else {
            WorkbenchException e = assertThrows(WorkbenchException.class,
                    () -> new UmapProjector(UmapOptions.defaults()).project(x, 100, 5));
            assertTrue(e.getMessage().contains("UMAP is not available") && e.getMessage().contains("libarpack"),
                    e.getMessage());
            // a second call gives the same message, not a NoClassDefFoundError
            WorkbenchException again = assertThrows(WorkbenchException.class,
                    () -> new UmapProjector(UmapOptions.defaults()).project(x, 100, 5));
            assertEquals(e.getMessage(), again.getMessage());
        }
    }

    @Test
    void smileTsneReportsProgressAndSeparatesClusters() {
        int n = 150, d = 10;
        int[] labels = new int[n];
        float[] x = TsneBenchmark.gaussianClusters(n, d, 3, 3.0, 2, labels);
        List<Long> progress = new ArrayList<>();
        ProjectionResult r = new SmileTsne(TsneOptions.defaults().withIterations(1000).withPerplexity(15))
                .project(x, n, d, (s, done, total) -> { synchronized (progress) { progress.add(done); } },
                        Cancellation.NONE, SnapshotListener.NONE);
        assertEquals(2 * n, r.xy().length);
        assertTrue(progress.size() >= 90, "progress every 10 iterations: " + progress.size());
        assertTrue(r.klDivergence() > 0 && Double.isFinite(r.klDivergence()));
        // each point's nearest map neighbour shares its cluster
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            int bj = -1;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double dd = Math.hypot(r.xy()[2 * i] - r.xy()[2 * j], r.xy()[2 * i + 1] - r.xy()[2 * j + 1]);
                if (dd < best) { best = dd; bj = j; }
            }
            assertEquals(labels[i], labels[bj], "point " + i);
        }
    }

    @Test
    void smileTsneRefusesWhatCannotFitInTheHeap() {
        int n = 40_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = i % 97;
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> new SmileTsne(TsneOptions.defaults()).project(x, n, 1));
        assertTrue(e.getMessage().contains("three 40000 x 40000 double matrices") && e.getMessage().contains("--method tsne"),
                e.getMessage());
        assertEquals(1000, SmileTsne.maxPoints(24_000_000L * 1000 / 800));
    }

    @Test
    void smileTsneCancelReturnsQuickly() throws Exception {
        int n = 1500, d = 10;
        float[] x = TsneBenchmark.gaussianClusters(n, d, 3, 3.0, 2, null);
        Cancellation c = new Cancellation();
        long[] ended = new long[1];
        Thread t = new Thread(() -> {
            try {
                new SmileTsne(TsneOptions.defaults()).project(x, n, d, ProgressListener.NONE, c, SnapshotListener.NONE);
            } catch (CancelledException e) {
                ended[0] = System.nanoTime();
            }
        });
        t.start();
        Thread.sleep(1500);
        long at = System.nanoTime();
        c.cancel();
        t.join(5000);
        assertTrue(ended[0] > 0, "cancelled");
        assertTrue((ended[0] - at) / 1e6 < 100, "cancel took " + (ended[0] - at) / 1e6 + " ms");
    }

    @Test
    void smileTsneNeedsFourPoints() {
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> new SmileTsne(TsneOptions.defaults()).project(new float[] {1, 2, 3}, 3, 1));
        assertTrue(e.getMessage().contains("at least 4 points"));
    }
}
