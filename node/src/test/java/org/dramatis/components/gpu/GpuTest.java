package org.dramatis.components.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.Driver;
import org.dramatis.components.ops.OpClass;
import org.dramatis.engine.SimResult;
import org.junit.jupiter.api.Test;

class GpuTest {

    @Test
    void decodeGemvIsMemoryBoundAndPrefillGemmComputeBound() {
        Gpu.Params a100 = Gpu.Params.a100Hbm3();
        // GEMV 1 x 4096 x 4096 FP16: weights 33,554,432 B + 8192 in + 8192 out = 33,570,816 B
        Compute gemv = new Compute(1, OpClass.GEMV, 1, 4096, 4096, 33_554_432, 8192, 8192, null);
        // GEMM 2048 x 4096 x 4096: 2 * 2048 * 4096^2 = 68,719,476,736 FLOP
        Compute gemm = new Compute(2, OpClass.GEMM, 2048, 4096, 4096, 33_554_432, 16_777_216, 16_777_216, null);
        Driver d = new Driver(List.of(gemv, gemm));
        SimResult r = Driver.run(d, new Gpu(a100));
        // GEMV: memory 33,570,816 B / (3352e9 * 0.85 = 2.8492e12 B/s) = 11,782,541.06 ps -> 11,782,542;
        // compute 33,554,432 FLOP / 249.6e12 = 134,433 ps is smaller; + 4 us launch
        long gemvPs = 11_782_542 + 4_000_000;
        assertEquals(1_000 + gemvPs + 1_000, d.answers.get(0).arrivedPs());
        // GEMM: compute 68,719,476,736 / 249.6e12 = 275,318,416.41 ps -> 275,318,417 (memory:
        // 67,108,864 B / 2.8492e12 = 23,553,581 ps is smaller); + 4 us launch; starts after the GEMV
        long gemmPs = 275_318_417 + 4_000_000;
        assertEquals(1_000 + gemvPs + gemmPs + 1_000, d.answers.get(1).arrivedPs());
        var unit = r.simulated().get("components").get("unit");
        assertEquals(1, unit.get("memory_bound_kernels").asLong());
        assertEquals(1, unit.get("compute_bound_kernels").asLong());
        // energy: FLOPs (33,554,432 + 68,719,476,736) * pJ/FLOP + bytes (33,570,816 + 67,108,864) * 31.2 pJ
        // pJ/FLOP = (400 W - 60 W idle - 3352e9 * 31.2e-12 W) / 312e12 = (400 - 60 - 104.5824) / 312e12
        // = 0.754544 pJ (the idle power is static: this graph charges none, a topology's does)
        double pjPerFlop = (400 - 60 - 104.5824) / 312e12 * 1e12;
        double expected = 68_753_031_168.0 * pjPerFlop + 100_679_680.0 * 31.2;
        assertEquals(expected, r.simulated().get("energy_pj").asDouble(), expected * 1e-12);
        assertEquals(0.754544, pjPerFlop, 1e-6);
    }

    @Test
    void h100IsFasterOnComputeBoundKernels() {
        Compute gemm = new Compute(1, OpClass.GEMM, 2048, 4096, 4096, 33_554_432, 16_777_216, 16_777_216, null);
        // 68,719,476,736 / (989.4e12 * 0.8) = 86,819,634.04 ps -> 86,819,635, + 4 us
        assertEquals(86_819_635 + 4_000_000, new Gpu(Gpu.Params.h100()).kernelPs(gemm));
    }
}
