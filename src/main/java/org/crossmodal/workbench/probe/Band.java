package org.crossmodal.workbench.probe;

/**
 * Mean of a few draws with a 95% confidence band for that mean: mean ± t(0.975, n-1) · sd / √n,
 * with the Student t quantile (normal quantile beyond 30 degrees of freedom). With one draw the band
 * has zero width.
 *
 * @param mean mean of the draws (NaN when there are none)
 * @param low  lower end of the band
 * @param high upper end of the band
 * @param sd   sample standard deviation of the draws (0 for one draw)
 * @param n    number of draws
 */
public record Band(double mean, double low, double high, double sd, int n) {

    private static final double[] T975 = {
            Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    /** Student t 0.975 quantile for df degrees of freedom. */
    static double t975(int df) {
        if (df < 1) throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        return df < T975.length ? T975[df] : 1.960;
    }

    public static Band of(double[] values, int n) {
        if (n == 0) return new Band(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        double m = 0;
        for (int i = 0; i < n; i++) m += values[i];
        m /= n;
        if (n == 1) return new Band(m, m, m, 0, 1);
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (values[i] - m) * (values[i] - m);
        double sd = Math.sqrt(ss / (n - 1));
        double h = t975(n - 1) * sd / Math.sqrt(n);
        return new Band(m, m - h, m + h, sd, n);
    }
}
