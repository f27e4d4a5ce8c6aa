package org.dramatis.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the operator graph of one prefill or decode step. The operator list and the counting
 * rules are described in docs/workload.md; the per-operation FLOP counts are the constants below.
 */
public final class OperatorGraphs {

    /** Activations are FP16. */
    static final int ACTIVATION_BYTES = 2;
    /** Token ids, position ids and page indices are 32-bit. */
    static final int INDEX_BYTES = 4;
    /** Quest keeps page key summaries in FP16 whatever the KV precision. */
    static final Precision SUMMARY = Precision.FP16;

    /** RMSNorm per value: square, add, multiply by 1/rms, multiply by gain (the per-row rsqrt is not counted). */
    static final int RMS_NORM_FLOPS = 4;
    /** LayerNorm per value: add (mean), subtract, square, add (variance), multiply by 1/std, gain, bias. */
    static final int LAYER_NORM_FLOPS = 7;
    /** RoPE per value: x*cos + rotate(x)*sin with cos/sin tables read, not computed. */
    static final int ROPE_FLOPS = 3;
    /** Softmax per score: scale by 1/sqrt(d), max, subtract, exp, add, divide. */
    static final int SOFTMAX_FLOPS = 6;
    /** SwiGLU per value: SiLU x/(1+e^-x) (negate, exp, add, divide) then the gate multiply. */
    static final int SILU_MUL_FLOPS = 5;
    /** ReLU per value: one compare. */
    static final int RELU_FLOPS = 1;
    /** Storing K/V at INT8/INT4 per value: scale, round. */
    static final int QUANTISE_FLOPS = 2;
    /** Page summary upkeep per key value: compare with min, compare with max. */
    static final int SUMMARY_FLOPS = 2;
    /** Page scoring per head dimension: q*kmin, q*kmax, max of the two, add to the sum. */
    static final int PAGE_SCORE_FLOPS = 4;

    private OperatorGraphs() {}

    /** Prefill of {@code promptTokens} tokens for each of {@code batch} sequences, from an empty cache. */
    public static OperatorGraph prefill(ModelConfig model, WorkloadOptions options, int batch, long promptTokens) {
        requirePositive("batch", batch);
        requirePositive("prompt tokens", promptTokens);
        return new Builder(model, options, Phase.PREFILL, batch, promptTokens, promptTokens).build();
    }

    /**
     * One decode step for each of {@code batch} sequences that leaves {@code context} tokens in the
     * cache: the new token's K/V is appended and its query attends up to {@code context} tokens.
     * Contexts longer than the model's {@code max_position_embeddings} are allowed (context
     * extension studies).
     */
    public static OperatorGraph decode(ModelConfig model, WorkloadOptions options, int batch, long context) {
        requirePositive("batch", batch);
        requirePositive("context", context);
        return new Builder(model, options, Phase.DECODE, batch, 1, context).build();
    }

    /** The same step for {@code batch} sequences (a micro-batch of a pipeline). */
    public static OperatorGraph withBatch(OperatorGraph g, int batch) {
        requirePositive("batch", batch);
        return new Builder(g.model(), g.options(), g.phase(), batch, g.tokens(), g.context()).build();
    }

    private static void requirePositive(String what, long v) {
        if (v < 1) throw new IllegalArgumentException(what + " must be >= 1, got " + v);
    }

    private static long act(long values) {
        return values * ACTIVATION_BYTES;
    }

    private static final class Builder {
        private final ModelConfig m;
        private final WorkloadOptions o;
        private final Phase phase;
        private final int batch;
        private final long tokens;
        private final long context;
        /** Rows of the batch: one per token processed. */
        private final long rows;
        private final List<Operator> ops = new ArrayList<>();

        Builder(ModelConfig m, WorkloadOptions o, Phase phase, int batch, long tokens, long context) {
            this.m = m;
            this.o = o;
            this.phase = phase;
            this.batch = batch;
            this.tokens = tokens;
            this.context = context;
            this.rows = batch * tokens;
        }

        OperatorGraph build() {
            embedding();
            for (int layer = 0; layer < m.layers(); layer++) layer(layer);
            head();
            return new OperatorGraph(m, o, phase, batch, tokens, context, ops);
        }

        private void embedding() {
            long h = m.hiddenSize(), e = m.embeddingDim();
            add(Operator.NO_LAYER, "embed_tokens", OperatorClass.EMBEDDING, Shape.rows(rows, e), 0,
                    o.weights().bytes(rows * e), rows * INDEX_BYTES, act(rows * e), 0, 0, List.of());
            if (e != h) matmul(Operator.NO_LAYER, "project_in", rows, h, e, false);
            if (m.positional() == ModelConfig.Positional.LEARNED) {
                add(Operator.NO_LAYER, "embed_positions", OperatorClass.EMBEDDING, Shape.rows(rows, h), 0,
                        o.weights().bytes(rows * h), rows * INDEX_BYTES, act(rows * h), 0, 0, List.of());
                elementwise(Operator.NO_LAYER, "add_positions", rows, h, 1, 2);
            }
        }

