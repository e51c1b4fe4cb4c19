package org.crossmodal.workbench.retrieval;

/**
 * Computes one tile of A·Bᵀ. A is row-major (rows of length d); the column block of B is given transposed
 * ({@code d x width}, read at an offset and pitch so that a block can lie inside a larger matrix). Every cell is the sequential fused
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
     * @param bt     holds the transposed column block: coordinate k of column j at {@code bOff + k * pitch + j}
     * @param bOff   where the block starts in bt
     * @param pitch  distance in bt between successive coordinates (at least width)
     * @param width  columns of the block: {@link #BLOCK_COLS}, or fewer (a multiple of {@code BlockedProduct.GRAIN}) for the last block
     * @param out    rows x width results, row-major
     */
    void tile(float[] a, int d, int i0, int rows, float[] bt, int bOff, int pitch, int width, float[] out);

    String name();

    /** The reference: sequential fused multiply-add over the coordinates, in order. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int d) {
        float s = 0f;
        for (int k = 0; k < d; k++) s = Math.fma(a[aOff + k], b[bOff + k], s);
        return s;
    }
}
