package org.dramatis.workload;

import java.util.List;

/**
 * One operator of one step, for the whole batch. FLOPs count a multiply-accumulate as 2 and every
 * other arithmetic operation (add, compare, exp, divide) as 1. Bytes are what the operator reads
 * and writes if its inputs and outputs live in memory; a mapping that fuses operators keeps some
 * of the activations on chip instead.
 *
 * @param layer          decoder layer, or {@link #NO_LAYER} for the embedding and the model head
 * @param name           role in the model ({@code q_proj}, {@code attn_score}, ...)
 * @param opClass        kind of computation
 * @param shape          dimensions (meaning per class: see {@link Shape})
 * @param flops          arithmetic operations
 * @param weightBytes    model parameters read (matrices at the weight precision, norm gains and
 *                       biases in FP16)
 * @param activationBytesRead    activations (FP16), token ids and page indices read
 * @param activationBytesWritten activations, token ids and page indices written
 * @param kvBytesRead    KV cache (and page summaries) read
 * @param kvBytesWritten KV cache (and page summaries) written
 * @param headGroups     per-head structure of attention-related operators; empty for the others
 */
public record Operator(
        int layer,
        String name,
        OperatorClass opClass,
        Shape shape,
        long flops,
        long weightBytes,
        long activationBytesRead,
        long activationBytesWritten,
        long kvBytesRead,
        long kvBytesWritten,
        List<HeadGroup> headGroups) {

    /** Layer index of the operators outside the decoder layers. */
    public static final int NO_LAYER = -1;

    public Operator {
        headGroups = List.copyOf(headGroups);
    }
}
