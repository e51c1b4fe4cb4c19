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
 * <p>The terms 2^-n underflow beyond n ≈ 1074, so the sum is taken in log space: the largest term of the tail,
 * C(n, m)/2^n with m = min(b, c) ≤ n/2, is computed as a compensated (Kahan) sum of log((n − m + j)/j) minus n·log 2,
 * and the tail relative to it by the recurrence C(n, k − 1) = C(n, k) · k/(n − k + 1), whose ratios all lie in (0, 1]
 * and shrink, stopping once a term no longer changes the sum. The relative error stays near 10⁻¹² for n in the tens of
 * thousands (checked against scipy in {@code src/test/resources/golden/mcnemar_golden.py}); a p-value below the
 * smallest double (n above about 1,000 with almost every discordant recording one way) is 0.
 */
public final class McNemar {
    private static final double LN2 = Math.log(2);

    private McNemar() { }

    /**
     * The exact two-sided p-value of b discordant recordings one way against c the other.
     *
     * @throws IllegalArgumentException when b or c is negative
     */
    public static double exactP(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("The discordant counts of a McNemar test are counts of recordings, never negative: "
                    + "got b = " + b + ", c = " + c + ".");
        }
        long n = (long) b + c;
        int m = Math.min(b, c);
        // n = 0: nothing tells the conditions apart. b = c: the two tails overlap in the middle term and cover more than all.
        if (n == 0 || b == c) return 1;
        double logTop = logChoose(n, m) - n * LN2;
        double sum = 1, term = 1;
        for (int k = m; k > 0; k--) {
            term *= k / (double) (n - k + 1);
            double next = sum + term;
            if (next == sum) break;
            sum = next;
        }
        return Math.min(1, 2 * Math.exp(logTop + Math.log(sum)));
    }

    /** log C(n, m) for 0 ≤ m ≤ n, as a compensated sum of log((n − m + j) / j), j = 1..m. */
    private static double logChoose(long n, int m) {
        double s = 0, comp = 0;
        for (int j = 1; j <= m; j++) {
            double y = Math.log((double) (n - m + j) / j) - comp;
            double t = s + y;
            comp = (t - s) - y;
            s = t;
        }
        return s;
    }
}
