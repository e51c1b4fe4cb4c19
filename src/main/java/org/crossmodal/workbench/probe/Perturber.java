package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Replaces a share of a text's units (characters or IPA phonemes) with other units at random.
 *
 * <p>Of the n replaceable units, k = floor(p·n) plus one more with probability frac(p·n) are chosen
 * uniformly without replacement, so the expected share replaced is exactly p even for short words, 0%
 * changes nothing and 100% changes every unit. Each chosen unit becomes a different unit drawn uniformly
 * from the inventory (case-insensitively different for characters), so every chosen position really changes.
 */
public final class Perturber {
    private final PerturbationUnit unit;
    private final List<String> inventory;

    /**
     * @param unit      characters or phonemes
     * @param inventory the replacement symbols: the alphabet's letters, or the phoneme inventory; at least 2
     */
    public Perturber(PerturbationUnit unit, Collection<String> inventory) {
        this.unit = unit;
        this.inventory = List.copyOf(new LinkedHashSet<>(inventory));
        if (this.inventory.size() < 2) {
            throw new IllegalArgumentException("A " + unit.key() + " perturbation needs at least 2 replacement symbols, got "
                    + this.inventory.size() + ".");
        }
    }

    /** The symbols of an alphabet string, one per code point. */
    public static List<String> symbols(String alphabet) {
        List<String> out = new ArrayList<>();
        alphabet.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    /** The phoneme inventory of a set of IPA strings. */
    public static List<String> phonemeInventory(Collection<String> ipa) {
        LinkedHashSet<String> inv = new LinkedHashSet<>();
        for (String s : ipa) {
            for (Segment seg : segments(s, PerturbationUnit.PHONEMES)) if (seg.replaceable) inv.add(seg.text);
        }
        return new ArrayList<>(inv);
    }

    /** The number of replaceable units in a text. */
    public int countUnits(String text) {
        int n = 0;
        for (Segment s : segments(text, unit)) if (s.replaceable) n++;
        return n;
    }

    /** Returns the text with a share p in [0, 1] of its units replaced. */
    public String perturb(String text, double p, SplittableRandom rng) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("Share to replace must be in [0, 1], got " + p);
        List<Segment> segs = segments(text, unit);
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < segs.size(); i++) if (segs.get(i).replaceable) positions.add(i);
        int n = positions.size();
        double x = p * n;
        int k = (int) Math.floor(x);
        double frac = x - k;
        if (frac > 0 && rng.nextDouble() < frac) k++;
        k = Math.min(k, n);
        if (k == 0) return text;
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            Integer t = positions.get(i);
            positions.set(i, positions.get(j));
            positions.set(j, t);
        }
        String[] out = new String[segs.size()];
        for (int i = 0; i < segs.size(); i++) out[i] = segs.get(i).text;
        for (int c = 0; c < k; c++) {
            int pos = positions.get(c);
            out[pos] = replacement(out[pos], rng);
        }
        return String.join("", out);
    }

    private String replacement(String original, SplittableRandom rng) {
        String key = fold(original);
        int tries = 0;
        while (true) {
            String cand = inventory.get(rng.nextInt(inventory.size()));
            if (!fold(cand).equals(key)) return cand;
            if (++tries > 1000) {
                throw new IllegalStateException("No replacement differs from '" + original + "'.");
            }
        }
    }

    private String fold(String s) {
        return unit == PerturbationUnit.CHARACTERS ? s.toLowerCase(Locale.ROOT) : s;
    }

    record Segment(String text, boolean replaceable) { }

    /** Splits a text into units; non-replaceable ones (spaces, punctuation, stress marks) are kept as they are. */
    static List<Segment> segments(String text, PerturbationUnit unit) {
        List<Segment> out = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        int i = 0;
        while (i < cps.length) {
            int cp = cps[i];
            if (unit == PerturbationUnit.CHARACTERS) {
                out.add(new Segment(new String(Character.toChars(cp)), Character.isLetterOrDigit(cp)));
                i++;
                continue;
            }
            if (!isPhoneBase(cp)) {
                out.add(new Segment(new String(Character.toChars(cp)), false));
                i++;
                continue;
            }
            StringBuilder sb = new StringBuilder().appendCodePoint(cp);
            i++;
            while (i < cps.length) {
                int c = cps[i];
                if (isTie(c) || c == 0x200D) {
                    sb.appendCodePoint(c);
                    i++;
                    if (i < cps.length && isPhoneBase(cps[i])) sb.appendCodePoint(cps[i++]);
                } else if (isModifier(c)) {
                    sb.appendCodePoint(c);
                    i++;
                } else {
                    break;
                }
            }
            out.add(new Segment(sb.toString(), true));
        }
        return out;
    }

    private static boolean isTie(int c) {
        return c == 0x0361 || c == 0x035C;
    }

    /** Stress marks, syllable and word separators are not phonemes. */
    private static boolean isPhoneBase(int c) {
        if (c == 'ˈ' || c == 'ˌ' || c == '.' || c == '_' || c == '|' || c == '‖') return false;
        return Character.isLetter(c) && !isModifier(c);
    }

    /** Diacritics, length marks and modifier letters attach to the phoneme before them. */
    private static boolean isModifier(int c) {
        if (c == 'ˈ' || c == 'ˌ') return false;
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
                || t == Character.ENCLOSING_MARK || t == Character.MODIFIER_LETTER || t == Character.MODIFIER_SYMBOL;
    }
}
