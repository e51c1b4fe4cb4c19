package org.crossmodal.workbench.gui.map;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Draws the map's points into an ARGB pixel buffer: one anti-aliased stamp per point (a circle for
 * speech, a square for text), lines from each spoken item to its text, rings on matches and the
 * selection. Plain Java with no toolkit types, so a frame of 100,000 points costs a few
 * milliseconds and can be measured and exported without a screen; the map view copies the buffer
 * into one image and draws that on its canvas.
 */
public final class PointRaster {

    /** How to draw. */
    public record Style(double pointRadius, boolean showLines, boolean dark) {
        public Style {
            if (!(pointRadius >= 1 && pointRadius <= 20)) {
                throw new IllegalArgumentException("Point radius must be between 1 and 20 pixels, got " + pointRadius);
            }
        }
    }

    private int width;
    private int height;
    private int[] pixels = new int[0];

    private double spriteRadius = -1;
    private Stamp circle, square, ring, outerRing;

    /** Offsets from the centre and coverage (0..256) of the pixels a point covers, and the largest offset. */
    private record Stamp(int[] dx, int[] dy, int[] alpha, int reach) { }

    public void resize(int w, int h) {
        w = Math.max(1, w);
        h = Math.max(1, h);
        if (w != width || h != height) {
            width = w;
            height = h;
            pixels = new int[w * h];
        }
    }

    public int width() { return width; }
    public int height() { return height; }
    /** The frame, row-major ARGB, width x height. */
    public int[] pixels() { return pixels; }

    /**
     * Draws a frame.
     *
     * @param d         the points
     * @param v         the view transform (its size should match this raster)
     * @param colours   ARGB per point
     * @param style     radius, lines, theme
     * @param highlight points matching the search (others are faded), or null for no search
     * @param selected  selected points (ringed), or null
     */
    public void render(MapData d, Viewport v, int[] colours, Style style, BitSet highlight, BitSet selected) {
        prepareStamps(radiusFor(d, v, style.pointRadius()));
        int n = d.size();
        int bands = n < 20_000 ? 1 : BANDS;
        if (bands == 1) {
            renderBand(d, v, colours, style, highlight, 0, height);
        } else {
            // Horizontal bands drawn in parallel: each clips to its own rows, so no two threads write one pixel.
            int rows = (height + bands - 1) / bands;
            java.util.stream.IntStream.range(0, bands).parallel().forEach(b ->
                    renderBand(d, v, colours, style, highlight, b * rows, Math.min(height, (b + 1) * rows)));
        }
        if (n == 0) return;
        float[] xs = d.xs(), ys = d.ys();
        double s = v.scale(), ox = v.width() / 2 - v.centreX() * s, oy = v.height() / 2 - v.centreY() * s;
        int ringColour = Palette.selectionColour(style.dark());
        if (highlight != null) {
            for (int i = highlight.nextSetBit(0); i >= 0 && i < n; i = highlight.nextSetBit(i + 1)) {
                double px = xs[i] * s + ox, py = ys[i] * s + oy;
                stamp(d.isSpeech(i) ? circle : square, px, py, colours[i], 255, 0, height);
                stamp(ring, px, py, ringColour, 255, 0, height);
            }
        }
        if (selected != null) {
            for (int i = selected.nextSetBit(0); i >= 0 && i < n; i = selected.nextSetBit(i + 1)) {
                double px = xs[i] * s + ox, py = ys[i] * s + oy;
                stamp(d.isSpeech(i) ? circle : square, px, py, colours[i], 255, 0, height);
                stamp(ring, px, py, ringColour, 255, 0, height);
                stamp(outerRing, px, py, ringColour, 200, 0, height);
            }
        }
    }

    /** Points drawn up to which the full radius is used; beyond, points shrink so a dense map is not one blot. */
    static final int FULL_SIZE_POINTS = 20_000;

