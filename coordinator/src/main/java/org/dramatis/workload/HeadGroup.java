package org.dramatis.workload;

/**
 * A run of KV heads of one layer that attend alike in one step, with the query heads that share
 * them (GQA). Counts are per sequence; multiply by the batch for the step. Mapping policies place
 * heads on units from this: KV heads {@code firstKvHead .. firstKvHead + kvHeads - 1} each read
 * {@code tokensRead} tokens of K and of V and serve {@code queriesPerKvHead} query heads.
 *
 * @param kind             how these heads attend
 * @param firstKvHead      first KV head of the run
 * @param kvHeads          KV heads in the run
 * @param queriesPerKvHead query heads served by each KV head
 * @param keysPerQuery     keys the step's last query attends (decode: the only query)
 * @param queryKeyPairs    (query, key) pairs scored per query head: the sum over the step's queries
 * @param tokensRead       distinct tokens whose K (and V) each KV head reads
 * @param tokensAppended   tokens each KV head stores in the cache this step
 * @param pagesScored      pages whose key summaries each KV head scores (RETRIEVAL, decode)
 * @param pagesSelected    pages each KV head attends after selection (RETRIEVAL, decode)
 */
public record HeadGroup(
        Kind kind,
        int firstKvHead,
        int kvHeads,
        int queriesPerKvHead,
        long keysPerQuery,
        long queryKeyPairs,
        long tokensRead,
        long tokensAppended,
        long pagesScored,
        long pagesSelected) {

    /** How a head attends. */
    public enum Kind {
        /** Every earlier token (causal). */
        DENSE,
        /** Sink tokens plus a recent window (StreamingLLM / DuoAttention); keeps only those in its cache. */
        STREAMING,
        /**
         * Keeps the whole cache with per-page key min/max summaries; in decode attends only the
         * top-k pages (Quest); in prefill attends densely.
         */
        RETRIEVAL
    }

    /** Query heads in the run. */
    public int queryHeads() {
        return kvHeads * queriesPerKvHead;
    }
}
