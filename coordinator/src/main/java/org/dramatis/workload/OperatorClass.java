package org.dramatis.workload;

/** What kind of computation an {@link Operator} is; mapping policies place operators by class. */
public enum OperatorClass {
    /** Weight matrix times several rows per sequence (prefill projections). */
    GEMM,
    /** Weight matrix times one row per sequence (decode projections, LM head): weights read once per step. */
    GEMV,
    /** Q times K^T over the attended keys, per query head. */
    ATTENTION_SCORE,
    /** Softmax over each query's scores (scale, max, exp, sum, divide). */
    SOFTMAX,
    /** Probabilities times V over the attended values, per query head. */
    ATTENTION_VALUE,
    /** RMSNorm or LayerNorm over each row. */
    NORM,
    /** Rotary position embedding applied to Q and K. */
    ROPE,
    /** Element-wise arithmetic: residual adds, activation functions, position-embedding add. */
    ELEMENTWISE,
    /** Gather of embedding-table rows for the step's tokens. */
    EMBEDDING,
    /** Store of the step's K and V into the KV cache (quantising when the cache is INT8/INT4). */
    KV_APPEND,
    /** Upkeep of per-page key min/max summaries of retrieval heads (Quest). */
    PAGE_SUMMARY,
    /** Scoring of every page's summary against the query and top-k page choice (Quest). */
    PAGE_SELECT,
    /** Choice of the next token from the logits (argmax or top-k). */
    SAMPLING
}
