package org.dramatis.workload;

import static org.dramatis.workload.OperatorGraphsTest.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparseAttentionTest {

    private static final ModelConfig LLAMA2 = ModelLoader.load("llama-2-7b");
    private static final ModelConfig LLAMA3 = ModelLoader.load("llama-3-8b");
    private static final int CONTEXT = 32768;

    private static OperatorGraph decode(ModelConfig m, SparseAttention s, long context) {
        return OperatorGraphs.decode(m, WorkloadOptions.defaults().withSparse(s), 1, context);
    }

    @Test
    void questRetrievalHeadReadsItsBudgetAfterTheFirstTwoLayers() {
        OperatorGraph g = decode(LLAMA2, SparseAttention.quest(), CONTEXT);
        // Layers 0 and 1 dense: every head reads all 32768 tokens.
        for (int layer : new int[] {0, 1}) {
            HeadGroup h = single(op(g, layer, "attn_score"));
            assertEquals(HeadGroup.Kind.DENSE, h.kind());
            assertEquals(CONTEXT, h.tokensRead());
            assertEquals(2L * 32 * CONTEXT * 128 * 2, op(g, layer, "attn_score").kvBytesRead() * 2);
        }
        // Layer 2 on: 2048 pages of 16; kept = min(max(3, 2048/16), 2048) = 128 pages = 2048 tokens.
        HeadGroup h = single(op(g, 2, "attn_score"));
        assertEquals(HeadGroup.Kind.RETRIEVAL, h.kind());
        assertEquals(2048, h.pagesScored());
        assertEquals(128, h.pagesSelected());
        assertEquals(128 * 16, h.tokensRead());
        assertEquals(32L * 2048 * 128 * 2, op(g, 2, "attn_score").kvBytesRead()); // K of 2048 tokens, 32 heads
        assertEquals(2L * 32 * 128 * 2048, op(g, 2, "attn_value").flops());
        // Scoring reads every page's min and max: 2048 pages * 2 * 128 values * 2 B per head.
        Operator select = op(g, 2, "page_select");
        assertEquals(32L * 2048 * 2 * 128 * 2, select.kvBytesRead());
        // Per head: 4 FLOPs per dim per page, plus a heap of 128 (7 compares per page).
        assertEquals(32L * (4 * 128 * 2048 + 2048 * 7), select.flops());
        // Summary upkeep: the new key updates its page's min and max (read and write 2*128 FP16 values).
        Operator summary = op(g, 2, "page_summary");
        assertEquals(32L * 2 * 128 * 2, summary.kvBytesRead());
        assertEquals(32L * 2 * 128 * 2, summary.kvBytesWritten());
        assertEquals(32L * 2 * 128, summary.flops());
        // Dense layers keep no summaries.
        assertTrue(g.layer(1).stream().noneMatch(o -> o.opClass() == OperatorClass.PAGE_SELECT
                || o.opClass() == OperatorClass.PAGE_SUMMARY));
    }

    @Test
    void streamingHeadReadsSinkPlusRecentWindow() {
        OperatorGraph g = decode(LLAMA2, SparseAttention.streaming(), CONTEXT);
        for (int layer : new int[] {0, 2, 31}) {
            HeadGroup h = single(op(g, layer, "attn_score"));
            assertEquals(HeadGroup.Kind.STREAMING, h.kind());
            assertEquals(64 + 256, h.tokensRead());
        }
        assertEquals(32L * 320 * 128 * 2, op(g, 5, "attn_value").kvBytesRead());
        // Below the window a streaming head is dense.
        assertEquals(200, single(op(decode(LLAMA2, SparseAttention.streaming(), 200), 5, "attn_score")).tokensRead());
    }

    @Test
    void hybridSplitsHeadsByShareMhaQuarterGqaHalf() {
        OperatorGraph mha = decode(LLAMA2, SparseAttention.hybrid(), CONTEXT);
        List<HeadGroup> groups = op(mha, 4, "attn_score").headGroups();
        assertEquals(2, groups.size());
        // 25% of 32 KV heads: heads 0-7 retrieve, 8-31 stream.
        assertEquals(HeadGroup.Kind.RETRIEVAL, groups.get(0).kind());
        assertEquals(0, groups.get(0).firstKvHead());
        assertEquals(8, groups.get(0).kvHeads());
        assertEquals(HeadGroup.Kind.STREAMING, groups.get(1).kind());
        assertEquals(8, groups.get(1).firstKvHead());
        assertEquals(24, groups.get(1).kvHeads());
        assertEquals((8L * 2048 + 24L * 320) * 128 * 2, op(mha, 4, "attn_score").kvBytesRead());
        // In the first two layers the retrieval heads attend densely; streaming heads still stream.
        List<HeadGroup> first = op(mha, 0, "attn_score").headGroups();
        assertEquals(HeadGroup.Kind.DENSE, first.get(0).kind());
        assertEquals(CONTEXT, first.get(0).tokensRead());
        assertEquals(HeadGroup.Kind.STREAMING, first.get(1).kind());

        OperatorGraph gqa = decode(LLAMA3, SparseAttention.hybrid(), CONTEXT);
        List<HeadGroup> g3 = op(gqa, 4, "attn_score").headGroups();
        // 50% of 8 KV heads; each serves 4 query heads.
        assertEquals(4, g3.get(0).kvHeads());
        assertEquals(4, g3.get(0).queriesPerKvHead());
        assertEquals(4, g3.get(1).kvHeads());
        // The group shares one page choice: summaries read once per KV head, scored by its 4 queries.
        Operator select = op(gqa, 4, "page_select");
        assertEquals(4L * 2048 * 2 * 128 * 2, select.kvBytesRead());
        assertEquals(4L * (4 * 4 * 128 * 2048 + 3 * 2048 + 2048 * 7), select.flops());
    }

    @Test
    void pagesKeptFollowQuestsRule() {
        SparseAttention q = SparseAttention.quest();
        assertEquals(128, q.pagesKept(CONTEXT, 16));
        // 100 tokens: 7 pages; min(100, 2048) / 16 = 6 -> 6 pages, 96 tokens.
        assertEquals(6, q.pagesKept(100, 16));
        assertEquals(96, single(op(decode(LLAMA2, q, 100), 3, "attn_score")).tokensRead());
        // Never fewer than 3 pages: a 32-token budget (2 pages) still keeps 3 of 63.
        assertEquals(3, q.withTokenBudget(32).pagesKept(1000, 16));
        // ... unless there are fewer: 40 tokens fill 3 pages, 20 tokens 2.
        assertEquals(3, q.pagesKept(40, 16));
        assertEquals(2, q.pagesKept(20, 16));
        assertEquals(32, q.withTokenBudget(512).pagesKept(CONTEXT, 16));
        assertEquals(256, q.withTokenBudget(4096).pagesKept(CONTEXT, 16));
    }

    @Test
    void prefillIsDenseForRetrievalHeadsAndLambdaShapedForStreamingHeads() {
        int p = 1000;
        OperatorGraph g = OperatorGraphs.prefill(LLAMA2, WorkloadOptions.defaults().withSparse(SparseAttention.hybrid()),
                1, p);
        List<HeadGroup> groups = op(g, 4, "attn_score").headGroups();
        // Retrieval heads: causal, 1000*1001/2 = 500,500 pairs per head.
        assertEquals(500_500, groups.get(0).queryKeyPairs());
        // Streaming heads: queries 1..320 see all earlier keys (320*321/2 = 51,360), the other 680 see 320.
        assertEquals(51_360 + 680 * 320, groups.get(1).queryKeyPairs());
        // and keep only their window in the cache.
        assertEquals(320, groups.get(1).tokensAppended());
        assertEquals((8L * 1000 + 24L * 320) * 2 * 128 * 2, op(g, 4, "kv_append").kvBytesWritten());
        // No page selection in prefill, but the summaries of ceil(1000/16) = 63 pages are built.
        assertTrue(g.layer(4).stream().noneMatch(o -> o.opClass() == OperatorClass.PAGE_SELECT));
        assertEquals(8L * 63 * 2 * 128 * 2, op(g, 4, "page_summary").kvBytesWritten());
        assertEquals(8L * 1000 * 128 * 2, op(g, 4, "page_summary").flops());
    }

    private static HeadGroup single(Operator o) {
        assertEquals(1, o.headGroups().size(), o.name());
        return o.headGroups().get(0);
    }
}
