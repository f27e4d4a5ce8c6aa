package org.dramatis.workload;

/**
 * The dimensions of an {@link Operator}. Their meaning depends on its class:
 *
 * <ul>
 *   <li>GEMM, GEMV: out[m x n] = in[m x k] * W[k x n]; m = rows of the whole batch; heads = 1.</li>
 *   <li>ATTENTION_SCORE, SOFTMAX, ATTENTION_VALUE, PAGE_SELECT: per sequence and query head,
 *       m = query tokens, n = keys the last query attends (per-head detail in
 *       {@link Operator#headGroups()}), k = head dimension; heads = query heads.</li>
 *   <li>KV_APPEND, PAGE_SUMMARY: m = tokens per sequence, n = values per token per KV head
 *       (2 * head_dim: K and V, or min and max), k = 0; heads = KV heads.</li>
 *   <li>NORM, ROPE, ELEMENTWISE, EMBEDDING: m = rows of the whole batch, n = values per row, k = 0;
 *       heads = heads normalised or rotated separately (1 for a whole row).</li>
 *   <li>SAMPLING: m = sequences, n = vocabulary, k = the top-k kept (1: argmax).</li>
 * </ul>
 */
public record Shape(long m, long n, long k, int heads) {

    static Shape matmul(long m, long n, long k) {
        return new Shape(m, n, k, 1);
    }

    static Shape rows(long m, long n) {
        return new Shape(m, n, 0, 1);
    }
}
