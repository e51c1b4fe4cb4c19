package org.crossmodal.workbench.retrieval;

/**
 * Computes one tile of A·Bᵀ. A is row-major (rows of length d); the column block of B is given transposed
 * ({@code d x stride}, zero-padded to {@code stride} columns). Every cell is the sequential fused
 * multiply-add sum over the d coordinates in order, so all kernels agree bit for bit with
 * {@link #dot(float[], int, float[], int, int)}.
 */
interface TileKernel {
    /** Columns per block; a multiple of every kernel's vector width. */
    int BLOCK_COLS = 128;

    /**
     * @param a      A, row-major
     * @param d      dimension
     * @param i0     first row of A
     * @param rows   rows of the tile
     * @param bt     transposed column block, d x stride
     * @param stride columns of bt: {@link #BLOCK_COLS}, or fewer (a multiple of {@code BlockedProduct.GRAIN}) for the last block
     * @param out    rows x stride results, row-major
     */
    void tile(float[] a, int d, int i0, int rows, float[] bt, int stride, float[] out);

    String name();

    /** The reference: sequential fused multiply-add over the coordinates, in order. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int d) {
        float s = 0f;
        for (int k = 0; k < d; k++) s = Math.fma(a[aOff + k], b[bOff + k], s);
        return s;
    }
}
