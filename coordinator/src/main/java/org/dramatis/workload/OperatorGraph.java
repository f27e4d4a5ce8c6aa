package org.dramatis.workload;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The operators of one step in execution order, for the whole batch. Built by
 * {@link OperatorGraphs#prefill} or {@link OperatorGraphs#decode}.
 *
 * @param model     the model
 * @param options   precisions, paging, sparsity, sampling
 * @param phase     prefill or decode
 * @param batch     sequences processed together
 * @param tokens    tokens per sequence processed in this step (prompt length, or 1 in decode)
 * @param context   tokens per sequence in the KV cache after this step
 * @param operators in execution order
 */
public record OperatorGraph(
        ModelConfig model,
        WorkloadOptions options,
        Phase phase,
        int batch,
        long tokens,
        long context,
        List<Operator> operators) {

    public OperatorGraph {
        operators = List.copyOf(operators);
    }

    /** The operators of one decoder layer (or {@link Operator#NO_LAYER}), in order. */
    public List<Operator> layer(int layer) {
        return operators.stream().filter(o -> o.layer() == layer).toList();
    }

    /** The sum of a quantity over all operators. */
    public long sum(ToLongFunction<Operator> quantity) {
        long total = 0;
        for (Operator o : operators) total += quantity.applyAsLong(o);
        return total;
    }

    public long flops() {
        return sum(Operator::flops);
    }

    public long weightBytes() {
        return sum(Operator::weightBytes);
    }

    public long kvBytesRead() {
        return sum(Operator::kvBytesRead);
    }

    public long kvBytesWritten() {
        return sum(Operator::kvBytesWritten);
    }
}
