package org.crossmodal.workbench.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;

class MapPlacerTest {

    @Test
    void newPointsLandInTheirOwnClusterAndTheMapStays() {
        int total = 1000, d = 30, c = 5;
        int[] labels = new int[total];
        float[] all = TsneBenchmark.gaussianClusters(total, d, c, 1.0, 21, labels);
        int n = 900, m = total - n;
        float[] ref = java.util.Arrays.copyOf(all, n * d);
        float[] fresh = java.util.Arrays.copyOfRange(all, n * d, total * d);
        float[] map = new FastTsne(TsneOptions.defaults().withIterations(500).withThreads(2)).project(ref, n, d).xy();
        float[] before = map.clone();
        MapPlacer placer = new MapPlacer(ref, n, d, map);
        float[] placed = placer.place(fresh, m, ProgressListener.NONE, Cancellation.NONE);
        assertArrayEquals(before, map, "the map itself is not touched");
        // centroid of each cluster on the map
        double[][] centre = new double[c][2];
        int[] count = new int[c];
        for (int i = 0; i < n; i++) { centre[labels[i]][0] += map[2 * i]; centre[labels[i]][1] += map[2 * i + 1]; count[labels[i]]++; }
        for (int a = 0; a < c; a++) { centre[a][0] /= count[a]; centre[a][1] /= count[a]; }
        int right = 0;
        for (int i = 0; i < m; i++) {
            int best = -1;
            double bd = Double.POSITIVE_INFINITY;
            for (int a = 0; a < c; a++) {
                double dd = Math.hypot(placed[2 * i] - centre[a][0], placed[2 * i + 1] - centre[a][1]);
                if (dd < bd) { bd = dd; best = a; }
            }
            if (best == labels[n + i]) right++;
        }
        assertEquals(m, right, "new points closest to their own cluster's centre");
    }

    @Test
    void onePointIsPlacedInUnderASecondOnALargeMap() {
        int n = 20_000, d = 384;
        float[] ref = TsneBenchmark.gaussianClusters(n, d, 10, 1.0, 3, null);
        // a stand-in map: the first two coordinates, scaled (placement does not care how the map was made)
        float[] map = new float[2 * n];
        for (int i = 0; i < n; i++) { map[2 * i] = ref[i * d] * 10; map[2 * i + 1] = ref[i * d + 1] * 10; }
        float[] one = java.util.Arrays.copyOf(ref, d);
        one[5] += 0.01f;
        MapPlacer placer = new MapPlacer(ref, n, d, map);
        placer.place(one, 1, ProgressListener.NONE, Cancellation.NONE); // warm-up
        long t0 = System.nanoTime();
        float[] xy = placer.place(one, 1, ProgressListener.NONE, Cancellation.NONE);
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(ms < 1000, "placing one point took " + ms + " ms");
        assertTrue(Float.isFinite(xy[0]) && Float.isFinite(xy[1]));
    }

    @Test
    void badInputsAndCancel() {
        float[] ref = TsneBenchmark.gaussianClusters(50, 4, 2, 2.0, 1, null);
        float[] map = new float[100];
        for (int i = 0; i < 100; i++) map[i] = i;
        MapPlacer placer = new MapPlacer(ref, 50, 4, map);
        float[] bad = {1, 2, Float.NaN, 4};
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> placer.place(bad, 1, ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains("Row 0, column 2"));
        assertThrows(IllegalArgumentException.class, () -> new MapPlacer(ref, 50, 4, new float[10]));
        Cancellation c = new Cancellation();
        c.cancel();
        assertThrows(CancelledException.class, () -> placer.place(new float[] {1, 2, 3, 4}, 1, ProgressListener.NONE, c));
        // a point exactly on a reference row lands next to it
        float[] onRef = java.util.Arrays.copyOfRange(ref, 7 * 4, 8 * 4);
        float[] xy = placer.place(onRef, 1, ProgressListener.NONE, Cancellation.NONE);
        assertTrue(Float.isFinite(xy[0]) && Float.isFinite(xy[1]));
    }
}
