package org.crossmodal.workbench.probe;

import java.util.Locale;

/**
 * Whether a voice-shift curve's best factor (highest P@1, {@link Curve#bestP1()}) retrieves its recordings better than
 * factor 1, the recordings as they are, by more than chance: the exact McNemar test ({@link McNemar#exactP}) on the
 * same recordings scored at both factors.
 *
 * <p><b>The p-value is optimistic.</b> The best factor is chosen on the very recordings the test then runs on, among
 * {@code otherFactors} candidates, so the smallest of several chances is reported as if it had been the only one.
 * {@link #pBonferroni()}, p × {@code otherFactors} capped at 1, is the conservative companion: a valid p-value for
 * "no factor differs from 1" whichever factor was picked.
 *
 * @param factor       the best factor (never 1)
 * @param b            recordings retrieved right at the best factor and wrong at factor 1
 * @param c            recordings retrieved right at factor 1 and wrong at the best factor
 * @param otherFactors the factors other than 1 the best was chosen among (at least 1)
 */
public record BestFactorTest(double factor, int b, int c, int otherFactors) {
    public BestFactorTest {
        if (!Double.isFinite(factor) || factor == 1) {
            throw new IllegalArgumentException("The best factor is compared with factor 1, so it must be another finite factor, "
                    + "got " + factor + ".");
        }
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("Discordant counts cannot be negative: b = " + b + ", c = " + c + ".");
        }
        if (otherFactors < 1) {
            throw new IllegalArgumentException("The best factor is one of the factors other than 1, so there is at least one; "
                    + "got " + otherFactors + ".");
        }
    }

    /** Recordings retrieved right at one of the two factors only, b + c: the n of the test. */
    public int discordant() {
        return b + c;
    }

    /** The exact two-sided McNemar p-value of b against c (1 when no recording differs); optimistic, see above. */
    public double p() {
        return McNemar.exactP(b, c);
    }

    /** p × {@link #otherFactors()}, capped at 1: the Bonferroni correction over the factors the best was chosen among. */
    public double pBonferroni() {
        return Math.min(1, p() * otherFactors);
    }

    /** E.g. "p = 0.003 (paired, n = 41 discordant; 0.021 over 7 factors)"; without the correction over one factor. */
    public String describe() {
        double p = p();
        return "p " + (p == 0 ? "" : "= ") + formatP(p) + " (paired, n = " + discordant() + " discordant"
                + (otherFactors > 1 ? "; " + formatP(pBonferroni()) + " over " + otherFactors + " factors" : "") + ")";
    }

    /** A p-value with three decimals, or two significant digits below 0.001 ("2.4e-05"); "< 1e-300" when it underflows. */
    public static String formatP(double p) {
        if (p == 0) return "< 1e-300";
        return String.format(Locale.ROOT, p >= 0.001 ? "%.3f" : "%.1e", p);
    }
}
