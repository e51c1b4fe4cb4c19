package org.crossmodal.workbench.probe;

/**
 * Speech-to-text P@1 of one group of recordings (a speaker or voice, or a word) with its 95% Wilson interval.
 *
 * @param group the speaker, voice or word ("(no speaker)" for recordings without a speaker)
 * @param n     recordings
 * @param hits  recordings whose first text is their transcript
 * @param p1    hits / n
 * @param low   lower end of the Wilson interval
 * @param high  upper end
 */
public record GroupP1(String group, int n, int hits, double p1, double low, double high) {
    public static GroupP1 of(String group, int n, int hits) {
        double p = n == 0 ? Double.NaN : (double) hits / n;
        if (n == 0) return new GroupP1(group, 0, 0, p, Double.NaN, Double.NaN);
        double z = 1.959963984540054, z2 = z * z;
        double den = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / den;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / den;
        return new GroupP1(group, n, hits, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
