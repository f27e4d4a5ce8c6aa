package org.dramatis.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KvCacheTest {

    private static final ModelConfig LLAMA2 = ModelLoader.load("llama-2-7b");
    private static final ModelConfig LLAMA3 = ModelLoader.load("llama-3-8b");
    private static final long GIB = 1L << 30;

    @Test
    void bytesPerTokenPerLayer() {
        // 2 (K and V) * 32 KV heads * 128 * 2 B
        assertEquals(16_384, new KvCache(LLAMA2, WorkloadOptions.defaults()).bytesPerTokenPerLayer());
        // GQA: 2 * 8 * 128 * 2 = 4,096 B, a quarter
        assertEquals(4_096, new KvCache(LLAMA3, WorkloadOptions.defaults()).bytesPerTokenPerLayer());
        // INT4: half a byte per value
        assertEquals(4_096, new KvCache(LLAMA2, WorkloadOptions.defaults().withKvCache(Precision.INT4))
                .bytesPerTokenPerLayer());
    }

    @Test
    void pagesHoldSixteenTokensOfOneHead() {
        KvCache kv = new KvCache(LLAMA2, WorkloadOptions.defaults());
        assertEquals(16L * 2 * 128 * 2, kv.pageBytes());
        // 4096 tokens = 256 pages per head; 32 layers * 32 heads * 256 pages * 8 KiB = 2 GiB
        assertEquals(32L * 32 * 256, kv.pagesPerSequence(4096));
        assertEquals(2 * GIB, kv.bytesPerSequence(4096));
        assertEquals(32L * 4096 * kv.bytesPerTokenPerLayer(), kv.bytesPerSequence(4096));
        // One token more opens a new page for every head.
        assertEquals(32L * 32 * 257, kv.pagesPerSequence(4097));
    }

    @Test
    void hybridKeepsWindowsForStreamingHeadsAndSummariesForRetrievalHeads() {
        KvCache kv = new KvCache(LLAMA2, WorkloadOptions.defaults().withSparse(SparseAttention.hybrid()));
        // Per layer: 8 heads * 2048 pages + 24 streaming heads * (64/16 + 256/16 + 1 sliding) = 21 pages.
        assertEquals(32L * (8 * 2048 + 24 * 21), kv.pagesPerSequence(32768));
        // Summaries only where pages are selected: layers 2..31.
        assertEquals(30L * 8 * 2048, kv.summariesPerSequence(32768));
        assertEquals(32L * (8 * 2048 + 24 * 21) * 8192 + 30L * 8 * 2048 * 512, kv.bytesPerSequence(32768));
    }

    @Test
    void overLargeCacheIsRefusedWithTheNumbers() {
        KvCache kv = new KvCache(LLAMA2, WorkloadOptions.defaults());
        // 32K context: 16 GiB per sequence; batch 8 = 128 GiB > 80 GiB
        KvCacheCapacityException e = assertThrows(KvCacheCapacityException.class,
                () -> kv.requireFits(80 * GIB, 8, 32768));
        String m = e.getMessage();
        assertTrue(m.startsWith("KV cache of llama-2-7b does not fit: batch 8 x context 32768 needs 137,438,953,472 B"), m);
        assertTrue(m.contains("2,097,152 pages of 8,192 B"), m);
        assertTrue(m.contains("capacity is 85,899,345,920 B (80.00 GiB)"), m);
        assertFalse(m.contains("\n"));
        kv.requireFits(80 * GIB, 4, 32768); // 64 GiB fits
        kv.requireFits(128 * GIB, 8, 32768); // exactly full fits
    }
}
