package org.dramatis.components.hb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.dramatis.components.ComponentKinds;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.Driver;
import org.dramatis.components.ops.OpClass;
import org.dramatis.engine.SimResult;
import org.junit.jupiter.api.Test;

/** H2-LLM unit: 128 lanes at 600 MHz (76.8 GMAC/s), 25.6 GB/s from its one bank. */
class HbUnitTest {

    @Test
    void gemvIsBankBoundAndGemmComputeBound() {
        // GEMV 1 x 4096 x 1024 FP16: 8 MiB of weights / 25.6 GB/s = 327,680 ns; 4 M MACs / 128 lanes =
        // 32768 cycles = 54,613.3 ns. Bank-bound: 327,680,000 ps.
        Compute gemv = new Compute(1, OpClass.GEMV, 1, 1024, 4096, 8L << 20, 8192, 2048, null);
        // GEMM 8 x 256 x 256: 512 B vectors, all 8 in the 32 KB input buffer -> one pass over 128 KiB
        // (5,120 ns); 524,288 MACs / 128 = 4096 cycles = 6,826,667 ps (rounded up). Compute-bound.
        Compute gemm = new Compute(2, OpClass.GEMM, 8, 256, 256, 128 << 10, 4096, 4096, null);
        Driver d = new Driver(List.of(gemv, gemm));
        SimResult r = Driver.run(d, new HbUnit(HbUnit.Params.defaults()));
        assertEquals(1_000 + 327_680_000, d.answers.get(0).done().finishPs());
        assertEquals(1_000 + 327_680_000 + 6_826_667, d.answers.get(1).done().finishPs());
        var unit = r.simulated().get("components").get("unit");
        assertEquals(1, unit.get("compute_bound_ops").asLong());
        assertEquals(1, unit.get("memory_bound_ops").asLong());
        // energy: bank (8 MiB + 128 KiB) x 8 bit x (0.55 + 0.05); flops 2 x (4 M + 512 K) x 0.16;
        // buffers (8192 + 2048 + 8 MiB + 4096 + 4096 + 128 KiB) x 1.25
        double bankBytes = (8 << 20) + (128 << 10);
        double expected = bankBytes * 8 * 0.6 + 2.0 * (4096 * 1024 + 524_288) * 0.16
                + (8192 + 2048 + 4096 + 4096 + bankBytes) * 1.25;
        assertEquals(expected, r.simulated().get("energy_pj").asDouble(), 1e-3);
    }

    @Test
    void gemmWithVectorsBeyondTheInputBufferRestreamsWeights() {
        HbUnit u = new HbUnit(HbUnit.Params.defaults());
        // 64 vectors of 4096 FP16 (8 KiB): 4 fit the 32 KB buffer -> 16 passes over the weights
        Compute op = new Compute(1, OpClass.GEMM, 64, 128, 4096, 1L << 20, 64 * 8192, 64 * 256, null);
        assertEquals(16L << 20, u.matrixBankBytes(op));
        // a vector bigger than the buffer: one pass per vector
        Compute big = new Compute(2, OpClass.GEMM, 3, 16, 32768, 1L << 20, 3 * 65536, 96, null);
        assertEquals(3L << 20, u.matrixBankBytes(big));
    }

    @Test
    void elementWiseOnTheLanesAndStoreAtBankBandwidth() {
        // softmax 4 x 1000: 20,000 ops / 128 lanes = 157 cycles at 600 MHz = 261,667 ps (rounded up)
        Compute softmax = new Compute(1, OpClass.SOFTMAX, 4, 1000, 0, 0, 8000, 8000, null);
        // store 2560 B at 25.6 GB/s = 100 ns
        Compute store = new Compute(2, OpClass.STORE, 1, 1280, 0, 0, 2560, 0, null);
        Driver d = new Driver(List.of(softmax, store));
        Driver.run(d, new HbUnit(HbUnit.Params.defaults()));
        assertEquals(1_000 + 261_667, d.answers.get(0).done().finishPs());
        assertEquals(1_000 + 261_667 + 100_000, d.answers.get(1).done().finishPs());
    }

    @Test
    void describedFigures() {
        HbUnit.Params p = HbUnit.Params.defaults();
        assertEquals(256L << 20, p.capacityBytes());
        assertEquals(76.8e9, p.peakMacsPerSecond(), 1);
        assertEquals(25.6e9, p.peakInternalBytesPerSecond(), 1);
        assertEquals(Map.of("bank", 1L, "pim_unit", 1L), p.contains());
        assertEquals("hb_unit", ComponentKinds.get("hb_unit").create(p).kind());
    }
}
