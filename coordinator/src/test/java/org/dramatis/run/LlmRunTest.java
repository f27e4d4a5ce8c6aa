package org.dramatis.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dramatis.common.UserError;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.workload.ModelConfig;
import org.dramatis.workload.ModelLoader;
import org.dramatis.workload.WorkloadOptions;
import org.junit.jupiter.api.Test;

class LlmRunTest {

    static JsonNode run(String topology, String model, long prompt, long generate, int batch, int samples) {
        Topology t = TopologyLoader.load(topology, List.of());
        LlmRun.Request r = new LlmRun.Request(t, ModelLoader.load(model), WorkloadOptions.defaults(), batch, prompt,
                generate, MappingPolicies.get(t.defaultMapping()), samples, 1, 1);
        return LlmRun.run(r, s -> {}).get("simulated");
    }

    @Test
    void decodeOnABandwidthBoundGpuTakesWeightBytesOverBandwidth() {
        JsonNode s = run("a100", "llama-2-7b", 128, 2, 1, 2);
        ModelConfig m = ModelLoader.load("llama-2-7b");
        // the step reads every weight but the embedding table (one row of it) once
        double weights = 2.0 * (m.parameterCount() - (long) m.vocabSize() * m.hiddenSize());
        double streamMs = weights / (3352e9 * 0.85) * 1e3;
        long kernels = s.get("operators_ms").get("decode_mean_step").size();
        double tpot = s.get("tpot_ms").asDouble();
        // 4 us per kernel launch on top; every kernel of a layer runs once per layer
        double launchMs = 32 * 18 * 4e-3;
        assertTrue(tpot > streamMs, "tpot " + tpot + " must exceed the pure streaming time " + streamMs);
        assertEquals(streamMs + launchMs, tpot, 0.05 * tpot, "kernels per step: " + kernels);
    }

    @Test
    void theMemoryFloorOfADecodeStepIsItsBytesOverTheBandwidth() {
        JsonNode s = run("a100", "llama-2-7b", 1024, 2, 1, 2);
        ModelConfig m = ModelLoader.load("llama-2-7b");
        JsonNode b = s.get("lower_bounds").get("decode_mean_step");
        // every weight but the embedding table once, the cache of the context read and one token
        // appended (FP16 K and V of every layer and KV head), mean over steps at contexts 1025, 1026
        double weights = 2.0 * (m.parameterCount() - (long) m.vocabSize() * m.hiddenSize());
        double kvPerToken = 2.0 * 2 * m.layers() * m.kvHeads() * m.headDim();
        double bytes = weights + kvPerToken * (1024 + 1.5) + kvPerToken;
        assertEquals(bytes / 3352e9 * 1e3, b.get("memory_ms").asDouble(), 1e-3 * b.get("memory_ms").asDouble());
        assertEquals("memory", b.get("limit").asText());
        assertEquals("gpu", b.get("limited_by").asText(), "the kind whose memory sets the floor");
        // the simulated step pays the bandwidth cap (0.85) and 4 us per kernel launch on top of the floor
        double floor = b.get("memory_ms").asDouble();
        double expected = floor / 0.85 + 32 * 18 * 4e-3;
        assertEquals(expected / floor, b.get("ratio").asDouble(), 0.05 * expected / floor);
        assertEquals(s.get("tpot_ms").asDouble(), b.get("simulated_ms").asDouble(), 1e-9);
    }

    /**
     * The GPU baseline held to measurements on the A100-80GB as sold. gpt-fast (pytorch-labs,
     * README "Benchmarks" at 0f925b5d): Llama-2-7B unquantised, batch 1, 5-token prompt, 104.9
     * tok/s = 9.5 ms per token (A100-80GB power-limited to 330 W). TensorRT-LLM v0.5
     * (docs/source/performance.md at 138f96d4): LLaMA-7B FP16 on an A100, batch 1, 133 ms to the
     * first token at 2048 input tokens (LLaMA-7B and Llama-2-7B share their shapes).
     */
    @Test
    void theA100BaselineIsWithinTenPercentOfPublishedMeasurements() {
        double tpot = run("a100-80gb", "llama-2-7b", 5, 8, 1, 2).get("tpot_ms").asDouble();
        assertEquals(9.5, tpot, 0.10 * 9.5, "gpt-fast decode");
        double ttft = run("a100-80gb", "llama-2-7b", 2048, 1, 1, 1).get("ttft_ms").asDouble();
        assertEquals(133, ttft, 0.10 * 133, "TensorRT-LLM first token at 2K");
    }

