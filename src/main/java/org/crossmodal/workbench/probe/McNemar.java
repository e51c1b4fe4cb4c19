package org.crossmodal.workbench.probe;

/**
 * The exact McNemar test of two paired hit-or-miss measurements of the same recordings (for example speech-to-text
 * retrieval of each recording as it is and resampled).
 *
 * <p>Only the discordant recordings tell the two apart: b of them are hits under the first condition and misses under
 * the second, c the reverse. Under the null hypothesis that both conditions have the same hit rate, each of the
 * n = b + c discordant recordings is equally likely to fall either way, so min(b, c) is binomial(n, 1/2), and the
 * exact two-sided p-value is
 *
 * <pre>  p = min(1, 2 · Σ_{k ≤ min(b, c)} C(n, k) / 2^n),   p = 1 when n = 0.</pre>
 *
 * This is {@code scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue}: for p = 1/2 the binomial is symmetric, so the
 * probabilities no larger than that of min(b, c) are the two equal tails.
 *
 * <p>Numerically: 2^-n underflows beyond n = 1074 and C(n, k) overflows beyond n ≈ 1030, so neither is formed. The
 * tail Σ C(n, k) is summed from k = 0 up by the recurrence C(n, k + 1) = C(n, k) · (n − k)/(k + 1), smallest terms
 * first, as a double times 2^e: whenever the sum passes 2^512 the sum and the term are scaled by 2^-512 and e grows by
 * 512 (exact, as scaling by a power of two is). The result is 2 · sum · 2^(e − n), again an exact scaling. While the
 * C(n, k) fit in 53 bits (n up to about 50) every step is exact, so small cases give the exact dyadic p-value; beyond,
 * each step adds a rounding, and the relative error stays below 10⁻¹¹ for n in the tens of thousands (checked against
 * scipy in {@code src/test/resources/golden/mcnemar_golden.py}). A p-value below the smallest double (n above about
 * 1,000 with almost every discordant recording one way) is 0.
 */
public final class McNemar {
    private McNemar() { }

    /**
     * The exact two-sided p-value of b discordant recordings one way against c the other.
     *
     * @throws IllegalArgumentException when b or c is negative
     */
    public static double exactP(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("The discordant counts of a McNemar test are counts of recordings, never "
                    + "negative: got b = " + b + ", c = " + c + ".");
        }
        long n = (long) b + c;
        int m = Math.min(b, c);
        // n = 0: nothing tells the conditions apart. b = c: the two tails overlap in the middle term and cover more than all.
        if (n == 0 || b == c) return 1;
        double sum = 0, term = 1;
        int e = 0;
        for (int k = 0; k <= m; k++) {
            sum += term;
            if (sum > 0x1p512) {
                sum = Math.scalb(sum, -512);
                term = Math.scalb(term, -512);
                e += 512;
            }
            term = term * (n - k) / (k + 1);
        }
        return Math.min(1, Math.scalb(2 * sum, (int) (e - n)));
    }
}