        private void layer(int layer) {
            long h = m.hiddenSize(), q = m.queryDim(), kv = m.kvDim();
            if (m.preNorm()) norm(layer, "attn_norm", h, 1);
            matmul(layer, "q_proj", rows, q, h, m.attentionBias());
            matmul(layer, "k_proj", rows, kv, h, m.attentionBias());
            matmul(layer, "v_proj", rows, kv, h, m.attentionBias());
            if (m.qkNorm()) {
                norm(layer, "q_norm", q, m.heads());
                norm(layer, "k_norm", kv, m.kvHeads());
            }
            if (m.positional() == ModelConfig.Positional.ROPE) {
                add(layer, "rope", OperatorClass.ROPE, new Shape(rows, q + kv, 0, m.heads() + m.kvHeads()),
                        ROPE_FLOPS * rows * (q + kv), 0, act(rows * (q + kv) + rows * m.headDim()),
                        act(rows * (q + kv)), 0, 0, List.of());
            }
            attention(layer, o.sparse().headGroups(m, layer, phase, tokens, context, o.kvPageTokens()));
            matmul(layer, "o_proj", rows, h, q, m.attentionBias());
            elementwise(layer, "attn_residual", rows, h, 1, 2);
            if (!m.preNorm()) norm(layer, "attn_norm", h, 1);
            if (m.preNorm()) norm(layer, "ffn_norm", h, 1);
            long f = m.intermediateSize();
            if (m.activation() == ModelConfig.Activation.SWIGLU) {
                matmul(layer, "gate_proj", rows, f, h, m.ffnBias());
                matmul(layer, "up_proj", rows, f, h, m.ffnBias());
                elementwise(layer, "silu_mul", rows, f, SILU_MUL_FLOPS, 2);
                matmul(layer, "down_proj", rows, h, f, m.ffnBias());
            } else {
                matmul(layer, "fc1", rows, f, h, m.ffnBias());
                elementwise(layer, "relu", rows, f, RELU_FLOPS, 1);
                matmul(layer, "fc2", rows, h, f, m.ffnBias());
            }
            elementwise(layer, "ffn_residual", rows, h, 1, 2);
            if (!m.preNorm()) norm(layer, "ffn_norm", h, 1);
        }

        private void attention(int layer, List<HeadGroup> groups) {
            long d = m.headDim();
            long appended = 0, tokensRead = 0, pairs = 0, keys = 0, retrievalHeads = 0;
            for (HeadGroup g : groups) {
                appended += g.kvHeads() * g.tokensAppended();
                tokensRead += g.kvHeads() * g.tokensRead();
                pairs += g.queryHeads() * g.queryKeyPairs();
                keys = Math.max(keys, g.keysPerQuery());
                if (g.kind() == HeadGroup.Kind.RETRIEVAL) retrievalHeads += g.kvHeads();
            }
            long stored = batch * appended * 2 * d;
            add(layer, "kv_append", OperatorClass.KV_APPEND, new Shape(tokens, 2 * d, 0, m.kvHeads()),
                    o.kvCache() == Precision.FP16 ? 0 : QUANTISE_FLOPS * stored, 0, act(rows * 2 * m.kvDim()), 0, 0,
                    o.kvCache().bytes(stored), groups);
            if (retrievalHeads > 0) pageSummary(layer, groups, retrievalHeads);
            if (retrievalHeads > 0 && phase == Phase.DECODE) pageSelect(layer, groups);

            long scores = batch * pairs;
            long kvRead = o.kvCache().bytes(batch * tokensRead * d);
            Shape shape = new Shape(tokens, keys, d, m.heads());
            add(layer, "attn_score", OperatorClass.ATTENTION_SCORE, shape, 2 * d * scores, 0, act(rows * m.queryDim()),
                    act(scores), kvRead, 0, groups);
            add(layer, "softmax", OperatorClass.SOFTMAX, new Shape(tokens, keys, 0, m.heads()), SOFTMAX_FLOPS * scores, 0,
                    act(scores), act(scores), 0, 0, groups);
            add(layer, "attn_value", OperatorClass.ATTENTION_VALUE, shape, 2 * d * scores, 0, act(scores),
                    act(rows * m.queryDim()), kvRead, 0, groups);
        }

