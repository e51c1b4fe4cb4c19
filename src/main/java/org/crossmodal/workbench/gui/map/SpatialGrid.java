package org.crossmodal.workbench.gui.map;

/**
 * A uniform grid over the map's points for finding the point under the mouse: points are bucketed
 * by cell (counting sort into one array), a query visits only the cells that the search circle
 * overlaps. Built in O(n); about four points per cell.
 */
public final class SpatialGrid {
    private final float[] x;
    private final float[] y;
    private final float minX, minY;
    private final float cell;
    private final int cols, rows;
    private final int[] cellStart;
    private final int[] order;

    public SpatialGrid(MapData d) {
        this(d.xs(), d.ys(), d.minX(), d.minY(), d.maxX(), d.maxY());
    }

    SpatialGrid(float[] x, float[] y, float minX, float minY, float maxX, float maxY) {
        this.x = x;
        this.y = y;
        int n = x.length;
        this.minX = minX;
        this.minY = minY;
        float w = Math.max(1e-6f, maxX - minX), h = Math.max(1e-6f, maxY - minY);
        double cells = Math.max(1, n / 4.0);
        float c = (float) Math.sqrt(w * h / cells);
        if (!(c > 0) || !Float.isFinite(c)) c = Math.max(w, h);
        c = Math.max(c, Math.max(w, h) / 4000f);
        int cc = (int) Math.floor(w / c) + 1;
        int rr = (int) Math.floor(h / c) + 1;
        this.cell = c;
        this.cols = cc;
        this.rows = rr;
        int[] counts = new int[cc * rr + 1];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            int k = cellIndex(x[i], y[i]);
            cellOf[i] = k;
            if (k >= 0) counts[k + 1]++;
        }
        for (int k = 0; k < cc * rr; k++) counts[k + 1] += counts[k];
        cellStart = counts.clone();
        int[] fill = counts;
        order = new int[cellStart[cc * rr]];
        for (int i = 0; i < n; i++) {
            int k = cellOf[i];
            if (k >= 0) order[fill[k]++] = i;
        }
    }

    private int cellIndex(float px, float py) {
        if (!Float.isFinite(px) || !Float.isFinite(py)) return -1;
        int cx = clamp((int) ((px - minX) / cell), cols);
        int cy = clamp((int) ((py - minY) / cell), rows);
        return cy * cols + cx;
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }

    /**
     * The point nearest to (px, py) within {@code radius} (data units), or -1. Ties go to the later
     * point, which is drawn on top.
     */
    public int nearest(double px, double py, double radius) {
        int c0 = clamp((int) Math.floor((px - radius - minX) / cell), cols);
        int c1 = clamp((int) Math.floor((px + radius - minX) / cell), cols);
        int r0 = clamp((int) Math.floor((py - radius - minY) / cell), rows);
        int r1 = clamp((int) Math.floor((py + radius - minY) / cell), rows);
        if (px + radius < minX || py + radius < minY || px - radius > minX + cols * cell
                || py - radius > minY + rows * cell) return -1;
        double best = radius * radius;
        int found = -1;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int k = r * cols + c;
                for (int j = cellStart[k], e = cellStart[k + 1]; j < e; j++) {
                    int i = order[j];
                    double dx = x[i] - px, dy = y[i] - py;
                    double d2 = dx * dx + dy * dy;
                    if (d2 < best || (d2 == best && i > found && found >= 0)) {
                        best = d2;
                        found = i;
                    }
                }
            }
        }
        return found;
    }

    public int columns() { return cols; }
    public int rows() { return rows; }
}
