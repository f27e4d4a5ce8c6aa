package org.dramatis.mapping;

import org.dramatis.components.Role;
import org.dramatis.workload.OperatorClass;
import org.dramatis.workload.Phase;

/**
 * Where each operator of a step runs. A policy names a {@link Role} per operator class and phase;
 * the {@link Compiler} turns that into tasks on the machine's units. Adding a policy is one class
 * plus one line in {@link MappingPolicies}.
 */
public interface MappingPolicy {

    /** How attention work is spread over the units of its role. */
    enum AttentionLayout {
        /**
         * Each (sequence, KV head) of each layer on one unit, its whole KV cache there: heads are
         * pinned (successive layers on successive units; a cache larger than a unit is refused).
         */
        HEAD_PINNED,
        /**
         * A head's tokens split evenly over several units (page-interleaved), partial softmax
         * results merged afterwards on a vector unit: balanced, as tiled attention does.
         */
        TOKEN_SPLIT
    }

    String name();

    String description();

    /** The role that runs operators of {@code cls} in {@code phase}. */
    Role role(OperatorClass cls, Phase phase);

    default AttentionLayout attentionLayout() {
        return AttentionLayout.TOKEN_SPLIT;
    }

    /**
     * True to run the prompt through the decode path one token at a time, as CENT does on PIM
     * (no GEMM prefill): the time to first token is the sum of those steps.
     */
    default boolean prefillTokenByToken() {
        return false;
    }

    /** True to chain every operator to the one before it (no overlap between units). */
    default boolean serial() {
        return false;
    }

    /** How the layers are spread over the machine's devices ({@code NAME,tp=N,pp=M}). */
    default Parallelism parallelism() {
        return Parallelism.WHOLE;
    }
}
