package org.crossmodal.workbench.retrieval;

import java.util.Arrays;

/**
 * k best (score, index) pairs for many rows at once, each row sorted best first. Ties are broken by the
 * smaller index so results do not depend on thread scheduling.
 */
final class TopK {
    final int rows;
    final int k;
    final float[] score;
    final int[] index;

    TopK(int rows, int k) {
        this.rows = rows;
        this.k = k;
        this.score = new float[rows * k];
        this.index = new int[rows * k];
        Arrays.fill(score, Float.NEGATIVE_INFINITY);
        Arrays.fill(index, Integer.MAX_VALUE);
    }

    /** The worst kept score of a row (negative infinity while not full). */
    float threshold(int row) {
        return score[row * k + k - 1];
    }

    static boolean better(float s, int j, float t, int tj) {
        return s > t || (s == t && j < tj);
    }

    void offer(int row, float s, int j) {
        int base = row * k;
        int last = base + k - 1;
        if (!better(s, j, score[last], index[last])) return;
        int p = last;
        while (p > base && better(s, j, score[p - 1], index[p - 1])) {
            score[p] = score[p - 1];
            index[p] = index[p - 1];
            p--;
        }
        score[p] = s;
        index[p] = j;
    }

    /** Merges another set over the same rows into this one. */
    void mergeFrom(TopK o) {
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            for (int q = 0; q < k; q++) {
                if (o.index[base + q] == Integer.MAX_VALUE) break;
                offer(r, o.score[base + q], o.index[base + q]);
            }
        }
    }

    /** Empties one row. */
    void clearRow(int row) {
        Arrays.fill(score, row * k, row * k + k, Float.NEGATIVE_INFINITY);
        Arrays.fill(index, row * k, row * k + k, Integer.MAX_VALUE);
    }

    /** Mean of the kept scores of each row (over those filled). */
    float[] rowMeans() {
        float[] m = new float[rows];
        for (int r = 0; r < rows; r++) m[r] = rowMean(r, k);
        return m;
    }

    /** Mean of the best {@code first} kept scores of one row (over those filled). */
    float rowMean(int r, int first) {
        double s = 0;
        int n = 0;
        for (int q = 0; q < first; q++) {
            if (index[r * k + q] == Integer.MAX_VALUE) break;
            s += score[r * k + q];
            n++;
        }
        return n == 0 ? 0f : (float) (s / n);
    }
}
