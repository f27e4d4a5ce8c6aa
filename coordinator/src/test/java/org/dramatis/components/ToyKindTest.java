package org.dramatis.components;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpUnit;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Context;
import org.dramatis.engine.Stats;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.run.LlmRun;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.workload.ModelConfig;
import org.dramatis.workload.ModelLoader;
import org.dramatis.workload.WorkloadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structure's promise: a new kind of hardware is one class and one registration line. The
 * class below and the {@code register} line in {@link #toyKindRunsAnLlmStep} are all it takes
 * for a topology to name the kind and for an LLM run to place weights, KV cache and attention on it.
 */
class ToyKindTest {

    /** A near-memory unit that streams every operand at one bandwidth: the simplest roofline. */
    public static final class StreamUnit extends OpUnit {
        public record Params(long capacityBytes, double bytesPerSecond) implements ComponentParams {}

        private final Params p;
        private long bytes;

        public StreamUnit(Params p) {
            this.p = p;
        }

        @Override
        public String kind() {
            return "stream_unit";
        }

        @Override
        protected void begin(Context ctx, Compute op) {
            long b = op.weightBytes() + op.inBytes() + op.outBytes();
            bytes += b;
            completeAfter(ctx, (long) Math.ceil(b * 1e12 / p.bytesPerSecond()));
        }

        @Override
        protected void reportModel(Stats stats) {
            stats.count("bytes", bytes);
        }
    }

    private static final String TOPOLOGY = """
            name: toy
            description: a controller, 8 stream units and a vector unit
            mapping: cid-only
            components:
              - name: host
                kind: controller
                params:
                  sram_bytes: {value: 1073741824, source: "test: bounds one task's input + output"}
              - name: su
                kind: stream_unit
                count: 8
                params:
                  capacity_bytes: {value: 4294967296, source: "test: 4 GiB each"}
                  bytes_per_second: {value: 1.0e11, source: "test: 100 GB/s each"}
              - name: vec
                kind: vector_unit
                count: 1
                params:
                  lanes: {value: 16, source: "test"}
            links:
              - name: ch
                from: host.su
                to: su[*].host
                latency_ps: {value: 1000, source: "test"}
                bandwidth_gbps: {value: 1000.0, source: "test"}
                energy_pj_per_bit: {value: 0.0, source: "test"}
              - name: vl
                from: host.vec
                to: vec[*].host
                latency_ps: {value: 1000, source: "test"}
                bandwidth_gbps: {value: 1000.0, source: "test"}
                energy_pj_per_bit: {value: 0.0, source: "test"}
            """;

    @Test
    void toyKindRunsAnLlmStep(@TempDir Path dir) throws Exception {
        ComponentKinds.register("stream_unit", StreamUnit.Params.class, StreamUnit::new,
                Traits.serving(Role.CID).memory());

        Path file = dir.resolve("toy.yaml");
        Files.writeString(file, TOPOLOGY);
        Topology t = TopologyLoader.load(file.toString(), List.of());
        ModelConfig model = ModelLoader.load("opt-350m");
        LlmRun.Request r = new LlmRun.Request(t, model, WorkloadOptions.defaults(), 1, 64, 2,
                MappingPolicies.get(t.defaultMapping()), 2, 1, 1);
        JsonNode s = LlmRun.run(r, msg -> {}).get("simulated");

        JsonNode units = s.get("by_kind").get("stream_unit");
        assertTrue(units != null && units.get("decode_busy_ms").asDouble() > 0, "the stream units ran nothing: " + s);
        // a decode step reads every weight once (the embedding table but for one row): at the
        // eight units' aggregate bandwidth that is a lower bound the step cannot beat
        double weights = 2.0 * (model.parameterCount() - (long) model.vocabSize() * model.hiddenSize());
        double streamMs = weights / (8 * 1e11) * 1e3;
        double tpot = s.get("tpot_ms").asDouble();
        assertTrue(tpot >= streamMs, "tpot " + tpot + " ms beats the weight-streaming bound " + streamMs + " ms");
        // the weights are spread over all eight units (a kind the mapping did not find would
        // fail the run; one it used alone would take eight times the bound): vector work and
        // link latencies add the rest
        assertTrue(tpot < 1.5 * streamMs, "tpot " + tpot + " ms, weight streaming alone " + streamMs + " ms");
    }
}
