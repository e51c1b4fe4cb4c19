package org.crossmodal.workbench.gui.map;

/**
 * Colours of the map: the Okabe-Ito palette, which stays distinguishable for the common forms of
 * colour blindness. Black is left out of the category colours so that points show on both themes.
 */
public final class Palette {
    private Palette() { }

    public static final int ORANGE = 0xFFE69F00;
    public static final int SKY_BLUE = 0xFF56B4E9;
    public static final int BLUISH_GREEN = 0xFF009E73;
    public static final int YELLOW = 0xFFF0E442;
    public static final int BLUE = 0xFF0072B2;
    public static final int VERMILLION = 0xFFD55E00;
    public static final int REDDISH_PURPLE = 0xFFCC79A7;
    public static final int GREY = 0xFF999999;

    /** Category colours in the order they are handed out. */
    public static final int[] CATEGORIES = {BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION, YELLOW};

    public static final int SPEECH = BLUE;
    public static final int TEXT = ORANGE;

    public static int background(boolean dark) {
        return dark ? 0xFF1E1F22 : 0xFFFBFBFA;
    }

    public static int lineColour(boolean dark) {
        return dark ? 0xFFB0B0B0 : 0xFF606060;
    }

    public static int selectionColour(boolean dark) {
        return dark ? 0xFFFFFFFF : 0xFF000000;
    }

    /** The colour of every point for a colour mode. */
    public static int[] colours(MapData d, ColorMode mode) {
        int n = d.size();
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = switch (mode) {
                case MODALITY -> d.isSpeech(i) ? SPEECH : TEXT;
                case LABEL -> CATEGORIES[d.labelClass(i) % CATEGORIES.length];
                case SPEAKER -> d.speakerClass(i) < 0 ? GREY : CATEGORIES[d.speakerClass(i) % CATEGORIES.length];
                case TRUE_MATCH -> switch (d.nnIsTrueMatch(i)) {
                    case 1 -> BLUISH_GREEN;
                    case 0 -> VERMILLION;
                    default -> GREY;
                };
            };
        }
        return c;
    }

    /** "#rrggbb" of an ARGB colour. */
    public static String hex(int argb) {
        return String.format("#%06x", argb & 0xFFFFFF);
    }
}
