package org.crossmodal.workbench.core;

import java.util.Locale;

/** How labels are compared: a spoken item's true match is the text item with the same folded label. */
public final class Labels {
    private Labels() { }

    /** Lower case, whitespace collapsed, punctuation stripped from both ends. */
    public static String matchKey(String label) {
        if (label == null) return "";
        String s = label.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int a = 0, b = s.length();
        while (a < b && !Character.isLetterOrDigit(s.codePointAt(a))) a++;
        while (b > a && !Character.isLetterOrDigit(s.codePointBefore(b))) b--;
        return s.substring(a, b);
    }
}
