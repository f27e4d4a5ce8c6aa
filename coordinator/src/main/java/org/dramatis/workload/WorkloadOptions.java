package org.dramatis.workload;

import java.util.Objects;

/**
 * The choices that shape a workload besides the model: precisions, KV paging, attention sparsity
 * and sampling.
 *
 * @param weights      precision of the weight matrices (projections, FFN, embeddings, LM head)
 * @param kvCache      precision of the cached K and V
 * @param kvPageTokens tokens per KV page of one KV head in one layer (16: vLLM's default block size
 *                     and Quest's page size; Quest pages are KV pages)
 * @param sparse       attention sparsity
 * @param sampling     how the next token is chosen
 */
public record WorkloadOptions(
        Precision weights,
        Precision kvCache,
        int kvPageTokens,
        SparseAttention sparse,
        Sampling sampling) {

    public static final int DEFAULT_PAGE_TOKENS = 16;

    public WorkloadOptions {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(kvCache, "kvCache");
        Objects.requireNonNull(sparse, "sparse");
        Objects.requireNonNull(sampling, "sampling");
        if (kvPageTokens < 1) throw new IllegalArgumentException("KV page must hold >= 1 token, got " + kvPageTokens);
    }

    /** FP16 weights and cache, 16-token pages, dense attention, greedy sampling. */
    public static WorkloadOptions defaults() {
        return new WorkloadOptions(Precision.FP16, Precision.FP16, DEFAULT_PAGE_TOKENS, SparseAttention.dense(),
                Sampling.greedy());
    }

    public WorkloadOptions withWeights(Precision p) {
        return new WorkloadOptions(p, kvCache, kvPageTokens, sparse, sampling);
    }

    public WorkloadOptions withKvCache(Precision p) {
        return new WorkloadOptions(weights, p, kvPageTokens, sparse, sampling);
    }

    public WorkloadOptions withSparse(SparseAttention s) {
        return new WorkloadOptions(weights, kvCache, kvPageTokens, s, sampling);
    }

    public WorkloadOptions withSampling(Sampling s) {
        return new WorkloadOptions(weights, kvCache, kvPageTokens, sparse, s);
    }
}
