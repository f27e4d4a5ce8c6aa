package org.dramatis.workload;

import java.util.Locale;

/**
 * Size and paging of the KV cache of one model under given options. A page holds
 * {@code kvPageTokens} tokens of K and V of one KV head in one layer, so a mapping can place heads
 * (and a head's pages) on different units. Dense and retrieval heads keep every token; streaming
 * heads keep only their window; retrieval heads also keep an FP16 key min/max summary per page.
 */
public final class KvCache {

    private final ModelConfig model;
    private final WorkloadOptions options;

    public KvCache(ModelConfig model, WorkloadOptions options) {
        this.model = model;
        this.options = options;
    }

    /** K and V of one token in one layer, all KV heads: 2 * kvHeads * headDim values. */
    public long bytesPerTokenPerLayer() {
        return options.kvCache().bytes(2L * model.kvHeads() * model.headDim());
    }

    /** One page: {@code kvPageTokens} tokens of K and V of one KV head. */
    public long pageBytes() {
        return options.kvCache().bytes((long) options.kvPageTokens() * 2 * model.headDim());
    }

    /** One page's key summary (min and max per head dimension, FP16). */
    public long summaryBytes() {
        return OperatorGraphs.SUMMARY.bytes(2L * model.headDim());
    }

    /** Pages that one KV head of this kind holds at {@code context} tokens. */
    public long pagesPerHead(HeadGroup.Kind kind, long context) {
        int page = options.kvPageTokens();
        SparseAttention s = options.sparse();
        if (kind != HeadGroup.Kind.STREAMING || context <= s.windowTokens()) return SparseAttention.ceilDiv(context, page);
        // The recent window slides across page boundaries, so it may touch one page more than it fills.
        return SparseAttention.ceilDiv(s.sinkTokens(), page) + SparseAttention.ceilDiv(s.recentTokens(), page) + 1;
    }

    /** KV pages of one sequence at {@code context} tokens, over all layers and KV heads. */
    public long pagesPerSequence(long context) {
        long pages = 0;
        for (int layer = 0; layer < model.layers(); layer++) {
            for (int head = 0; head < model.kvHeads(); head++) {
                pages += pagesPerHead(options.sparse().kind(model, layer, head), context);
            }
        }
        return pages;
    }

    /** Page summaries of one sequence at {@code context} tokens (retrieval heads only). */
    public long summariesPerSequence(long context) {
        long summaries = 0;
        for (int layer = 0; layer < model.layers(); layer++) {
            for (int head = 0; head < model.kvHeads(); head++) {
                if (options.sparse().kind(model, layer, head) == HeadGroup.Kind.RETRIEVAL) {
                    summaries += pagesPerHead(HeadGroup.Kind.RETRIEVAL, context);
                }
            }
        }
        return summaries;
    }

    /** Bytes of one sequence at {@code context} tokens: whole pages plus summaries. */
    public long bytesPerSequence(long context) {
        return pagesPerSequence(context) * pageBytes() + summariesPerSequence(context) * summaryBytes();
    }

    /** Bytes of {@code batch} sequences at {@code context} tokens each. */
    public long bytes(int batch, long context) {
        return Math.multiplyExact(batch, bytesPerSequence(context));
    }

    /**
     * Refuses a cache larger than {@code capacityBytes}, with the numbers that make it up.
     *
     * @throws KvCacheCapacityException when it does not fit
     */
    public void requireFits(long capacityBytes, int batch, long context) {
        long need = bytes(batch, context);
        if (need <= capacityBytes) return;
        throw new KvCacheCapacityException(String.format(Locale.ROOT,
                "KV cache of %s does not fit: batch %d x context %d needs %,d B (%.2f GiB: %,d pages of %,d B"
                        + " and %,d summaries of %,d B per sequence, %s %s) but capacity is %,d B (%.2f GiB)",
                model.name(), batch, context, need, need / GIB, pagesPerSequence(context), pageBytes(),
                summariesPerSequence(context), summaryBytes(), options.kvCache(),
                options.sparse().policy().name().toLowerCase(Locale.ROOT), capacityBytes, capacityBytes / GIB));
    }

    private static final double GIB = 1024.0 * 1024 * 1024;
}