    /**
     * The radius for this frame: the style's radius while at most {@value #FULL_SIZE_POINTS} points are in
     * view, shrinking with the square root of the count beyond (never below 1.5 px), in steps of 0.25 px.
     */
    static double radiusFor(MapData d, Viewport v, double radius) {
        int n = d.size();
        if (n <= FULL_SIZE_POINTS) return radius;
        float[] sy = d.sortedY();
        double s = v.scale(), oy = v.height() / 2 - v.centreY() * s;
        int inView = lowerBound(sy, (v.height() - oy) / s) - lowerBound(sy, -oy / s);
        if (inView <= FULL_SIZE_POINTS) return radius;
        double r = Math.max(1.5, radius * Math.sqrt((double) FULL_SIZE_POINTS / inView));
        return Math.round(r * 4) / 4.0;
    }

    /** The radius the last frame was drawn with. */
    public double lastRadius() {
        return spriteRadius;
    }

    private static final int BANDS = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));

    /** Background, lines and the ordinary points of rows [y0, y1). */
    private void renderBand(MapData d, Viewport v, int[] colours, Style style, BitSet highlight, int y0, int y1) {
        Arrays.fill(pixels, y0 * width, y1 * width, Palette.background(style.dark()));
        int n = d.size();
        if (n == 0) return;
        float[] xs = d.xs(), ys = d.ys();
        double s = v.scale(), ox = v.width() / 2 - v.centreX() * s, oy = v.height() / 2 - v.centreY() * s;
        if (style.showLines()) {
            int lc = Palette.lineColour(style.dark());
            int la = (highlight == null ? 50 : 20) * (style.dark() ? 3 : 4) / 4;
            for (int i = 0; i < n; i++) {
                int p = d.partner(i);
                if (p < 0) continue;
                int a = highlight != null && (highlight.get(i) || highlight.get(p)) ? 150 : la;
                line(xs[i] * s + ox, ys[i] * s + oy, xs[p] * s + ox, ys[p] * s + oy, lc, a, y0, y1);
            }
        }
        boolean search = highlight != null;
        int fade = search ? 60 : 215;
        // Points are drawn in order of y, so the band's points are one run of that order (found by bisection)
        // and consecutive stamps touch neighbouring rows of the frame.
        int[] order = d.drawOrder();
        float[] sortedY = d.sortedY();
        int reach = circle.reach;
        int from = lowerBound(sortedY, (y0 - reach - 1 - oy) / s);
        int to = lowerBound(sortedY, (y1 + reach + 1 - oy) / s);
        for (int k = from; k < to; k++) {
            int i = order[k];
            if (search && highlight.get(i)) continue;
            stamp(d.isSpeech(i) ? circle : square, xs[i] * s + ox, ys[i] * s + oy, colours[i], fade, y0, y1);
        }
    }

    /** First index whose value is at least {@code key} (values sorted ascending). */
    private static int lowerBound(float[] a, double key) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void prepareStamps(double r) {
        if (r == spriteRadius) return;
        spriteRadius = r;
        circle = stamp(r, (x, y) -> x * x + y * y <= r * r);
        double h = r * 0.86;
        square = stamp(r, (x, y) -> Math.abs(x) <= h && Math.abs(y) <= h);
        double ro = r + 2.6, ri = r + 1.1;
        ring = stamp(ro, (x, y) -> {
            double q = x * x + y * y;
            return q <= ro * ro && q >= ri * ri;
        });
        double oo = r + 5.2, oi = r + 4.0;
        outerRing = stamp(oo, (x, y) -> {
            double q = x * x + y * y;
            return q <= oo * oo && q >= oi * oi;
        });
    }

    private interface Shape {
        boolean inside(double x, double y);
    }

    /** Samples the shape 4x4 per pixel for its coverage. */
    private static Stamp stamp(double r, Shape shape) {
        int k = (int) Math.ceil(r) + 1;
        int cap = (2 * k + 1) * (2 * k + 1);
        int[] dx = new int[cap], dy = new int[cap], al = new int[cap];
        int m = 0;
        for (int y = -k; y <= k; y++) {
            for (int x = -k; x <= k; x++) {
                int hits = 0;
                for (int sy = 0; sy < 4; sy++) {
                    for (int sx = 0; sx < 4; sx++) {
                        if (shape.inside(x - 0.375 + sx * 0.25, y - 0.375 + sy * 0.25)) hits++;
                    }
                }
                if (hits == 0) continue;
                dx[m] = x;
                dy[m] = y;
                al[m] = hits * 16;
                m++;
            }
        }
        return new Stamp(Arrays.copyOf(dx, m), Arrays.copyOf(dy, m), Arrays.copyOf(al, m), k);
    }

    private void stamp(Stamp st, double px, double py, int colour, int opacity, int y0, int y1) {
        if (!(px > -24 && py > y0 - 24 && px < width + 24 && py < y1 + 24)) return;
        int cx = (int) Math.round(px), cy = (int) Math.round(py);
        int[] dx = st.dx, dy = st.dy, al = st.alpha;
        int w = width;
        int[] buf = pixels;
        int srb = colour & 0xFF00FF, sg = colour & 0x00FF00;
        // opacity and coverage in 0..256, blended two channels at a time (red and blue share one multiply)
        int op = opacity + (opacity >> 7);
        int k = st.reach;
        boolean inside = cx - k >= 0 && cy - k >= y0 && cx + k < w && cy + k < y1;
        for (int j = 0; j < dx.length; j++) {
            int x = cx + dx[j], y = cy + dy[j];
            if (!inside && (x < 0 || y < y0 || x >= w || y >= y1)) continue;
            int a = (al[j] * op) >> 8;
            int o = y * w + x;
            int p = buf[o];
            int ia = 256 - a;
            int rb = ((srb * a + (p & 0xFF00FF) * ia) >>> 8) & 0xFF00FF;
            int g = ((sg * a + (p & 0x00FF00) * ia) >>> 8) & 0x00FF00;
            buf[o] = 0xFF000000 | rb | g;
        }
    }

    /** A one-pixel line, clipped to the frame (Liang-Barsky) before it is stepped. */
    private void line(double x0, double y0, double x1, double y1, int colour, int a, int rowFrom, int rowTo) {
        double dx = x1 - x0, dy = y1 - y0;
        double t0 = 0, t1 = 1;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0, width - 1 - x0, y0 - rowFrom, rowTo - 1 - y0};
        for (int k = 0; k < 4; k++) {
            if (p[k] == 0) {
                if (q[k] < 0) return;
            } else {
                double t = q[k] / p[k];
                if (p[k] < 0) { if (t > t1) return; if (t > t0) t0 = t; }
                else { if (t < t0) return; if (t < t1) t1 = t; }
            }
        }
        double ax = x0 + t0 * dx, ay = y0 + t0 * dy;
        double len = Math.max(Math.abs(dx), Math.abs(dy)) * (t1 - t0);
        if (!(len >= 1)) return;
        int steps = (int) len;
        double sx = dx * (t1 - t0) / len, sy = dy * (t1 - t0) / len;
        int srb = colour & 0xFF00FF, sg = colour & 0x00FF00;
        a = a + (a >> 7);
        int ia = 256 - a;
        int w = width;
        int[] buf = pixels;
        double x = ax, y = ay;
        for (int k = 0; k <= steps; k++, x += sx, y += sy) {
            int ix = (int) x, iy = (int) y;
            if (ix < 0 || iy < rowFrom || ix >= w || iy >= rowTo) continue;
            int o = iy * w + ix;
            int px = buf[o];
            int rb = ((srb * a + (px & 0xFF00FF) * ia) >>> 8) & 0xFF00FF;
            int g = ((sg * a + (px & 0x00FF00) * ia) >>> 8) & 0x00FF00;
            buf[o] = 0xFF000000 | rb | g;
        }
    }
}