        /**
         * Min/max key summaries of retrieval heads: prefill builds them for every page from the
         * prompt's keys; a decode step folds the new key into its page's summary.
         */
        private void pageSummary(int layer, List<HeadGroup> groups, long heads) {
            long d = m.headDim();
            long keyValues = batch * heads * tokens * d;
            long summaryRead = 0, summaryWritten;
            if (phase == Phase.PREFILL) {
                summaryWritten = SUMMARY.bytes(batch * heads * SparseAttention.ceilDiv(tokens, o.kvPageTokens()) * 2 * d);
            } else {
                summaryRead = SUMMARY.bytes(batch * heads * 2 * d);
                summaryWritten = summaryRead;
            }
            add(layer, "page_summary", OperatorClass.PAGE_SUMMARY, new Shape(tokens, 2 * d, 0, (int) heads),
                    SUMMARY_FLOPS * keyValues, 0, act(keyValues), 0, summaryRead, summaryWritten, groups);
        }

        /**
         * Quest's page choice for each retrieval KV head: every query head of the group scores every
         * page (sum over dims of max(q*kmin, q*kmax)), the group's scores are summed, and a heap
         * keeps the top pages.
         */
        private void pageSelect(int layer, List<HeadGroup> groups) {
            long d = m.headDim();
            long flops = 0, summaries = 0, queries = 0, chosen = 0, pages = 0;
            int heads = 0;
            for (HeadGroup g : groups) {
                if (g.kind() != HeadGroup.Kind.RETRIEVAL) continue;
                long q = g.queriesPerKvHead(), p = g.pagesScored();
                long perKvHead = q * PAGE_SCORE_FLOPS * d * p + (q - 1) * p + p * Sampling.ceilLog2(g.pagesSelected());
                flops += g.kvHeads() * perKvHead;
                summaries += g.kvHeads() * p * 2 * d;
                queries += g.queryHeads() * d;
                chosen += g.kvHeads() * g.pagesSelected();
                pages = Math.max(pages, p);
                heads += g.queryHeads();
            }
            add(layer, "page_select", OperatorClass.PAGE_SELECT, new Shape(1, pages, d, heads), batch * flops, 0,
                    act(batch * queries), batch * chosen * INDEX_BYTES, SUMMARY.bytes(batch * summaries), 0, groups);
        }

        private void head() {
            long h = m.hiddenSize(), e = m.embeddingDim(), v = m.vocabSize();
            if (m.finalNorm()) norm(Operator.NO_LAYER, "final_norm", h, 1);
            if (e != h) matmul(Operator.NO_LAYER, "project_out", rows, e, h, false);
            // Only each sequence's last position needs logits (as serving engines compute them).
            matmul(Operator.NO_LAYER, "lm_head", batch, v, e, false);
            int k = o.sampling().topK();
            add(Operator.NO_LAYER, "sampling", OperatorClass.SAMPLING, new Shape(batch, v, k, 1),
                    batch * o.sampling().flopsPerSequence(v), 0, act(batch * v), batch * INDEX_BYTES, 0, 0, List.of());
        }

        /** out[m x n] = in[m x k] * W[k x n] (+ bias): a GEMV when there is one row per sequence. */
        private void matmul(int layer, String name, long mRows, long n, long k, boolean bias) {
            OperatorClass c = mRows == batch ? OperatorClass.GEMV : OperatorClass.GEMM;
            long flops = 2 * mRows * n * k + (bias ? mRows * n : 0);
            long weights = o.weights().bytes(n * k) + (bias ? act(n) : 0);
            add(layer, name, c, Shape.matmul(mRows, n, k), flops, weights, act(mRows * k), act(mRows * n), 0, 0,
                    List.of());
        }

        /** A norm over each row of {@code width} values, in {@code heads} independent parts sharing one gain. */
        private void norm(int layer, String name, long width, int heads) {
            int perValue = m.norm() == ModelConfig.NormKind.RMS_NORM ? RMS_NORM_FLOPS : LAYER_NORM_FLOPS;
            long values = rows * width;
            add(layer, name, OperatorClass.NORM, new Shape(rows, width, 0, heads), perValue * values,
                    act(m.normParameters(width / heads)), act(values), act(values), 0, 0, List.of());
        }

        private void elementwise(int layer, String name, long mRows, long width, int flopsPerValue, int inputs) {
            long values = mRows * width;
            add(layer, name, OperatorClass.ELEMENTWISE, Shape.rows(mRows, width), flopsPerValue * values, 0,
                    act(inputs * values), act(values), 0, 0, List.of());
        }

        private void add(int layer, String name, OperatorClass c, Shape s, long flops, long weights, long actRead,
                         long actWritten, long kvRead, long kvWritten, List<HeadGroup> groups) {
            ops.add(new Operator(layer, name, c, s, flops, weights, actRead, actWritten, kvRead, kvWritten, groups));
        }
    }
}
