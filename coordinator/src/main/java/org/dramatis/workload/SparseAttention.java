package org.dramatis.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Which tokens each attention head attends. Defaults follow the published reference code (see
 * docs/workload.md and docs/hardware.md section 2, "Sparse attention"):
 *
 * <ul>
 *   <li>{@link Policy#STREAMING}: every head keeps and attends {@code sinkTokens} first tokens
 *       plus the {@code recentTokens} latest (DuoAttention's streaming heads: 64 + 256;
 *       StreamingLLM's own default is 4 + 2000).</li>
 *   <li>{@link Policy#QUEST}: every head keeps the whole cache in pages with key min/max summaries
 *       and in decode attends the top {@code min(max(3, min(L, budget) / page), pages)} pages
 *       (Quest: budget 2048 default, evaluated 512-4096); prefill and the first
 *       {@code denseLayers} (2) layers are dense.</li>
 *   <li>{@link Policy#HYBRID}: a share of the KV heads of each layer are retrieval heads (as in
 *       QUEST), the others streaming heads; share 25% for MHA models and 50% for GQA models
 *       (DuoAttention). DuoAttention learns which heads retrieve; without weights Dramatis takes
 *       the first {@code round(share * kvHeads)} KV heads of every layer.</li>
 * </ul>
 *
 * <p>With GQA the query heads that share a KV head share its page choice (their page scores are
 * summed before the top-k), so a KV head reads one set of pages. Quest's reference code selects
 * per query head; it was evaluated on MHA models, where the two agree.
 *
 * @param policy         which policy
 * @param sinkTokens     streaming heads: first tokens always kept
 * @param recentTokens   streaming heads: latest tokens kept
 * @param tokenBudget    retrieval heads: tokens attended per decode step (before rounding to pages)
 * @param denseLayers    retrieval heads of the first this-many layers attend densely
 * @param retrievalShare HYBRID: share of KV heads that are retrieval heads; empty for the default
 */
public record SparseAttention(
        Policy policy,
        int sinkTokens,
        int recentTokens,
        int tokenBudget,
        int denseLayers,
        OptionalDouble retrievalShare) {

    /** Attention policies. */
    public enum Policy { DENSE, STREAMING, QUEST, HYBRID }

    /** DuoAttention's streaming-head window (docs/hardware.md section 2). */
    public static final int DEFAULT_SINK = 64;
    public static final int DEFAULT_RECENT = 256;
    /** Quest's default token budget. */
    public static final int DEFAULT_BUDGET = 2048;
    /** Quest leaves the first two layers dense. */
    public static final int DEFAULT_DENSE_LAYERS = 2;
    /** Quest never keeps fewer pages than this. */
    static final int MIN_PAGES = 3;

    public SparseAttention {
        if (sinkTokens < 0 || recentTokens < 1) {
            throw new IllegalArgumentException("streaming window needs sink >= 0 and recent >= 1, got "
                    + sinkTokens + " + " + recentTokens);
        }
        if (tokenBudget < 1) throw new IllegalArgumentException("token budget must be >= 1, got " + tokenBudget);
        if (denseLayers < 0) throw new IllegalArgumentException("dense layers must be >= 0, got " + denseLayers);
        if (retrievalShare.isPresent() && !(retrievalShare.getAsDouble() >= 0 && retrievalShare.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("retrieval share must be in [0, 1], got " + retrievalShare.getAsDouble());
        }
    }

    private static SparseAttention of(Policy p) {
        return new SparseAttention(p, DEFAULT_SINK, DEFAULT_RECENT, DEFAULT_BUDGET, DEFAULT_DENSE_LAYERS,
                OptionalDouble.empty());
    }

    public static SparseAttention dense() {
        return of(Policy.DENSE);
    }

    public static SparseAttention streaming() {
        return of(Policy.STREAMING);
    }

    public static SparseAttention quest() {
        return of(Policy.QUEST);
    }

    public static SparseAttention hybrid() {
        return of(Policy.HYBRID);
    }

    public SparseAttention withTokenBudget(int budget) {
        return new SparseAttention(policy, sinkTokens, recentTokens, budget, denseLayers, retrievalShare);
    }

    /** Tokens a streaming head keeps and attends once the context is longer. */
    public int windowTokens() {
        return sinkTokens + recentTokens;
    }

    /** HYBRID's retrieval share for this model: the given one, else 25% (MHA) or 50% (GQA). */
    public double retrievalShare(ModelConfig model) {
        return retrievalShare.orElse(model.isGqa() ? 0.5 : 0.25);
    }

    /** KV heads per layer that keep the whole cache with page summaries (before the dense-layer rule). */
    public int retrievalKvHeads(ModelConfig model) {
        return switch (policy) {
            case DENSE, STREAMING -> 0;
            case QUEST -> model.kvHeads();
            case HYBRID -> (int) Math.round(retrievalShare(model) * model.kvHeads());
        };
    }

    /** KV heads per layer that keep only the streaming window. */
    public int streamingKvHeads(ModelConfig model) {
        return switch (policy) {
            case DENSE, QUEST -> 0;
            case STREAMING -> model.kvHeads();
            case HYBRID -> model.kvHeads() - retrievalKvHeads(model);
        };
    }

    /** The role of KV head {@code kvHead} in {@code layer}: retrieval heads come first in each layer. */
    public HeadGroup.Kind kind(ModelConfig model, int layer, int kvHead) {
        int retrieval = retrievalKvHeads(model);
        if (kvHead < retrieval) return layer < denseLayers ? HeadGroup.Kind.DENSE : HeadGroup.Kind.RETRIEVAL;
        if (kvHead < model.kvHeads() - streamingKvHeads(model)) return HeadGroup.Kind.DENSE;
        return HeadGroup.Kind.STREAMING;
    }

    /**
     * The head groups of one layer in one step. A prefill step processes {@code tokens} prompt
     * tokens into an empty cache; a decode step processes one token and leaves {@code context}
     * tokens in the cache (the new one included), all of which a dense head attends.
     */
    List<HeadGroup> headGroups(ModelConfig model, int layer, Phase phase, long tokens, long context, int pageTokens) {
        List<HeadGroup> groups = new ArrayList<>(2);
        int first = 0;
        while (first < model.kvHeads()) {
            HeadGroup.Kind kind = kind(model, layer, first);
            int end = first + 1;
            while (end < model.kvHeads() && kind(model, layer, end) == kind) end++;
            groups.add(group(model, kind, first, end - first, phase, tokens, context, pageTokens));
            first = end;
        }
        return groups;
    }

    private HeadGroup group(ModelConfig model, HeadGroup.Kind kind, int first, int count, Phase phase,
                            long tokens, long context, int pageTokens) {
        int q = model.queriesPerKvHead();
        long w = windowTokens();
        if (phase == Phase.PREFILL) {
            if (kind == HeadGroup.Kind.STREAMING) {
                // Lambda-shaped mask: query i (1-based) sees min(i, w) keys; only the window is kept.
                long pairs = tokens <= w ? triangle(tokens) : triangle(w) + (tokens - w) * w;
                return new HeadGroup(kind, first, count, q, Math.min(tokens, w), pairs, tokens, Math.min(tokens, w), 0, 0);
            }
            return new HeadGroup(kind, first, count, q, tokens, triangle(tokens), tokens, tokens, 0, 0);
        }
        return switch (kind) {
            case DENSE -> new HeadGroup(kind, first, count, q, context, context, context, 1, 0, 0);
            case STREAMING -> {
                long keys = Math.min(context, w);
                yield new HeadGroup(kind, first, count, q, keys, keys, keys, 1, 0, 0);
            }
            case RETRIEVAL -> {
                long pages = ceilDiv(context, pageTokens);
                long kept = pagesKept(context, pageTokens);
                long keys = Math.min(kept * pageTokens, context);
                yield new HeadGroup(kind, first, count, q, keys, keys, keys, 1, pages, kept);
            }
        };
    }

    /** Quest's rule: pages kept = min(max(3, min(context, budget) / page), pages). */
    public long pagesKept(long context, int pageTokens) {
        long budget = Math.min(context, tokenBudget);
        return Math.min(Math.max(MIN_PAGES, budget / pageTokens), ceilDiv(context, pageTokens));
    }

    static long triangle(long n) {
        return n * (n + 1) / 2;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
