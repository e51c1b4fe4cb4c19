package org.crossmodal.workbench.gui;

import java.util.List;

/**
 * Retrieval quality of the session, as the metrics tab shows it.
 *
 * @param directions one entry per direction (speech -> text, text -> speech)
 * @param hubness    skewness of the 10-occurrence distribution (higher = more hubs)
 * @param hubs       the items retrieved most often, with their counts, most first
 * @param measure    "cosine" or "CSLS"
 */
public record MetricsReport(List<Direction> directions, double hubness, List<Hub> hubs, String measure) {
    public MetricsReport {
        directions = List.copyOf(directions);
        hubs = List.copyOf(hubs);
    }

    /**
     * Figures of one direction.
     *
     * @param name   e.g. "speech → text"
     * @param p1     precision at 1
     * @param p5     precision at 5
     * @param p10    precision at 10
     * @param mrr    mean reciprocal rank
     * @param ranks  1-based rank of the true match of every query that has one
     * @param worst  the queries whose true match ranked lowest, worst first
     */
    public record Direction(String name, double p1, double p5, double p10, double mrr, int[] ranks, List<Worst> worst) {
        public Direction {
            worst = List.copyOf(worst);
        }
    }

    /** A query whose true match ranked low. */
    public record Worst(String itemId, String label, int rank) { }

    /** An item retrieved as a neighbour unusually often. */
    public record Hub(String itemId, String label, int count) { }
}