    @Test
    void theIdleGpuDrawsItsIdlePowerForTheWholeRun() {
        JsonNode s = run("a100", "opt-350m", 64, 4, 1, 4);
        // a100.yaml: idle_power_w 60 on the GPU, no static power elsewhere; 60 W x 1 ms = 60 mJ
        double prefillMs = s.get("ttft_ms").asDouble();
        double decodeMs = 4 * s.get("tpot_ms").asDouble();
        JsonNode e = s.get("energy");
        assertEquals(60 * prefillMs, e.get("prefill").get("static_mj").asDouble(), 1e-6 * 60 * prefillMs);
        assertEquals(60 * decodeMs, e.get("decode").get("static_mj").asDouble(), 1e-6 * 60 * decodeMs);
        double all = e.get("prefill").get("dynamic_mj").asDouble() + e.get("prefill").get("static_mj").asDouble()
                + e.get("decode").get("dynamic_mj").asDouble() + e.get("decode").get("static_mj").asDouble();
        assertEquals(s.get("energy_mj").asDouble(), all, 1e-9 * all);
        // average power: energy over time, idle power included (1 mJ per ms is 1 W)
        double prefillMj = e.get("prefill").get("dynamic_mj").asDouble() + e.get("prefill").get("static_mj").asDouble();
        assertEquals(prefillMj / prefillMs, s.get("power_w").get("prefill").asDouble(), 1e-6);
        assertTrue(s.get("power_w").get("decode").asDouble() > 60, "above the idle power");
        JsonNode gpu = s.get("by_kind").get("gpu");
        assertEquals(60 * (prefillMs + decodeMs), gpu.get("static_energy_mj").asDouble(), 1e-6 * 60 * (prefillMs + decodeMs));
        assertTrue(gpu.get("energy_mj").asDouble() > gpu.get("static_energy_mj").asDouble());
    }

    /** Utilisation is busy time over (components x phase time); without static power only the dynamic part remains. */
    @Test
    void utilisationPerKindAndARunWithoutStaticPower() {
        Topology t = TopologyLoader.load("halo", List.of());
        LlmRun.Request r = new LlmRun.Request(t, ModelLoader.load("opt-350m"), WorkloadOptions.defaults(), 1, 32, 3,
                MappingPolicies.get("halo"), 3, 1, 1);
        JsonNode on = LlmRun.run(r, s -> {}).get("simulated");
        JsonNode off = LlmRun.run(r.withStaticPower(false), s -> {}).get("simulated");
        JsonNode pim = on.get("by_kind").get("pim_channel");
        assertEquals(128, pim.get("count").asLong(), "halo: 4 stacks x 32 pseudo-channels");
        double decodeMs = 3 * on.get("tpot_ms").asDouble();
        assertEquals(pim.get("decode_busy_ms").asDouble() / (128 * decodeMs), pim.get("decode_utilisation").asDouble(), 1e-12);
        on.get("by_kind").forEach(k -> assertTrue(k.get("decode_utilisation").asDouble() <= 1 + 1e-9, k.toString()));
        assertEquals(on.get("tpot_ms").asDouble(), off.get("tpot_ms").asDouble(), 0.0, "static power changes no time");
        assertEquals(false, off.get("static_power").asBoolean(true));
        assertFalse(on.has("static_power"));
        double dynamic = on.get("energy").get("prefill").get("dynamic_mj").asDouble()
                + on.get("energy").get("decode").get("dynamic_mj").asDouble();
        assertEquals(dynamic, off.get("energy_mj").asDouble(), 1e-9 * dynamic);
        assertEquals(0, off.get("energy").get("decode").get("static_mj").asDouble(), 0.0);
        assertTrue(on.get("energy").get("decode").get("static_mj").asDouble() > 0);
    }

    @Test
    void decodeSamplesInterpolateExactlyForLinearCosts() {
        assertEquals(List.of(1L, 6L, 10L), LlmRun.samples(10, 3));
        assertEquals(List.of(1L, 2L, 3L), LlmRun.samples(3, 5));
        // v(j) = 2j + 1 at the samples gives the exact sum of 2j + 1 over j = 1..10 = 120
        assertEquals(120.0, LlmRun.sumOverSteps(List.of(1L, 6L, 10L), new double[] {3, 13, 21}), 1e-9);
        JsonNode all = run("a100", "opt-350m", 64, 8, 1, 8);
        JsonNode sampled = run("a100", "opt-350m", 64, 8, 1, 2);
        assertEquals(all.get("tpot_ms").asDouble(), sampled.get("tpot_ms").asDouble(),
                1e-3 * all.get("tpot_ms").asDouble());
    }

    @Test
    void anOversizedKvCacheIsRefusedWithTheNumbers() {
        UserError e = assertThrows(UserError.class, () -> run("a100", "llama-2-7b", 200_000, 1, 4, 2));
        assertTrue(e.getMessage().contains("KV cache"), e.getMessage());
    }

    @Test
    void unknownMappingSuggestsTheClosest() {
        UserError e = assertThrows(UserError.class, () -> MappingPolicies.get("hpim-seral"));
        assertTrue(e.getMessage().contains("did you mean 'hpim-serial'"), e.getMessage());
    }
}
