package org.crossmodal.workbench.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrieval quality of one direction. Only queries with at least one true match among the candidates
 * count ({@code nQueries}); the others are reported as {@code nWithoutMatch}.
 *
 * @param pAt1               share of counted queries whose true match ranks first
 * @param pAt5               ... within the first 5
 * @param pAt10              ... within the first 10
 * @param mrr                mean reciprocal rank of the true match
 * @param nQueries           counted queries
 * @param nWithoutMatch      queries without any true match among the candidates
 * @param hubnessK           k of the k-occurrence (the neighbours kept per query)
 * @param kOccurrenceSkew    skewness of N_k, how often each candidate is among a query's k nearest (high = hubs)
 * @param neverRetrieved     share of candidates in no query's k nearest
 * @param worst              counted queries with the worst ranks (up to 10), worst first
 */
public record Metrics(double pAt1, double pAt5, double pAt10, double mrr, int nQueries, int nWithoutMatch,
                      int hubnessK, double kOccurrenceSkew, double neverRetrieved, List<Worst> worst) {

    /** A badly served query: its row and its true match's rank. */
    public record Worst(int query, int rank) { }

    public static Metrics of(Ranked r) {
        int n = 0, none = 0, h1 = 0, h5 = 0, h10 = 0;
        double rr = 0;
        List<Worst> all = new ArrayList<>();
        for (int q = 0; q < r.queries(); q++) {
            int rank = r.trueRank()[q];
            if (rank <= 0) {
                none++;
                continue;
            }
            n++;
            if (rank <= 1) h1++;
            if (rank <= 5) h5++;
            if (rank <= 10) h10++;
            rr += 1.0 / rank;
            all.add(new Worst(q, rank));
        }
        all.sort(Comparator.comparingInt(Worst::rank).reversed().thenComparingInt(Worst::query));
        List<Worst> worst = List.copyOf(all.subList(0, Math.min(10, all.size())));
        int[] occ = new int[r.candidates()];
        for (int p = 0; p < r.index().length; p++) if (r.index()[p] >= 0) occ[r.index()[p]]++;
        return new Metrics(n == 0 ? 0 : (double) h1 / n, n == 0 ? 0 : (double) h5 / n, n == 0 ? 0 : (double) h10 / n,
                n == 0 ? 0 : rr / n, n, none, r.k(), skewness(occ), shareZero(occ), worst);
    }

    /** Population skewness (third standardised moment); 0 when all values are equal. */
    public static double skewness(int[] v) {
        if (v.length == 0) return 0;
        double mean = 0;
        for (int x : v) mean += x;
        mean /= v.length;
        double m2 = 0, m3 = 0;
        for (int x : v) {
            double dlt = x - mean;
            m2 += dlt * dlt;
            m3 += dlt * dlt * dlt;
        }
        m2 /= v.length;
        m3 /= v.length;
        return m2 <= 1e-300 ? 0 : m3 / Math.pow(m2, 1.5);
    }

    private static double shareZero(int[] v) {
        if (v.length == 0) return 0;
        int z = 0;
        for (int x : v) if (x == 0) z++;
        return (double) z / v.length;
    }

    /** The JSON-shaped summary: p_at_1, p_at_5, p_at_10, mrr, n_queries, and hubness. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p_at_1", pAt1);
        m.put("p_at_5", pAt5);
        m.put("p_at_10", pAt10);
        m.put("mrr", mrr);
        m.put("n_queries", nQueries);
        m.put("n_without_match", nWithoutMatch);
        m.put("hubness_k", hubnessK);
        m.put("k_occurrence_skewness", kOccurrenceSkew);
        m.put("never_retrieved", neverRetrieved);
        return m;
    }
}
