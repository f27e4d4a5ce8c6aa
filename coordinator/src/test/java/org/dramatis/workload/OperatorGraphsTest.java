package org.dramatis.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorGraphsTest {

    private static final ModelConfig LLAMA2 = ModelLoader.load("llama-2-7b");
    private static final ModelConfig LLAMA3 = ModelLoader.load("llama-3-8b");
    private static final WorkloadOptions FP16 = WorkloadOptions.defaults();

    @Test
    void llama2DecodeLayerOperatorsInOrder() {
        OperatorGraph g = OperatorGraphs.decode(LLAMA2, FP16, 1, 4096);
        assertEquals(List.of("attn_norm", "q_proj", "k_proj", "v_proj", "rope", "kv_append", "attn_score", "softmax",
                "attn_value", "o_proj", "attn_residual", "ffn_norm", "gate_proj", "up_proj", "silu_mul", "down_proj",
                "ffn_residual"), names(g.layer(5)));
        assertEquals(List.of("embed_tokens", "final_norm", "lm_head", "sampling"), names(g.layer(Operator.NO_LAYER)));
        Operator q = op(g, 0, "q_proj");
        assertEquals(OperatorClass.GEMV, q.opClass());
        assertEquals(new Shape(1, 4096, 4096, 1), q.shape());
    }

    @Test
    void llama2DecodePerLayerFlopsAndBytesAtContext4096() {
        OperatorGraph g = OperatorGraphs.decode(LLAMA2, FP16, 1, 4096);
        List<Operator> layer = g.layer(7);
        // Weights: Q,K,V,O 4*4096*4096 + FFN 3*4096*11008 = 202,375,168 FP16 values = 404,750,336 B,
        // plus the two RMSNorm gains 2*4096*2 B = 16,384 B.
        assertEquals(404_750_336L + 16_384L, sum(layer, Operator::weightBytes));
        // One row: 2 FLOPs per weight.
        assertEquals(2L * 202_375_168L, sumOf(layer, OperatorClass.GEMV, Operator::flops));
        // Attention: QK^T and PV each 2 FLOPs * 32 heads * 128 dims * 4096 keys.
        assertEquals(2L * 32 * 128 * 4096, op(g, 7, "attn_score").flops());
        assertEquals(2L * 2 * 32 * 128 * 4096, sumOf(layer, OperatorClass.ATTENTION_SCORE, Operator::flops)
                + sumOf(layer, OperatorClass.ATTENTION_VALUE, Operator::flops));
        // KV read: K and V of 4096 tokens, 32 heads * 128 dims * 2 B each = 2 * 33,554,432 B.
        assertEquals(2L * 4096 * 32 * 128 * 2, sum(layer, Operator::kvBytesRead));
        // KV written: one token, 2 * 32 * 128 * 2 B.
        assertEquals(16_384L, sum(layer, Operator::kvBytesWritten));
    }

    @Test
    void llama2DecodeReadsEveryWeightButTheEmbeddingTableOnce() {
        OperatorGraph g = OperatorGraphs.decode(LLAMA2, FP16, 1, 4096);
        // All parameters at 2 B, minus the embedding table of which only one row (4096 values) is read.
        long params = LLAMA2.parameterCount();
        assertEquals(2 * (params - 32000L * 4096) + 2 * 4096, g.weightBytes());
    }

    @Test
    void prefillFlopsAreTwiceParamsPerTokenPlusAttention() {
        int p = 512;
        OperatorGraph g = OperatorGraphs.prefill(LLAMA2, FP16, 1, p);
        assertEquals(OperatorClass.GEMM, op(g, 0, "q_proj").opClass());
        assertEquals(OperatorClass.GEMV, op(g, Operator.NO_LAYER, "lm_head").opClass()); // last position only
        long layerWeights = 4L * 4096 * 4096 + 3L * 4096 * 11008;
        long matmuls = 2L * p * layerWeights * 32 + 2L * 32000 * 4096;
        // Causal attention: query i attends i keys, P(P+1)/2 pairs per head; QK^T and PV 2*128 FLOPs each.
        long attention = 32L * 32 * (p * (p + 1L) / 2) * 2 * 2 * 128;
        long gemm = g.sum(o -> o.opClass() == OperatorClass.GEMM || o.opClass() == OperatorClass.GEMV ? o.flops() : 0);
        long attn = g.sum(o -> o.opClass() == OperatorClass.ATTENTION_SCORE || o.opClass() == OperatorClass.ATTENTION_VALUE
                ? o.flops() : 0);
        assertEquals(matmuls, gemm);
        assertEquals(attention, attn);
        // Norms, RoPE, softmax, SwiGLU and residuals add a little on top: between 0 and 2%.
        double rest = (double) (g.flops() - gemm - attn) / g.flops();
        assertTrue(rest > 0 && rest < 0.02, "element-wise share " + rest);
        // Against the rule of thumb 2 * params * P: ours omits the embedding table and P-1 LM-head rows.
        double ratio = (double) (gemm) / (2.0 * LLAMA2.parameterCount() * p);
        assertTrue(ratio > 0.95 && ratio < 1.0, "ratio " + ratio);
    }

    @Test
    void gqaDividesKvBytesByTheGroupFactor() {
        OperatorGraph g = OperatorGraphs.decode(LLAMA3, FP16, 1, 4096);
        // 8 KV heads: K+V per token per layer 2*8*128*2 = 4,096 B (Llama-2's 32 heads: 16,384 B).
        assertEquals(4096L * 4096, sum(g.layer(3), Operator::kvBytesRead));
        assertEquals(4096L, op(g, 3, "kv_append").kvBytesWritten());
        assertEquals(4096L * 1024 * 2, op(g, 3, "k_proj").weightBytes());
        // The attention FLOPs stay those of 32 query heads.
        assertEquals(2L * 32 * 128 * 4096, op(g, 3, "attn_score").flops());
        HeadGroup heads = op(g, 3, "attn_score").headGroups().get(0);
        assertEquals(8, heads.kvHeads());
        assertEquals(4, heads.queriesPerKvHead());
    }

    @Test
    void batchScalesActivationsAndKvButNotWeights() {
        OperatorGraph one = OperatorGraphs.decode(LLAMA2, FP16, 1, 1000);
        OperatorGraph four = OperatorGraphs.decode(LLAMA2, FP16, 4, 1000);
        assertEquals(op(one, 0, "gate_proj").weightBytes(), op(four, 0, "gate_proj").weightBytes());
        assertEquals(4 * op(one, 0, "gate_proj").flops(), op(four, 0, "gate_proj").flops());
        assertEquals(OperatorClass.GEMV, op(four, 0, "gate_proj").opClass());
        assertEquals(4 * one.kvBytesRead(), four.kvBytesRead());
    }

    @Test
    void weightAndKvPrecisionsAreIndependent() {
        OperatorGraph int4 = OperatorGraphs.decode(LLAMA2, FP16.withWeights(Precision.INT4), 1, 4096);
        assertEquals(4096L * 4096 / 2, op(int4, 0, "q_proj").weightBytes());
        assertEquals(2L * 4096 * 32 * 128 * 2, sum(int4.layer(0), Operator::kvBytesRead)); // KV still FP16
        OperatorGraph int8kv = OperatorGraphs.decode(LLAMA2, FP16.withKvCache(Precision.INT8), 1, 4096);
        assertEquals(4096L * 4096 * 2, op(int8kv, 0, "q_proj").weightBytes());
        assertEquals(2L * 4096 * 32 * 128, sum(int8kv.layer(0), Operator::kvBytesRead));
        // Quantising the new K and V: 2 FLOPs per value stored.
        assertEquals(2L * 2 * 32 * 128, op(int8kv, 0, "kv_append").flops());
        assertEquals(0, op(OperatorGraphs.decode(LLAMA2, FP16, 1, 4096), 0, "kv_append").flops());
    }

    @Test
    void optHasReluFfnLayerNormAndNoRope() {
        ModelConfig opt = ModelLoader.load("opt-6.7b");
        OperatorGraph g = OperatorGraphs.decode(opt, FP16, 1, 1024);
        assertEquals(List.of("attn_norm", "q_proj", "k_proj", "v_proj", "kv_append", "attn_score", "softmax",
                "attn_value", "o_proj", "attn_residual", "ffn_norm", "fc1", "relu", "fc2", "ffn_residual"),
                names(g.layer(0)));
        assertFalse(g.operators().stream().anyMatch(o -> o.opClass() == OperatorClass.ROPE));
        // LayerNorm: 7 FLOPs per value, gain and bias 2*4096 FP16.
        assertEquals(7L * 4096, op(g, 0, "attn_norm").flops());
        assertEquals(2L * 2 * 4096, op(g, 0, "attn_norm").weightBytes());
        // fc1 with bias: 2*4096*16384 + 16384 FLOPs; weights 4096*16384*2 B + bias 16384*2 B.
        assertEquals(2L * 4096 * 16384 + 16384, op(g, 0, "fc1").flops());
        assertEquals(4096L * 16384 * 2 + 16384 * 2, op(g, 0, "fc1").weightBytes());
        assertEquals(16384L, op(g, 0, "relu").flops());
        assertEquals(List.of("embed_tokens", "embed_positions", "add_positions", "final_norm", "lm_head", "sampling"),
                names(g.layer(Operator.NO_LAYER)));
        // Weights read: every parameter but the two embedding tables, plus one row of each.
        long tables = 50272L * 4096 + 2050L * 4096;
        assertEquals(2 * (opt.parameterCount() - tables) + 2 * 2 * 4096 + 2L * 50272 * 4096, g.weightBytes());
    }

    @Test
    void opt350mIsPostNormWithEmbeddingProjections() {
        OperatorGraph g = OperatorGraphs.decode(ModelLoader.load("opt-350m"), FP16, 1, 256);
        List<String> layer = names(g.layer(0));
        assertEquals("q_proj", layer.get(0));
        assertEquals(layer.indexOf("attn_residual") + 1, layer.indexOf("attn_norm"));
        assertEquals("ffn_norm", layer.get(layer.size() - 1));
        assertEquals(List.of("embed_tokens", "project_in", "embed_positions", "add_positions", "project_out", "lm_head",
                "sampling"), names(g.layer(Operator.NO_LAYER)));
        assertEquals(new Shape(1, 50272, 512, 1), op(g, Operator.NO_LAYER, "lm_head").shape());
    }

    @Test
    void qwen3NormalisesQueryAndKeyHeadsBeforeRope() {
        OperatorGraph g = OperatorGraphs.decode(ModelLoader.load("qwen3-8b"), FP16, 1, 2048);
        List<String> layer = names(g.layer(0));
        assertEquals(List.of("v_proj", "q_norm", "k_norm", "rope"), layer.subList(3, 7));
        Operator k = op(g, 0, "k_norm");
        assertEquals(new Shape(1, 1024, 0, 8), k.shape());
        assertEquals(128L * 2, k.weightBytes()); // one 128-value gain shared by the heads
    }

    @Test
    void topKSamplingCostsMoreThanArgmax() {
        long greedy = op(OperatorGraphs.decode(LLAMA2, FP16, 2, 100), Operator.NO_LAYER, "sampling").flops();
        long topk = op(OperatorGraphs.decode(LLAMA2, FP16.withSampling(Sampling.topK(50)), 2, 100),
                Operator.NO_LAYER, "sampling").flops();
        assertEquals(2L * 32000, greedy);
        // heap of 50: ceil(log2 50) = 6 compares per logit, softmax over 50 kept at 6 each
        assertEquals(2L * (32000 * 6 + 6 * 50), topk);
    }

    static Operator op(OperatorGraph g, int layer, String name) {
        return g.layer(layer).stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in layer " + layer));
    }

    static List<String> names(List<Operator> ops) {
        return ops.stream().map(Operator::name).toList();
    }

    static long sum(List<Operator> ops, java.util.function.ToLongFunction<Operator> f) {
        return ops.stream().mapToLong(f).sum();
    }

    static long sumOf(List<Operator> ops, OperatorClass c, java.util.function.ToLongFunction<Operator> f) {
        return ops.stream().filter(o -> o.opClass() == c).mapToLong(f).sum();
    }
}
