package org.crossmodal.workbench.gui.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map's index, transform, drawing and export, without the FX toolkit. */
class MapDrawingTest {
    @TempDir
    Path dir;

    static MapData random(int n, long seed) {
        Random r = new Random(seed);
        List<Item> items = new ArrayList<>(n);
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            items.add(new Item("i" + i, i % 2 == 0 ? Modality.SPEECH : Modality.TEXT, "w" + (i / 2), null, i % 4 < 2 ? "A" : null));
            // clustered, as maps are: a few blobs and a sparse background
            double cx = (i % 7) * 10, cy = (i % 5) * 8;
            xy[2 * i] = (float) (cx + r.nextGaussian() * (i % 11 == 0 ? 20 : 1.5));
            xy[2 * i + 1] = (float) (cy + r.nextGaussian() * (i % 11 == 0 ? 20 : 1.5));
        }
        return MapData.of(items, xy, null);
    }

    static int bruteNearest(MapData d, double x, double y, double radius) {
        double best = radius * radius;
        int found = -1;
        for (int i = 0; i < d.size(); i++) {
            double dx = d.x(i) - x, dy = d.y(i) - y, d2 = dx * dx + dy * dy;
            if (d2 < best) {
                best = d2;
                found = i;
            }
        }
        return found;
    }

    @Test
    void gridFindsWhatBruteForceFinds() {
        MapData d = random(20_000, 1);
        SpatialGrid g = new SpatialGrid(d);
        Random r = new Random(2);
        int hits = 0;
        for (int q = 0; q < 5000; q++) {
            double x = -30 + r.nextDouble() * 120, y = -30 + r.nextDouble() * 100;
            double radius = q % 3 == 0 ? 0.05 : q % 3 == 1 ? 0.5 : 5;
            int want = bruteNearest(d, x, y, radius), got = g.nearest(x, y, radius);
            if (want < 0) {
                assertEquals(-1, got);
            } else {
                hits++;
                double dw = Math.hypot(d.x(want) - x, d.y(want) - y), dg = Math.hypot(d.x(got) - x, d.y(got) - y);
                assertEquals(dw, dg, 1e-9, "query " + q);
            }
        }
        assertTrue(hits > 1000, "the queries must hit points often enough to test something: " + hits);
    }

    @Test
    void gridCopesWithOnePointAndDuplicates() {
        MapData one = MapData.of(List.of(new Item("a", Modality.TEXT, "a", null, null)), new float[] {3, 4}, null);
        assertEquals(0, new SpatialGrid(one).nearest(3.1, 4, 1));
        assertEquals(-1, new SpatialGrid(one).nearest(9, 4, 1));
        MapData same = MapData.of(List.of(new Item("a", Modality.TEXT, "a", null, null),
                new Item("b", Modality.SPEECH, "a", null, null)), new float[] {1, 1, 1, 1}, null);
        assertTrue(new SpatialGrid(same).nearest(1, 1, 0.1) >= 0);
    }

    @Test
    void zoomKeepsThePointUnderTheCursor() {
        Viewport v = new Viewport();
        v.setSize(800, 600);
        v.fit(0, 0, 100, 50, 10);
        double dx = v.toDataX(123), dy = v.toDataY(456);
        v.zoomAround(3.7, 123, 456);
        assertEquals(123, v.toScreenX(dx), 1e-9);
        assertEquals(456, v.toScreenY(dy), 1e-9);
        v.panBy(10, -5);
        assertEquals(133, v.toScreenX(dx), 1e-9);
        assertEquals(451, v.toScreenY(dy), 1e-9);
        v.fit(0, 0, 100, 50, 10);
        assertEquals(10, v.toScreenX(0), 1e-9, "width limits: 780 px for 100 units");
        assertEquals(790, v.toScreenX(100), 1e-9);
    }

    @Test
    void rasterDrawsEachPointInItsColourAndShape() {
        List<Item> items = List.of(new Item("s", Modality.SPEECH, "cat", null, "A"), new Item("t", Modality.TEXT, "cat", null, null));
        MapData d = MapData.of(items, new float[] {0, 0, 10, 0}, Map.of("s", true));
        assertEquals(1, d.partner(0));
        assertEquals(-1, d.partner(1));
        Viewport v = new Viewport();
        v.setSize(200, 100);
        v.fit(0, -1, 10, 1, 20);
        PointRaster r = new PointRaster();
        r.resize(200, 100);
        int[] colours = Palette.colours(d, ColorMode.MODALITY);
        r.render(d, v, colours, new PointRaster.Style(4, false, false), null, null);
        int bg = Palette.background(false);
        int sx = (int) Math.round(v.toScreenX(0)), tx = (int) Math.round(v.toScreenX(10)), y = (int) Math.round(v.toScreenY(0));
        assertClose(Palette.SPEECH, bg, r.pixels()[y * 200 + sx], 215);
        assertClose(Palette.TEXT, bg, r.pixels()[y * 200 + tx], 215);
        assertEquals(bg, r.pixels()[2 * 200 + 2], "background far from the points");
        // circle vs square: the corner of the square is covered, the circle's is not
        int corner = 3;
        assertEquals(r.pixels()[y * 200 + tx], r.pixels()[(y + corner) * 200 + tx + corner], "the square covers its corner");
        assertNotEquals(r.pixels()[y * 200 + sx], r.pixels()[(y + corner) * 200 + sx + corner], "the circle only partly");
        assertEquals(bg, r.pixels()[(y + corner + 1) * 200 + sx + corner + 1], "and not at all further out");
        // lines join the spoken item to its text
        int mid = (sx + tx) / 2;
        assertEquals(bg, r.pixels()[y * 200 + mid]);
        r.render(d, v, colours, new PointRaster.Style(4, true, false), null, null);
        assertNotEquals(bg, r.pixels()[y * 200 + mid]);
        // colour by true match
        assertEquals(Palette.BLUISH_GREEN, Palette.colours(d, ColorMode.TRUE_MATCH)[0]);
        assertEquals(Palette.GREY, Palette.colours(d, ColorMode.TRUE_MATCH)[1]);
    }

    @Test
    void searchRingsMatchesAndFadesTheRest() {
        List<Item> items = List.of(new Item("s", Modality.SPEECH, "cat", null, null), new Item("t", Modality.TEXT, "dog", null, null));
        MapData d = MapData.of(items, new float[] {0, 0, 10, 0}, null);
        Viewport v = new Viewport();
        v.setSize(200, 100);
        v.fit(0, -1, 10, 1, 20);
        PointRaster r = new PointRaster();
        r.resize(200, 100);
        BitSet hl = new BitSet();
        hl.set(0);
        r.render(d, v, Palette.colours(d, ColorMode.MODALITY), new PointRaster.Style(4, false, false), hl, null);
        int y = (int) Math.round(v.toScreenY(0));
        int sx = (int) Math.round(v.toScreenX(0)), tx = (int) Math.round(v.toScreenX(10));
        assertEquals(Palette.SPEECH, r.pixels()[y * 200 + sx], "match drawn at full strength");
        assertClose(Palette.TEXT, Palette.background(false), r.pixels()[y * 200 + tx], 60);
        assertEquals(Palette.selectionColour(false), r.pixels()[y * 200 + sx + 6], "ring around the match");
    }

    @Test
    void pngAndSvgExports() throws Exception {
        MapData d = random(500, 3);
        Viewport v = new Viewport();
        v.setSize(320, 240);
        v.fit(d.minX(), d.minY(), d.maxX(), d.maxY(), 10);
        PointRaster r = new PointRaster();
        r.resize(320, 240);
        int[] c = Palette.colours(d, ColorMode.LABEL);
        r.render(d, v, c, new PointRaster.Style(3, true, true), null, null);
        Path png = dir.resolve("sub/map.png");
        MapExport.png(r, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(320, img.getWidth());
        assertEquals(r.pixels()[1000] & 0xFFFFFF, img.getRGB(1000 % 320, 1000 / 320) & 0xFFFFFF);
        Path svg = dir.resolve("map.svg");
        BitSet sel = new BitSet();
        sel.set(4);
        MapExport.svg(d, v, c, new PointRaster.Style(3, true, true), null, sel, svg);
        String text = Files.readString(svg);
        long circles = text.lines().filter(l -> l.startsWith("<circle") && l.contains("<title>")).count();
        long squares = text.lines().filter(l -> l.startsWith("<rect x=")).count();
        assertEquals(500, circles + squares, "every point inside the view (fit) is written");
        assertEquals(250, circles, "speech as circles");
        assertTrue(text.contains("<line "));
        assertTrue(text.trim().endsWith("</svg>"));
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", MapExport.escape("a <b> & \"c\""));
        Path blocked = dir.resolve("file");
        Files.writeString(blocked, "x");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> MapExport.png(r, blocked.resolve("map.png")));
        assertTrue(e.getMessage().contains(blocked.toString()));
    }

    private static void assertClose(int colour, int bg, int actual, int alpha) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int c = (colour >> shift) & 255, b = (bg >> shift) & 255, a = (actual >> shift) & 255;
            int want = (c * alpha + b * (255 - alpha)) / 255;
            assertEquals(want, a, 2, "channel at shift " + shift);
        }
    }
}
