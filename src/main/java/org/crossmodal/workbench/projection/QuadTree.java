package org.crossmodal.workbench.projection;

/**
 * A Barnes-Hut quadtree over 2-D points in flat arrays. Each node keeps its box (centre, half width), the number
 * of points below it and the sum of their positions. Points at exactly the same place (duplicates) share one
 * leaf, as do points that still collide at the depth limit.
 */
final class QuadTree {
    private static final int MAX_DEPTH = 48;

    private int size;
    private float[] cx, cy, hw;
    private double[] sx, sy;
    private int[] mass, firstChild, point;
    private final float[] y;

    /** Builds the tree over n points, x,y interleaved in y. */
    QuadTree(float[] y, int n) {
        this.y = y;
        int cap = Math.max(16, 2 * n + 16);
        cx = new float[cap]; cy = new float[cap]; hw = new float[cap];
        sx = new double[cap]; sy = new double[cap];
        mass = new int[cap]; firstChild = new int[cap]; point = new int[cap];
        float minX = Float.POSITIVE_INFINITY, minY = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY, maxY = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, y[2 * i]); maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]); maxY = Math.max(maxY, y[2 * i + 1]);
        }
        float half = Math.max(maxX - minX, maxY - minY) / 2 * 1.0001f + 1e-12f;
        newNode((minX + maxX) / 2, (minY + maxY) / 2, half);
        for (int i = 0; i < n; i++) insert(i);
        pack();
    }

    private int newNode(float x, float yy, float h) {
        if (size == cx.length) grow();
        int id = size++;
        cx[id] = x; cy[id] = yy; hw[id] = h;
        sx[id] = 0; sy[id] = 0; mass[id] = 0; firstChild[id] = -1; point[id] = -1;
        return id;
    }

    private void grow() {
        int cap = cx.length * 2;
        cx = java.util.Arrays.copyOf(cx, cap); cy = java.util.Arrays.copyOf(cy, cap); hw = java.util.Arrays.copyOf(hw, cap);
        sx = java.util.Arrays.copyOf(sx, cap); sy = java.util.Arrays.copyOf(sy, cap);
        mass = java.util.Arrays.copyOf(mass, cap); firstChild = java.util.Arrays.copyOf(firstChild, cap);
        point = java.util.Arrays.copyOf(point, cap);
    }

    private int quadrant(int node, float x, float yy) {
        return (x >= cx[node] ? 1 : 0) | (yy >= cy[node] ? 2 : 0);
    }

    private void insert(int i) {
        float x = y[2 * i], yy = y[2 * i + 1];
        int node = 0;
        int depth = 0;
        while (true) {
            if (firstChild[node] >= 0) {
                mass[node]++; sx[node] += x; sy[node] += yy;
                node = firstChild[node] + quadrant(node, x, yy);
                depth++;
                continue;
            }
            if (mass[node] == 0) {
                point[node] = i; mass[node] = 1; sx[node] = x; sy[node] = yy;
                return;
            }
            int p = point[node];
            float px = y[2 * p], py = y[2 * p + 1];
            if ((px == x && py == yy) || depth >= MAX_DEPTH) {
                mass[node]++; sx[node] += x; sy[node] += yy;
                return;
            }
            // split the leaf: its whole content moves to the child where its point lies
            float h = hw[node] / 2;
            int first = -1;
            for (int q = 0; q < 4; q++) {
                int c = newNode(cx[node] + ((q & 1) != 0 ? h : -h), cy[node] + ((q & 2) != 0 ? h : -h), h);
                if (q == 0) first = c;
            }
            firstChild[node] = first;
            int c = first + quadrant(node, px, py);
            mass[c] = mass[node]; sx[c] = sx[node]; sy[c] = sy[node]; point[c] = p;
            point[node] = -1;
        }
    }

    private float[] packed;

    /** Freezes the tree for queries: per node centre of mass x, y, squared width, mass. */
    private void pack() {
        packed = new float[4 * size];
        for (int i = 0; i < size; i++) {
            int m = mass[i];
            packed[4 * i] = m == 0 ? 0f : (float) (sx[i] / m);
            packed[4 * i + 1] = m == 0 ? 0f : (float) (sy[i] / m);
            packed[4 * i + 2] = 4f * hw[i] * hw[i];
            packed[4 * i + 3] = m;
        }
    }

    /**
     * Repulsion on point i: adds sum_j w_ij^2 (y_i - y_j) into force[0..1] and returns sum_j w_ij (j != i), with
     * w = 1 / (1 + |y_i - y_j|^2). A node far enough (width / distance < theta) stands for all its points.
     */
    double repulsion(float xi, float yi, double theta, double[] force, int[] stack) {
        double z = 0, fx = 0, fy = 0;
        final float theta2 = (float) (theta * theta);
        final float[] pk = packed;
        final int[] fc = firstChild;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int o = node << 2;
            float dx = xi - pk[o], dy = yi - pk[o + 1];
            float d2 = dx * dx + dy * dy;
            int f = fc[node];
            if (f < 0 || pk[o + 2] < theta2 * d2) {
                float m = pk[o + 3];
                if (d2 == 0 && f < 0) {
                    z += m - 1; // copies of the point itself
                    continue;
                }
                float q = 1f / (1f + d2);
                float mq = m * q;
                z += mq;
                fx += mq * q * dx;
                fy += mq * q * dy;
            } else {
                // push the non-empty children
                int c = f << 2;
                if (pk[c + 3] != 0) stack[top++] = f;
                if (pk[c + 7] != 0) stack[top++] = f + 1;
                if (pk[c + 11] != 0) stack[top++] = f + 2;
                if (pk[c + 15] != 0) stack[top++] = f + 3;
            }
        }
        force[0] = fx;
        force[1] = fy;
        return z;
    }

    /** Points per group that share one traversal. */
    static final int BUCKET = 16;

    /**
     * Repulsion on all n points (the ones the tree was built from), in groups: points are sorted along a Morton
     * curve and cut into groups of {@link #BUCKET}; each group walks the tree once with the opening test taken
     * against the group's bounding box (a node stands for its points when width / distance-to-the-box < theta,
     * which implies the per-point test), and then every point of the group sums over the collected nodes in a
     * tight loop. Fills rep (2n) and zParts (n) as {@link #repulsion} does.
     */
    void repulsionAll(int n, double theta, double[] rep, double[] zParts, java.util.concurrent.ForkJoinPool pool,
                      org.crossmodal.workbench.core.Cancellation cancel) {
        float rx = cx[0] - hw[0], ry = cy[0] - hw[0], side = 2 * hw[0];
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int qx = (int) Math.min(65535, Math.max(0, (y[2 * i] - rx) / side * 65536));
            int qy = (int) Math.min(65535, Math.max(0, (y[2 * i + 1] - ry) / side * 65536));
            keys[i] = (interleave(qx) | (interleave(qy) << 1)) << 32 | i;
        }
        java.util.Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (int) keys[i];
        int buckets = (n + BUCKET - 1) / BUCKET;
        final float theta2 = (float) (theta * theta);
        final float[] pk = packed;
        final int[] fc = firstChild;
        Matrices.parallelRanges(pool, buckets, 8, cancel, (s0, e0) -> {
            int[] stack = new int[stackSize()];
            float[] lx = new float[256], ly = new float[256], lm = new float[256];
            for (int b = s0; b < e0; b++) {
                int from = b * BUCKET, to = Math.min(n, from + BUCKET);
                float bx0 = Float.POSITIVE_INFINITY, bx1 = Float.NEGATIVE_INFINITY;
                float by0 = Float.POSITIVE_INFINITY, by1 = Float.NEGATIVE_INFINITY;
                for (int a = from; a < to; a++) {
                    int i = order[a];
                    bx0 = Math.min(bx0, y[2 * i]); bx1 = Math.max(bx1, y[2 * i]);
                    by0 = Math.min(by0, y[2 * i + 1]); by1 = Math.max(by1, y[2 * i + 1]);
                }
                int len = 0;
                int top = 0;
                stack[top++] = 0;
                while (top > 0) {
                    int node = stack[--top];
                    int o = node << 2;
                    float px = pk[o], py = pk[o + 1];
                    float ddx = Math.max(0f, Math.max(bx0 - px, px - bx1));
                    float ddy = Math.max(0f, Math.max(by0 - py, py - by1));
                    int f = fc[node];
                    if (f < 0 || pk[o + 2] < theta2 * (ddx * ddx + ddy * ddy)) {
                        if (len == lx.length) {
                            lx = java.util.Arrays.copyOf(lx, 2 * len);
                            ly = java.util.Arrays.copyOf(ly, 2 * len);
                            lm = java.util.Arrays.copyOf(lm, 2 * len);
                        }
                        lx[len] = px; ly[len] = py; lm[len] = pk[o + 3];
                        len++;
                    } else {
                        int c = f << 2;
                        if (pk[c + 3] != 0) stack[top++] = f;
                        if (pk[c + 7] != 0) stack[top++] = f + 1;
                        if (pk[c + 11] != 0) stack[top++] = f + 2;
                        if (pk[c + 15] != 0) stack[top++] = f + 3;
                    }
                }
                for (int a = from; a < to; a++) {
                    int i = order[a];
                    float xi = y[2 * i], yi = y[2 * i + 1];
                    float z = 0, fx = 0, fy = 0;
                    boolean self = false;
                    for (int k = 0; k < len; k++) {
                        float dx = xi - lx[k], dy = yi - ly[k];
                        float d2 = dx * dx + dy * dy;
                        float q = 1f / (1f + d2);
                        float mq = lm[k] * q;
                        z += mq;
                        fx += mq * q * dx;
                        fy += mq * q * dy;
                        self |= d2 == 0;
                    }
                    zParts[i] = self ? z - 1 : z; // the point itself sits in the zero-distance leaf
                    rep[2 * i] = fx;
                    rep[2 * i + 1] = fy;
                }
            }
        });
    }

    /** Spreads the 16 low bits of v to the even bit positions. */
    private static long interleave(int v) {
        long x = v & 0xffffL;
        x = (x | (x << 8)) & 0x00ff00ffL;
        x = (x | (x << 4)) & 0x0f0f0f0fL;
        x = (x | (x << 2)) & 0x33333333L;
        x = (x | (x << 1)) & 0x55555555L;
        return x;
    }

    /** How many points sit exactly at (x, y) (the repulsion sum skips one of them as the point itself). */
    int coincident(float x, float yy) {
        int node = 0;
        while (firstChild[node] >= 0) node = firstChild[node] + quadrant(node, x, yy);
        if (mass[node] == 0) return 0;
        int p = point[node];
        return (y[2 * p] == x && y[2 * p + 1] == yy) ? 1 : 0;
    }

    /** Stack size sufficient for a traversal. */
    int stackSize() {
        return 4 * (MAX_DEPTH + 2) + 8;
    }
}
