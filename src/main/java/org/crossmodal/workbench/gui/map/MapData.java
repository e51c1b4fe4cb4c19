package org.crossmodal.workbench.gui.map;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;

/**
 * What the map draws: one point per item with its map coordinates and what the colours and
 * tooltips need. Immutable apart from the coordinates, which {@link #withXY} replaces as live
 * projection snapshots arrive (the rest is shared between snapshots).
 */
public final class MapData {
    private final List<Item> items;
    private final float[] x;
    private final float[] y;
    private final boolean[] speech;
    private final int[] partner;
    private final int[] labelClass;
    private final int[] speakerClass;
    private final byte[] nnIsTrueMatch;
    private final Map<String, Integer> indexById;
    private final int labelClasses;
    private final int speakerClasses;
    private final float minX, minY, maxX, maxY;
    private int[] drawOrder;
    private float[] sortedY;

    private MapData(List<Item> items, float[] x, float[] y, boolean[] speech, int[] partner, int[] labelClass,
                    int[] speakerClass, byte[] nnIsTrueMatch, Map<String, Integer> indexById, int labelClasses,
                    int speakerClasses) {
        this.items = items;
        this.x = x;
        this.y = y;
        this.speech = speech;
        this.partner = partner;
        this.labelClass = labelClass;
        this.speakerClass = speakerClass;
        this.nnIsTrueMatch = nnIsTrueMatch;
        this.indexById = indexById;
        this.labelClasses = labelClasses;
        this.speakerClasses = speakerClasses;
        float a = Float.POSITIVE_INFINITY, b = Float.POSITIVE_INFINITY, c = Float.NEGATIVE_INFINITY, d = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i]) || !Float.isFinite(y[i])) continue;
            a = Math.min(a, x[i]);
            b = Math.min(b, y[i]);
            c = Math.max(c, x[i]);
            d = Math.max(d, y[i]);
        }
        if (a > c) { a = -1; c = 1; b = -1; d = 1; }
        minX = a; minY = b; maxX = c; maxY = d;
    }

    /** An empty map. */
    public static MapData empty() {
        return of(List.of(), new float[0], null);
    }

    /**
     * Builds the map of a list of items.
     *
     * @param items       the items, in the order of the coordinates
     * @param xy          x0,y0,x1,y1,... one pair per item
     * @param nnIsTrue    for items whose nearest neighbour in the other modality is known: whether it is
     *                    the item's true match (null when unknown)
     */
    public static MapData of(List<Item> items, float[] xy, Map<String, Boolean> nnIsTrue) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(xy, "xy");
        int n = items.size();
        if (xy.length != 2 * n) {
            throw new IllegalArgumentException(n + " items need " + 2 * n + " map coordinates, got " + xy.length);
        }
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) { x[i] = xy[2 * i]; y[i] = xy[2 * i + 1]; }
        boolean[] speech = new boolean[n];
        int[] partner = new int[n];
        int[] labelClass = new int[n];
        int[] speakerClass = new int[n];
        byte[] nn = new byte[n];
        Map<String, Integer> index = new HashMap<>(n * 2);
        Map<String, Integer> textByKey = new HashMap<>();
        Map<String, Integer> labels = new LinkedHashMap<>();
        Map<String, Integer> speakers = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Item it = items.get(i);
            index.put(it.id(), i);
            speech[i] = it.modality() == Modality.SPEECH;
            String key = it.matchKey();
            if (!speech[i]) textByKey.putIfAbsent(key, i);
            labelClass[i] = labels.computeIfAbsent(key, k -> labels.size());
            speakerClass[i] = it.speaker() == null || it.speaker().isBlank() ? -1
                    : speakers.computeIfAbsent(it.speaker(), k -> speakers.size());
            Boolean b = nnIsTrue == null ? null : nnIsTrue.get(it.id());
            nn[i] = b == null ? (byte) -1 : b ? (byte) 1 : (byte) 0;
        }
        for (int i = 0; i < n; i++) {
            partner[i] = speech[i] ? textByKey.getOrDefault(items.get(i).matchKey(), -1) : -1;
        }
        return new MapData(List.copyOf(items), x, y, speech, partner, labelClass, speakerClass, nn, index,
                labels.size(), speakers.size());
    }

    /** The same items at new coordinates (a live projection snapshot). */
    public MapData withXY(float[] xy) {
        int n = size();
        if (xy.length != 2 * n) {
            throw new IllegalArgumentException(n + " items need " + 2 * n + " map coordinates, got " + xy.length);
        }
        float[] nx = new float[n], ny = new float[n];
        for (int i = 0; i < n; i++) { nx[i] = xy[2 * i]; ny[i] = xy[2 * i + 1]; }
        return new MapData(items, nx, ny, speech, partner, labelClass, speakerClass, nnIsTrueMatch, indexById,
                labelClasses, speakerClasses);
    }

    public int size() { return x.length; }
    public boolean isEmpty() { return x.length == 0; }
    public Item item(int i) { return items.get(i); }
    public List<Item> items() { return items; }
    public float x(int i) { return x[i]; }
    public float y(int i) { return y[i]; }
    public boolean isSpeech(int i) { return speech[i]; }
    /** For a spoken item, the index of the text item with the same label; -1 otherwise. */
    public int partner(int i) { return partner[i]; }
    public int labelClass(int i) { return labelClass[i]; }
    /** Speaker class, or -1 for items without a speaker. */
    public int speakerClass(int i) { return speakerClass[i]; }
    /** 1 if the nearest neighbour is the true match, 0 if not, -1 if unknown. */
    public byte nnIsTrueMatch(int i) { return nnIsTrueMatch[i]; }
    public int labelClasses() { return labelClasses; }
    public int speakerClasses() { return speakerClasses; }
    /** Row of an item id, or -1. */
    public int indexOf(String id) { return indexById.getOrDefault(id, -1); }
    public float minX() { return minX; }
    public float minY() { return minY; }
    public float maxX() { return maxX; }
    public float maxY() { return maxY; }
    /**
     * Point indices sorted by y (then x): the drawing order. Pan and zoom keep it, so it is computed
     * once per set of coordinates.
     */
    synchronized int[] drawOrder() {
        int[] o = drawOrder;
        if (o == null) {
            int n = x.length;
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                // sortable bits of y in the high word, the index in the low word
                int bits = Float.floatToIntBits(Float.isFinite(y[i]) ? y[i] : 0f);
                bits ^= (bits >> 31) & 0x7FFFFFFF;
                keys[i] = ((long) bits << 32) | i;
            }
            java.util.Arrays.sort(keys);
            o = new int[n];
            float[] sy = new float[n];
            for (int i = 0; i < n; i++) {
                o[i] = (int) keys[i];
                sy[i] = Float.isFinite(y[o[i]]) ? y[o[i]] : 0f;
            }
            sortedY = sy;
            drawOrder = o;
        }
        return o;
    }

    /** The y of each point in {@link #drawOrder()} order (ascending). */
    float[] sortedY() {
        drawOrder();
        return sortedY;
    }

    float[] xs() { return x; }
    float[] ys() { return y; }
}
