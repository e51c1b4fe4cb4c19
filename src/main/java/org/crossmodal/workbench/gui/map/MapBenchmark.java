package org.crossmodal.workbench.gui.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;

/**
 * Times the map's drawing and hit-testing on a synthetic map: pan and zoom frames drawn by
 * {@link PointRaster} at the window's size, and the point under the mouse found by
 * {@link SpatialGrid}. Needs no screen. Returns the figures; the command line prints them.
 */
public final class MapBenchmark {
    private MapBenchmark() { }

    /**
     * @param points  points on the map (half speech, half text, in clusters like a t-SNE map)
     * @param width   frame width in pixels
     * @param height  frame height in pixels
     * @param frames  frames timed per kind (pan, zoom)
     * @param queries mouse positions looked up
     * @param seed    random seed
     * @return figure name -> value, in print order
     */
    public static Map<String, String> run(int points, int width, int height, int frames, int queries, long seed) {
        if (points < 1 || width < 16 || height < 16 || frames < 1 || queries < 1) {
            throw new IllegalArgumentException("points, frames and queries must be positive and the frame at least 16x16 pixels");
        }
        MapData d = synthetic(points, seed);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("points", Integer.toString(points));
        out.put("frame", width + "x" + height);
        out.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        out.put("load_average", String.format(Locale.ROOT, "%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        out.put("point_radius_px", "3.5 up to " + PointRaster.FULL_SIZE_POINTS + " points in view, smaller beyond");
        long t0 = System.nanoTime();
        SpatialGrid grid = new SpatialGrid(d);
        out.put("index_build_ms", ms(System.nanoTime() - t0));

        int[] colours = Palette.colours(d, ColorMode.LABEL);
        PointRaster raster = new PointRaster();
        raster.resize(width, height);
        for (boolean lines : new boolean[] {false, true}) {
            PointRaster.Style style = new PointRaster.Style(3.5, lines, false);
            Viewport v = new Viewport();
            v.setSize(width, height);
            v.fit(d.minX(), d.minY(), d.maxX(), d.maxY(), 24);
            for (int i = 0; i < 20; i++) raster.render(d, v, colours, style, null, null); // warm-up
            long[] pan = new long[frames];
            long cpu0 = cpu();
            for (int i = 0; i < frames; i++) {
                v.panBy((i / 20) % 2 == 0 ? 7 : -7, (i / 30) % 2 == 0 ? 3 : -3);
                long a = System.nanoTime();
                raster.render(d, v, colours, style, null, null);
                pan[i] = System.nanoTime() - a;
            }
            long panCpu = cpu() - cpu0;
            long[] zoom = new long[frames];
            cpu0 = cpu();
            for (int i = 0; i < frames; i++) {
                double f = (i / 25) % 2 == 0 ? 1.04 : 1 / 1.04;
                v.zoomAround(f, width * 0.4, height * 0.6);
                long a = System.nanoTime();
                raster.render(d, v, colours, style, null, null);
                zoom[i] = System.nanoTime() - a;
            }
            long zoomCpu = cpu() - cpu0;
            String tag = lines ? "_with_lines" : "";
            if (!lines) out.put("radius_at_fit_px", Double.toString(PointRaster.radiusFor(d, fitted(d, width, height), 3.5)));
            out.put("pan_frame_ms" + tag, summary(pan) + String.format(Locale.ROOT, "; process CPU %.2f per frame", panCpu / 1e6 / frames));
            out.put("zoom_frame_ms" + tag, summary(zoom) + String.format(Locale.ROOT, "; process CPU %.2f per frame", zoomCpu / 1e6 / frames));
        }

        Viewport v = new Viewport();
        v.setSize(width, height);
        v.fit(d.minX(), d.minY(), d.maxX(), d.maxY(), 24);
        Random r = new Random(seed + 1);
        double radius = 6 / v.scale();
        int found = 0;
        for (int i = 0; i < 10_000; i++) grid.nearest(v.toDataX(r.nextDouble() * width), v.toDataY(r.nextDouble() * height), radius);
        long[] look = new long[queries];
        for (int i = 0; i < queries; i++) {
            double sx = r.nextDouble() * width, sy = r.nextDouble() * height;
            long a = System.nanoTime();
            int hit = grid.nearest(v.toDataX(sx), v.toDataY(sy), radius);
            look[i] = System.nanoTime() - a;
            if (hit >= 0) found++;
        }
        Arrays.sort(look);
        out.put("lookup_us", String.format(Locale.ROOT, "median %.2f, p99 %.2f, max %.2f (%d queries, %.0f%% on a point)",
                look[queries / 2] / 1e3, look[(int) (queries * 0.99)] / 1e3, look[queries - 1] / 1e3, queries,
                100.0 * found / queries));
        return out;
    }

    private static Viewport fitted(MapData d, int width, int height) {
        Viewport v = new Viewport();
        v.setSize(width, height);
        v.fit(d.minX(), d.minY(), d.maxX(), d.maxY(), 24);
        return v;
    }

    /** A map like a t-SNE of spoken words and their texts: clusters of a word's recordings beside its text. */
    public static MapData synthetic(int n, long seed) {
        Random r = new Random(seed);
        List<Item> items = new ArrayList<>(n);
        float[] xy = new float[2 * n];
        int words = Math.max(1, n / 5);
        float[] cx = new float[words], cy = new float[words];
        for (int w = 0; w < words; w++) {
            // words spread over a disc, denser in the middle
            double a = r.nextDouble() * 2 * Math.PI, rad = 100 * Math.sqrt(r.nextDouble());
            cx[w] = (float) (rad * Math.cos(a));
            cy[w] = (float) (rad * Math.sin(a));
        }
        for (int i = 0; i < n; i++) {
            int w = i % words;
            boolean text = i < words;
            items.add(new Item("p" + i, text ? Modality.TEXT : Modality.SPEECH, "word" + w, null,
                    text ? null : "speaker" + (i / words)));
            xy[2 * i] = (float) (cx[w] + r.nextGaussian() * 0.6);
            xy[2 * i + 1] = (float) (cy[w] + r.nextGaussian() * 0.6);
        }
        return MapData.of(items, xy, null);
    }

    /**
     * CPU time of the whole process, all drawing threads together (on a shared machine the wall time
     * also counts other processes' turns; the CPU time does not).
     */
    private static long cpu() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return System.nanoTime();
    }

    private static String summary(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        return String.format(Locale.ROOT, "median %.2f, mean %.2f, p95 %.2f, max %.2f (%d frames)", s[s.length / 2] / 1e6,
                mean / 1e6, s[(int) (s.length * 0.95)] / 1e6, s[s.length - 1] / 1e6, s.length);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
