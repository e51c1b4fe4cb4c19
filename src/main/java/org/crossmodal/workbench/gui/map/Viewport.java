package org.crossmodal.workbench.gui.map;

/**
 * The map's view transform: screen = (data - centre) * scale + size / 2, the y axis pointing down as
 * on screen. Mutable; owned by one map view.
 */
public final class Viewport {
    private double scale = 1;
    private double cx;
    private double cy;
    private double width = 1;
    private double height = 1;

    public Viewport() { }

    public Viewport(Viewport o) {
        scale = o.scale; cx = o.cx; cy = o.cy; width = o.width; height = o.height;
    }

    public void setSize(double w, double h) {
        width = Math.max(1, w);
        height = Math.max(1, h);
    }

    public double width() { return width; }
    public double height() { return height; }
    public double scale() { return scale; }
    public double centreX() { return cx; }
    public double centreY() { return cy; }

    public double toScreenX(double x) { return (x - cx) * scale + width / 2; }
    public double toScreenY(double y) { return (y - cy) * scale + height / 2; }
    public double toDataX(double sx) { return (sx - width / 2) / scale + cx; }
    public double toDataY(double sy) { return (sy - height / 2) / scale + cy; }

    /** Moves the map by a screen offset (a drag). */
    public void panBy(double dxScreen, double dyScreen) {
        cx -= dxScreen / scale;
        cy -= dyScreen / scale;
    }

    /** Zooms by a factor keeping the data point under the screen position (sx, sy) in place. */
    public void zoomAround(double factor, double sx, double sy) {
        double dx = toDataX(sx), dy = toDataY(sy);
        scale = Math.max(1e-9, Math.min(1e9, scale * factor));
        cx = dx - (sx - width / 2) / scale;
        cy = dy - (sy - height / 2) / scale;
    }

    /** Shows the whole data rectangle with a margin of {@code marginPx} pixels. */
    public void fit(double minX, double minY, double maxX, double maxY, double marginPx) {
        double w = Math.max(1e-9, maxX - minX), h = Math.max(1e-9, maxY - minY);
        double availW = Math.max(1, width - 2 * marginPx), availH = Math.max(1, height - 2 * marginPx);
        scale = Math.min(availW / w, availH / h);
        cx = (minX + maxX) / 2;
        cy = (minY + maxY) / 2;
    }

    /** Centres on a data point, keeping the scale. */
    public void centreOn(double x, double y) {
        cx = x;
        cy = y;
    }
}
