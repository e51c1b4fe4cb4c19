package org.crossmodal.workbench.gui.map;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.util.Duration;

/**
 * The map: every point of the session drawn on one {@link Canvas} (never a node per point). Pan by
 * dragging, zoom with the wheel around the cursor, fit; hover shows a tooltip found through a
 * {@link SpatialGrid}; click selects; box (shift-drag or the box tool) and lasso (the lasso tool or
 * alt-drag) select many. Changes only mark the map dirty; an {@link AnimationTimer} draws at most
 * once per pulse, so a stream of live projection snapshots animates smoothly.
 */
public final class MapView extends Region {

    /** What a drag does. */
    public enum Tool { PAN, BOX, LASSO }

    private final Canvas canvas = new Canvas();
    private final Viewport viewport = new Viewport();
    private final PointRaster raster = new PointRaster();
    private WritableImage image;

    private final ObjectProperty<MapData> data = new SimpleObjectProperty<>(this, "data", MapData.empty());
    private final ObjectProperty<ColorMode> colorMode = new SimpleObjectProperty<>(this, "colorMode", ColorMode.MODALITY);
    private final BooleanProperty showLines = new SimpleBooleanProperty(this, "showLines", true);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.PAN);
    private final ObjectProperty<String> emptyMessage = new SimpleObjectProperty<>(this, "emptyMessage", "");

    private int[] colours = new int[0];
    private SpatialGrid grid;
    private BitSet highlight;
    private BitSet selected = new BitSet();
    private int primary = -1;
    private boolean rasterDirty = true;
    private boolean overlayDirty = true;
    private boolean needsFit = true;
    private boolean autoFit = true;
    private long frames;

    private IntConsumer onPointClicked = i -> { };
    private Consumer<BitSet> onAreaSelected = b -> { };
    private IntFunction<String> tooltipText = i -> data.get().item(i).label();

    private final Tooltip tooltip = new Tooltip();
    private int hovered = -1;

    private double pressX, pressY, lastX, lastY;
    private boolean dragging;
    private Tool dragTool;
    private final List<double[]> lasso = new ArrayList<>();

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (rasterDirty || overlayDirty) draw();
        }
    };

    public MapView() {
        getStyleClass().add("map-view");
        getChildren().add(canvas);
        setMinSize(200, 150);
        setFocusTraversable(true);
        tooltip.setShowDelay(Duration.ZERO);
        tooltip.getStyleClass().add("map-tooltip");
        data.addListener((o, a, b) -> {
            colours = Palette.colours(b, colorMode.get());
            grid = null;
            if (autoFit) needsFit = true;
            if (a == null || a.size() != b.size() || a.isEmpty()) {
                needsFit = true;
                selected = new BitSet();
                primary = -1;
                highlight = null;
            }
            markDirty();
        });
        colorMode.addListener((o, a, b) -> { colours = Palette.colours(data.get(), b); markDirty(); });
        showLines.addListener((o, a, b) -> markDirty());
        dark.addListener((o, a, b) -> markDirty());
        emptyMessage.addListener((o, a, b) -> overlayDirty = true);

        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideTooltip());
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        sceneProperty().addListener((o, a, b) -> {
            if (b != null) timer.start(); else timer.stop();
        });
    }

    // ---- properties and state --------------------------------------------------------------

    public ObjectProperty<MapData> dataProperty() { return data; }
    public ObjectProperty<ColorMode> colorModeProperty() { return colorMode; }
    public BooleanProperty showLinesProperty() { return showLines; }
    public BooleanProperty darkProperty() { return dark; }
    public ObjectProperty<Tool> toolProperty() { return tool; }
    /** Text shown in the middle when there are no points. */
    public ObjectProperty<String> emptyMessageProperty() { return emptyMessage; }
    public Viewport viewport() { return viewport; }
    public Canvas canvas() { return canvas; }
    /** How many frames have been drawn (for tests and the benchmark). */
    public long frames() { return frames; }

    public void setOnPointClicked(IntConsumer c) { onPointClicked = c; }
    public void setOnAreaSelected(Consumer<BitSet> c) { onAreaSelected = c; }
    public void setTooltipText(IntFunction<String> f) { tooltipText = f; }

    /** Points matching a search (drawn on top with a ring; the rest faded), or null for none. */
    public void setHighlight(BitSet matches) {
        highlight = matches == null ? null : (BitSet) matches.clone();
        markDirty();
    }

    /** The selection: {@code primary} is the item whose neighbours are shown (-1 for none). */
    public void setSelection(int primary, BitSet all) {
        this.primary = primary;
        selected = all == null ? new BitSet() : (BitSet) all.clone();
        if (primary >= 0) selected.set(primary);
        markDirty();
    }

    public void markDirty() {
        rasterDirty = true;
    }

    /**
     * Whether the view follows the data: refits on every change (a map being made grows from a dot)
     * until the user pans or zooms.
     */
    public void setAutoFit(boolean on) {
        autoFit = on;
        if (on) {
            needsFit = true;
            markDirty();
        }
    }

    /** Shows all points (and follows the data again). */
    public void fit() {
        autoFit = true;
        MapData d = data.get();
        viewport.setSize(getWidth(), getHeight());
        viewport.fit(d.minX(), d.minY(), d.maxX(), d.maxY(), 24);
        needsFit = false;
        markDirty();
    }

    public void zoom(double factor) {
        autoFit = false;
        viewport.zoomAround(factor, getWidth() / 2, getHeight() / 2);
        markDirty();
    }

    /** Centres the map on a point and zooms in if the map is zoomed far out. */
    public void centreOn(int i) {
        MapData d = data.get();
        if (i < 0 || i >= d.size()) return;
        autoFit = false;
        viewport.centreOn(d.x(i), d.y(i));
        markDirty();
    }

    /** The point drawn at a position on the canvas, or -1. */
    public int pointAt(double sx, double sy) {
        MapData d = data.get();
        if (d.isEmpty()) return -1;
        if (grid == null) grid = new SpatialGrid(d);
        double r = 6 / viewport.scale();
        return grid.nearest(viewport.toDataX(sx), viewport.toDataY(sy), r);
    }

    /** Where a point is drawn, in canvas coordinates. */
    public double[] screenPosition(int i) {
        MapData d = data.get();
        return new double[] {viewport.toScreenX(d.x(i)), viewport.toScreenY(d.y(i))};
    }

    /** The current frame as ARGB pixels (width, height, pixels), drawn now. */
    public PointRaster renderNow() {
        draw();
        return raster;
    }

    /** Writes the map as shown to a PNG file. */
    public void exportPng(java.nio.file.Path target) {
        MapExport.png(renderNow(), target);
    }

    /** Writes the map as shown to an SVG file. */
    public void exportSvg(java.nio.file.Path target) {
        MapExport.svg(data.get(), new Viewport(viewport), colours, style(), highlight, selected, target);
    }

    private PointRaster.Style style() {
        return new PointRaster.Style(3.5, showLines.get(), dark.get());
    }

    // ---- drawing -------------------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth()), h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            viewport.setSize(w, h);
            markDirty();
        }
    }

    private void draw() {
        int w = (int) canvas.getWidth(), h = (int) canvas.getHeight();
        if (w < 1 || h < 1) return;
        MapData d = data.get();
        if (needsFit && !d.isEmpty()) {
            viewport.setSize(w, h);
            viewport.fit(d.minX(), d.minY(), d.maxX(), d.maxY(), 24);
            needsFit = false;
        }
        viewport.setSize(w, h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        if (rasterDirty || image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            raster.resize(w, h);
            raster.render(d, viewport, colours, style(), highlight, selected);
            if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) image = new WritableImage(w, h);
            image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), raster.pixels(), 0, w);
            rasterDirty = false;
        }
        overlayDirty = false;
        frames++;
        g.drawImage(image, 0, 0);
        Color fg = dark.get() ? Color.gray(0.92) : Color.gray(0.1);
        if (d.isEmpty()) {
            g.setFill(fg);
            g.setFont(Font.font(15));
            g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            String msg = emptyMessage.get() == null ? "" : emptyMessage.get();
            String[] lines = msg.split("\n");
            for (int k = 0; k < lines.length; k++) g.fillText(lines[k], w / 2.0, h / 2.0 + (k - (lines.length - 1) / 2.0) * 22);
            g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
            g.setTextBaseline(VPos.BASELINE);
            return;
        }
        if (primary >= 0 && primary < d.size()) {
            double px = viewport.toScreenX(d.x(primary)), py = viewport.toScreenY(d.y(primary));
            String label = d.item(primary).label();
            g.setFont(Font.font(13));
            g.setFill(dark.get() ? Color.rgb(30, 31, 34, 0.8) : Color.rgb(255, 255, 255, 0.85));
            double tw = label.length() * 7.2 + 8;
            g.fillRoundRect(px + 8, py - 22, tw, 18, 6, 6);
            g.setFill(fg);
            g.fillText(label, px + 12, py - 9);
        }
        if (dragging && dragTool == Tool.BOX) {
            g.setStroke(fg);
            g.setLineWidth(1);
            g.setLineDashes(4, 4);
            g.strokeRect(Math.min(pressX, lastX), Math.min(pressY, lastY), Math.abs(lastX - pressX), Math.abs(lastY - pressY));
            g.setLineDashes();
        } else if (dragging && dragTool == Tool.LASSO && lasso.size() > 1) {
            g.setStroke(fg);
            g.setLineWidth(1);
            g.setLineDashes(4, 4);
            g.beginPath();
            g.moveTo(lasso.get(0)[0], lasso.get(0)[1]);
            for (double[] p : lasso) g.lineTo(p[0], p[1]);
            g.closePath();
            g.stroke();
            g.setLineDashes();
        }
        drawLegend(g, fg, d);
    }

    private void drawLegend(GraphicsContext g, Color fg, MapData d) {
        double x = 12, y = canvas.getHeight() - 14;
        g.setFont(Font.font(12));
        g.setFill(dark.get() ? Color.rgb(30, 31, 34, 0.75) : Color.rgb(255, 255, 255, 0.8));
        g.fillRoundRect(x - 6, y - 16, 470, 24, 6, 6);
        // shapes always tell the modalities apart; in modality mode the colours do too
        ColorMode mode = colorMode.get();
        boolean byModality = mode == ColorMode.MODALITY;
        g.setFill(byModality ? Color.web(Palette.hex(Palette.SPEECH)) : fg);
        g.fillOval(x, y - 9, 8, 8);
        g.setFill(fg);
        g.fillText("speech", x + 12, y);
        g.setFill(byModality ? Color.web(Palette.hex(Palette.TEXT)) : fg);
        g.fillRect(x + 62, y - 9, 8, 8);
        g.setFill(fg);
        g.fillText("text", x + 74, y);
        double cx = x + 112;
        switch (mode) {
            case MODALITY -> { }
            case TRUE_MATCH -> {
                cx = swatch(g, fg, cx, y, Palette.BLUISH_GREEN, "NN is the true match");
                cx = swatch(g, fg, cx, y, Palette.VERMILLION, "is not");
                cx = swatch(g, fg, cx, y, Palette.GREY, "no match");
            }
            case LABEL -> cx = label(g, fg, cx, y, d.labelClasses() + " labels, " + Palette.CATEGORIES.length + " colours repeat");
            case SPEAKER -> cx = label(g, fg, cx, y, d.speakerClasses() + " speakers" + (d.speakerClasses() > Palette.CATEGORIES.length
                    ? ", " + Palette.CATEGORIES.length + " colours repeat" : "") + "; grey: none");
        }
        g.setFill(fg);
        g.fillText("· " + d.size() + " points", cx + 4, y);
    }

    private static double swatch(GraphicsContext g, Color fg, double x, double y, int argb, String text) {
        g.setFill(Color.web(Palette.hex(argb)));
        g.fillRect(x, y - 9, 9, 9);
        g.setFill(fg);
        g.fillText(text, x + 13, y);
        return x + 13 + text.length() * 6.6 + 10;
    }

    private static double label(GraphicsContext g, Color fg, double x, double y, String text) {
        g.setFill(fg);
        g.fillText(text, x, y);
        return x + text.length() * 6.6;
    }

    // ---- mouse ---------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        requestFocus();
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragging = false;
        Tool t = tool.get();
        if (e.isShiftDown()) t = Tool.BOX;
        if (e.isAltDown()) t = Tool.LASSO;
        if (e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE) t = Tool.PAN;
        dragTool = t;
        lasso.clear();
        lasso.add(new double[] {pressX, pressY});
        hideTooltip();
    }

    private void dragged(MouseEvent e) {
        double x = e.getX(), y = e.getY();
        if (!dragging && Math.hypot(x - pressX, y - pressY) < 3) return;
        dragging = true;
        if (dragTool == Tool.PAN) {
            autoFit = false;
            viewport.panBy(x - lastX, y - lastY);
            markDirty();
        } else {
            if (dragTool == Tool.LASSO) lasso.add(new double[] {x, y});
            overlayDirty = true;
        }
        lastX = x;
        lastY = y;
    }

    private void released(MouseEvent e) {
        if (!dragging) {
            int i = pointAt(e.getX(), e.getY());
            onPointClicked.accept(i);
            return;
        }
        dragging = false;
        if (dragTool == Tool.BOX) {
            onAreaSelected.accept(inBox(pressX, pressY, lastX, lastY));
        } else if (dragTool == Tool.LASSO && lasso.size() > 2) {
            onAreaSelected.accept(inLasso(lasso));
        }
        overlayDirty = true;
    }

    /** The points inside a screen rectangle. */
    public BitSet inBox(double x0, double y0, double x1, double y1) {
        MapData d = data.get();
        double ax = viewport.toDataX(Math.min(x0, x1)), bx = viewport.toDataX(Math.max(x0, x1));
        double ay = viewport.toDataY(Math.min(y0, y1)), by = viewport.toDataY(Math.max(y0, y1));
        BitSet out = new BitSet();
        for (int i = 0; i < d.size(); i++) {
            float x = d.x(i), y = d.y(i);
            if (x >= ax && x <= bx && y >= ay && y <= by) out.set(i);
        }
        return out;
    }

    /** The points inside a closed screen polygon (even-odd rule). */
    public BitSet inLasso(List<double[]> polygon) {
        MapData d = data.get();
        int m = polygon.size();
        double[] px = new double[m], py = new double[m];
        for (int k = 0; k < m; k++) {
            px[k] = viewport.toDataX(polygon.get(k)[0]);
            py[k] = viewport.toDataY(polygon.get(k)[1]);
        }
        BitSet out = new BitSet();
        for (int i = 0; i < d.size(); i++) {
            double x = d.x(i), y = d.y(i);
            boolean in = false;
            for (int a = 0, b = m - 1; a < m; b = a++) {
                if ((py[a] > y) != (py[b] > y) && x < (px[b] - px[a]) * (y - py[a]) / (py[b] - py[a]) + px[a]) in = !in;
            }
            if (in) out.set(i);
        }
        return out;
    }

    private void moved(MouseEvent e) {
        int i = pointAt(e.getX(), e.getY());
        if (i == hovered) {
            if (i >= 0 && tooltip.isShowing()) {
                tooltip.setAnchorX(e.getScreenX() + 14);
                tooltip.setAnchorY(e.getScreenY() + 14);
            }
            return;
        }
        hovered = i;
        if (i < 0) {
            hideTooltip();
            return;
        }
        tooltip.setText(tooltipText.apply(i));
        if (getScene() != null && getScene().getWindow() != null) {
            tooltip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
        }
    }

    /** The text of the tooltip currently shown, or null. */
    public String tooltipShown() {
        return tooltip.isShowing() ? tooltip.getText() : null;
    }

    private void hideTooltip() {
        hovered = -1;
        tooltip.hide();
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) return;
        autoFit = false;
        viewport.zoomAround(Math.pow(1.0025, e.getDeltaY()), e.getX(), e.getY());
        markDirty();
        e.consume();
    }
}
