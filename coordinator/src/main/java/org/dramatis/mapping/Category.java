package org.dramatis.mapping;

import org.dramatis.workload.OperatorClass;

/** The coarse classes of operators that policies place. */
public enum Category {
    /** Weight GEMM / GEMV (projections, FFN, LM head). */
    MATMUL,
    /** Attention over the KV cache: scores, values, page scoring. */
    ATTENTION,
    /** KV-cache appends: stored where the cache lives, so they follow ATTENTION. */
    KV_STORE,
    /** Element-wise work: softmax, norms, RoPE, residuals, activations, summaries, sampling, embedding gathers. */
    VECTOR;

    public static Category of(OperatorClass cls) {
        return switch (cls) {
            case GEMM, GEMV -> MATMUL;
            case ATTENTION_SCORE, ATTENTION_VALUE, PAGE_SELECT -> ATTENTION;
            case KV_APPEND -> KV_STORE;
            case SOFTMAX, NORM, ROPE, ELEMENTWISE, EMBEDDING, PAGE_SUMMARY, SAMPLING -> VECTOR;
        };
    }
}
