package org.dramatis.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dramatis.common.UserError;
import org.dramatis.components.logic.Program;
import org.dramatis.run.LlmRun;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.workload.ModelLoader;
import org.dramatis.workload.Operator;
import org.dramatis.workload.OperatorGraph;
import org.dramatis.workload.OperatorGraphs;
import org.dramatis.workload.WorkloadOptions;
import org.junit.jupiter.api.Test;

/** Tensor and pipeline splits over CENT's 8 devices ({@code cid-only,tp=N,pp=M}). */
class ParallelismTest {

    static final Topology CENT = TopologyLoader.load("cent", List.of());

    static OperatorGraph decode() {
        return OperatorGraphs.decode(ModelLoader.load("llama-2-7b"), WorkloadOptions.defaults(), 1, 512);
    }

    /** The devices each layer's tasks run on (the embedding is layer -1), by task target and address. */
    static Map<Integer, Set<String>> devicesByLayer(String mapping) {
        Machine m = Machine.of(CENT);
        Map<String, String> deviceOf = new HashMap<>();
        for (List<Machine.Unit> units : m.all().values()) {
            for (Machine.Unit u : units) deviceOf.put(u.port() + u.dst(), u.device());
        }
        OperatorGraph g = decode();
        Program p = Compiler.compile(g, m, MappingPolicies.get(mapping));
        Map<Integer, Set<String>> byLayer = new TreeMap<>();
        for (Program.Task t : p.tasks()) {
            if (t.isJoin()) continue;
            Operator op = g.operators().get(t.group());
            int layer = op.layer() != Operator.NO_LAYER ? op.layer() : op.name().equals("embed_tokens") ? -1 : 99;
            byLayer.computeIfAbsent(layer, k -> new TreeSet<>()).add(deviceOf.get(t.target() + t.dst()));
        }
        return byLayer;
    }

    @Test
    void eightStagesPutFourLayersOnEachDevice() {
        Map<Integer, Set<String>> byLayer = devicesByLayer("cid-only,pp=8");
        for (int l = 0; l < 32; l++) assertEquals(Set.of("dev[" + l / 4 + "]"), byLayer.get(l), "layer " + l);
        assertEquals(Set.of("dev[0]"), byLayer.get(-1), "the embedding on the first stage");
        assertEquals(Set.of("dev[7]"), byLayer.get(99), "the model head on the last");
    }

    @Test
    void twoStagesOfFourDevicesSplitEachLayerOverFour() {
        Map<Integer, Set<String>> byLayer = devicesByLayer("cid-only,tp=4,pp=2");
        assertEquals(Set.of("dev[0]", "dev[1]", "dev[2]", "dev[3]"), byLayer.get(15));
        assertEquals(Set.of("dev[4]", "dev[5]", "dev[6]", "dev[7]"), byLayer.get(16));
        // tp alone implies the stages, and the whole machine is the default
        assertEquals(byLayer, devicesByLayer("cid-only,tp=4"));
        assertEquals(8, devicesByLayer("cid-only").get(0).size());
    }

    @Test
    void aSplitThatDoesNotCoverTheDevicesIsRefused() {
        UserError e = assertThrows(UserError.class, () -> devicesByLayer("cid-only,tp=3"));
        assertTrue(e.getMessage().contains("tp x pp must equal the machine's 8 devices, got tp 3 and pp unset"),
                e.getMessage());
        e = assertThrows(UserError.class, () -> MappingPolicies.get("cid-only,dp=2"));
        assertTrue(e.getMessage().contains("'dp=2' is not an option; options: tp=N"), e.getMessage());
        e = assertThrows(UserError.class, () -> MappingPolicies.get("cid-only,pp=2,pp=4"));
        assertTrue(e.getMessage().contains("pp is given twice"), e.getMessage());
        e = assertThrows(UserError.class, () -> MappingPolicies.get("cid-only,pp=0"));
        assertTrue(e.getMessage().contains("'pp=0' is not an option"), e.getMessage());
    }

    /**
     * One sequence goes through the stages one after another, so a pipeline adds no parallel work:
     * each layer's GEMVs run on an eighth of the channels, and a decode step takes longer. The
     * run reports the split it used.
     */
    @Test
    void aPipelineOfOneSequenceIsSlowerThanTheWholeMachine() {
        ObjectNode whole = run("cid-only");
        ObjectNode pipeline = run("cid-only,pp=8");
        assertEquals(8, whole.get("tp").asInt());
        assertEquals(1, whole.get("pp").asInt());
        assertEquals("cid-only,pp=8", pipeline.get("mapping").asText());
        assertEquals(1, pipeline.get("tp").asInt());
        assertEquals(8, pipeline.get("pp").asInt());
        double ratio = pipeline.get("tpot_ms").asDouble() / whole.get("tpot_ms").asDouble();
        assertTrue(ratio > 1.5, "pp=8 / tp=8 token time " + ratio);
        // each device's average power: its parts and the links they drive; the host controller and
        // its own links are the rest of the machine's
        JsonNode byDevice = whole.get("power_w").get("by_device");
        assertEquals(8, byDevice.size());
        double sum = 0;
        for (JsonNode d : byDevice) sum += d.get("decode").asDouble();
        double machine = whole.get("power_w").get("decode").asDouble();
        assertTrue(sum < machine && sum > 0.9 * machine, sum + " W of the devices, " + machine + " W in all");
    }

    /**
     * Eight sequences on eight stages go as eight micro-batches, each stage taking them in turn:
     * the step ends (m - 1) slowest-stage times after one micro-batch alone would, between
     * (m + pp - 1) / pp and m times a single sequence's step (equal stages give the first; without
     * the pipeline the stages' units would share out the micro-batches and move them in lockstep,
     * 4.2x here). Fewer sequences than stages make fewer micro-batches.
     */
    @Test
    void microBatchesFlowThroughThePipelineStages() {
        double one = run("cid-only,pp=8", 1).get("tpot_ms").asDouble();
        double two = run("cid-only,pp=8", 2).get("tpot_ms").asDouble();
        double eight = run("cid-only,pp=8", 8).get("tpot_ms").asDouble();
        assertTrue(two >= one * 9 / 8 && two < one * 9 / 8 * 1.05, "2 micro-batches: " + two / one + " x one");
        assertTrue(eight >= one * 15 / 8 && eight < one * 15 / 8 * 1.10, "8 micro-batches: " + eight / one + " x one");
        // one stage: the batch is one micro-batch (its GEMMs re-stream the weights per input vector)
        assertTrue(run("cid-only", 8).get("tpot_ms").asDouble() > 3 * run("cid-only", 1).get("tpot_ms").asDouble());
    }

    static ObjectNode run(String mapping) {
        return run(mapping, 1);
    }

    static ObjectNode run(String mapping, int batch) {
        LlmRun.Request r = new LlmRun.Request(CENT, ModelLoader.load("llama-2-7b"), WorkloadOptions.defaults(), batch,
                512, 1, MappingPolicies.get(mapping), 1, 1, 1, false);
        return (ObjectNode) LlmRun.run(r, s -> {}).get("simulated");
    }
}
