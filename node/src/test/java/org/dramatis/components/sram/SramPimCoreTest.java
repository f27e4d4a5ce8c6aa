package org.dramatis.components.sram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.Driver;
import org.dramatis.components.ops.OpClass;
import org.dramatis.engine.SimResult;
import org.junit.jupiter.api.Test;

class SramPimCoreTest {

    static final SramPimCore.Params HPIM = SramPimCore.Params.hpim();

    @Test
    void gemmOnTheSystolicArray() {
        // out[128 x 64] = in[128 x 256] * W[256 x 64], FP16
        Compute gemm = new Compute(1, OpClass.GEMM, 128, 64, 256, 256 * 64 * 2, 128 * 256 * 2, 128 * 64 * 2, null);
        Driver d = new Driver(List.of(gemm));
        SimResult r = Driver.run(d, new SramPimCore(HPIM));
        // 64x64 array: ceil(128/64) * ceil(64/64) = 2 output tiles, each 256 + 64 + 64 - 2 = 382 cycles
        // -> 764 cycles at 1 GHz = 764 ns; +1 ns each way
        assertEquals(766_000, d.answers.get(0).arrivedPs());
        // MACs 128*64*256 = 2,097,152 * 1.5 pJ = 3,145,728 pJ;
        // SRAM: in 65536 + W 32768 + out 16384 = 114,688 B * 1.25 pJ = 143,360 pJ
        assertEquals(3_145_728.0 + 143_360.0, r.simulated().get("energy_pj").asDouble(), 1e-6);
    }

    @Test
    void twoGemvsOnTheMacrosSerialise() {
        // decode projection 1 x 4096 x 4096: 16,777,216 MACs on 16 groups x 8 multipliers = 128 per cycle
        // -> 131,072 cycles = 131,072 ns each
        Compute a = new Compute(1, OpClass.GEMV, 1, 4096, 4096, 4096L * 4096 * 2, 8192, 8192, null);
        Compute b = new Compute(2, OpClass.GEMV, 1, 4096, 4096, 4096L * 4096 * 2, 8192, 8192, null);
        Driver d = new Driver(List.of(a, b));
        SimResult r = Driver.run(d, new SramPimCore(HPIM));
        assertEquals(1_000 + 131_072_000 + 1_000, d.answers.get(0).arrivedPs());
        assertEquals(1_000 + 2 * 131_072_000 + 1_000, d.answers.get(1).arrivedPs());
        // per GEMV: 16,777,216 MACs * 1.5 pJ + (8192 + 8192) B * 1.25 pJ (weights stay in the macros)
        assertEquals(2 * (16_777_216 * 1.5 + 16_384 * 1.25), r.simulated().get("energy_pj").asDouble(), 1e-3);
    }

    @Test
    void elementWiseOnTheVectorUnitAndTopKOnTheScalarUnit() {
        // RMSNorm on 4096 elements: 4 ops each = 16384 ops / 64 lanes = 256 cycles = 256 ns
        // top-k (k = 8) of 1000: 1 + 3 = 4 ops each = 4000 cycles on the scalar unit = 4000 ns
        Compute norm = new Compute(1, OpClass.RMS_NORM, 1, 4096, 0, 0, 8192, 8192, null);
        Compute topk = new Compute(2, OpClass.TOP_K, 1, 1000, 8, 0, 2000, 16, null);
        Driver d = new Driver(List.of(norm, topk));
        Driver.run(d, new SramPimCore(HPIM));
        assertEquals(258_000, d.answers.get(0).arrivedPs());
        assertEquals(257_000 + 4_000_000 + 1_000, d.answers.get(1).arrivedPs());
    }

    @Test
    void activationsMustFitTheLocalSram() {
        Compute big = new Compute(1, OpClass.GEMM, 1024, 1024, 64, 0, 1024 * 64 * 2, 1024 * 1024 * 2, null);
        assertThrows(IllegalArgumentException.class, () -> Driver.run(new Driver(List.of(big)), new SramPimCore(HPIM)));
    }
}
