package org.dramatis.components.ops;

/**
 * What an operation computes. Matrix classes compute {@code out[m x n] = in[m x k] * W[k x n]};
 * element-wise classes work on {@code m} rows of {@code n} elements ({@code k} is the top-k count
 * for {@link #TOP_K}). Element-wise classes carry their arithmetic operation count per element,
 * which vector datapaths turn into cycles and energy; each counted operation (including exp,
 * divide and rsqrt) is assumed to issue once per lane per cycle on a pipelined special-function
 * lane.
 */
public enum OpClass {
    /** Matrix-matrix product (prefill projections, attention with many queries). */
    GEMM,
    /** Matrix-vector product ({@code m} is usually 1): decode projections, attention over a KV cache. */
    GEMV,
    /** Safe softmax per row: max (1 compare), subtract max (1), exp (1), sum (1 add), scale by 1/sum (1 multiply) = 5. */
    SOFTMAX,
    /** RMSNorm: square (1) and accumulate (1), scale by rsqrt (1), multiply by gamma (1) = 4 (one rsqrt per row is ignored). */
    RMS_NORM,
    /** LayerNorm: mean (1 add), centre (1 subtract), square (1) and accumulate (1), normalise (1 multiply), gamma (1), beta (1) = 7. */
    LAYER_NORM,
    /** Rotary embedding: each element is x*cos - y*sin (or x*sin + y*cos) = 2 multiplies + 1 add = 3; sin/cos come from a table. */
    ROPE,
    /** Residual addition: 1 add per element. */
    RESIDUAL_ADD,
    /** Element-wise product (the SwiGLU gate): 1 multiply per element. */
    ELEMENT_MUL,
    /** SiLU x * sigmoid(x): negate-exp (1), add 1 (1), divide (1), multiply (1) = 4. */
    SILU,
    /** ReLU: 1 compare-select per element. */
    RELU,
    /** Running minimum and maximum (page key summaries): 2 compares per element. */
    MIN_MAX,
    /** Write {@code m x n} values into the unit's memory (a KV-cache append): data movement only. */
    STORE,
    /** Gather {@code m x n} values from the unit's memory (an embedding lookup): data movement only. */
    LOAD,
    /** Top-k per row with a k-entry heap: 1 compare against the heap minimum + ceil(log2 k) sift steps (worst case, every element inserted). */
    TOP_K;

    public boolean isMatrix() {
        return this == GEMM || this == GEMV;
    }

    /** Arithmetic operations per element for an element-wise class; {@code k} is the top-k count. */
    public long opsPerElement(long k) {
        return switch (this) {
            case SOFTMAX -> 5;
            case RMS_NORM -> 4;
            case LAYER_NORM -> 7;
            case ROPE -> 3;
            case RESIDUAL_ADD, ELEMENT_MUL, RELU -> 1;
            case MIN_MAX -> 2;
            case STORE, LOAD -> 0;
            case SILU -> 4;
            case TOP_K -> 1 + (64 - Long.numberOfLeadingZeros(Math.max(0, k - 1)));
            case GEMM, GEMV -> throw new IllegalStateException(this + " is not an element-wise class");
        };
    }
}
