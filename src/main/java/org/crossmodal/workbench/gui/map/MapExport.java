package org.crossmodal.workbench.gui.map;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.crossmodal.workbench.core.WorkbenchException;

/** Writes the map as a PNG (the drawn pixels) or an SVG (one shape per point), atomically. */
public final class MapExport {
    private MapExport() { }

    /** Writes a frame drawn by {@link PointRaster} as PNG. */
    public static void png(PointRaster frame, Path target) {
        int w = frame.width(), h = frame.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, frame.pixels(), 0, w);
        write(target, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available");
        });
    }

    /**
     * Writes the view as SVG: lines, then points (circle = speech, square = text) in their colours,
     * matches and selection ringed, as on screen.
     */
    public static void svg(MapData d, Viewport v, int[] colours, PointRaster.Style style, BitSet highlight,
                           BitSet selected, Path target) {
        int w = (int) v.width(), h = (int) v.height();
        double r = style.pointRadius();
        write(target, os -> {
            Writer out = new BufferedWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8));
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.write(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    + "viewBox=\"0 0 %d %d\">\n", w, h, w, h));
            out.write("<title>Crossmodal Workbench map</title>\n");
            out.write(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", w, h,
                    Palette.hex(Palette.background(style.dark()))));
            if (style.showLines()) {
                out.write(String.format(Locale.ROOT, "<g stroke=\"%s\" stroke-opacity=\"0.3\" stroke-width=\"1\">\n",
                        Palette.hex(Palette.lineColour(style.dark()))));
                for (int i = 0; i < d.size(); i++) {
                    int p = d.partner(i);
                    if (p < 0) continue;
                    out.write(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n",
                            v.toScreenX(d.x(i)), v.toScreenY(d.y(i)), v.toScreenX(d.x(p)), v.toScreenY(d.y(p))));
                }
                out.write("</g>\n");
            }
            double faded = highlight == null ? 0.85 : 0.25;
            out.write("<g>\n");
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < d.size(); i++) {
                    boolean on = highlight != null && highlight.get(i);
                    if ((pass == 0) == on) continue;
                    double x = v.toScreenX(d.x(i)), y = v.toScreenY(d.y(i));
                    if (x < -r || y < -r || x > w + r || y > h + r) continue;
                    String fill = Palette.hex(colours[i]);
                    double op = on ? 1 : faded;
                    String title = "<title>" + escape(d.item(i).label()) + " (" + d.item(i).modality().key() + ")</title>";
                    if (d.isSpeech(i)) {
                        out.write(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\" "
                                + "fill-opacity=\"%.2f\">%s</circle>\n", x, y, r, fill, op, title));
                    } else {
                        double s = r * 0.86;
                        out.write(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                                + "fill=\"%s\" fill-opacity=\"%.2f\">%s</rect>\n", x - s, y - s, 2 * s, 2 * s, fill, op, title));
                    }
                    if (on) ring(out, x, y, r, Palette.hex(Palette.selectionColour(style.dark())));
                }
            }
            if (selected != null) {
                String c = Palette.hex(Palette.selectionColour(style.dark()));
                for (int i = selected.nextSetBit(0); i >= 0 && i < d.size(); i = selected.nextSetBit(i + 1)) {
                    ring(out, v.toScreenX(d.x(i)), v.toScreenY(d.y(i)), r, c);
                    ring(out, v.toScreenX(d.x(i)), v.toScreenY(d.y(i)), r + 3.2, c);
                }
            }
            out.write("</g>\n</svg>\n");
            out.flush();
        });
    }

    private static void ring(Writer out, double x, double y, double r, String colour) throws IOException {
        out.write(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"none\" stroke=\"%s\" "
                + "stroke-width=\"1.5\"/>\n", x, y, r + 1.85, colour));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n') b.append(' '); else b.append(c);
                }
            }
        }
        return b.toString();
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void write(Path target, Body body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".export", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                if (tmp != null) Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file is left behind; the message below says what failed
            }
            throw new WorkbenchException("Cannot write " + abs + ": " + e.getMessage()
                    + ". Choose a folder you can write to.", e);
        }
    }
}
