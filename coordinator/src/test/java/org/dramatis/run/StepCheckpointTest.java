package org.dramatis.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dramatis.engine.Graph;
import org.dramatis.engine.Partition;
import org.dramatis.engine.Partitioning;
import org.dramatis.engine.SimResult;
import org.dramatis.mapping.Machine;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.workload.ModelConfig;
import org.dramatis.workload.ModelLoader;
import org.dramatis.workload.OperatorGraph;
import org.dramatis.workload.OperatorGraphs;
import org.dramatis.workload.WorkloadOptions;
import org.dramatis.wire.KryoCodec;
import org.junit.jupiter.api.Test;

/**
 * A compiled LLM step on each shipped machine survives a checkpoint: the step runs to a point
 * in its middle, its state goes through Kryo into the step compiled afresh, and the rest of the
 * run gives the uninterrupted result. Together the machines hold every kind the mappings use.
 */
class StepCheckpointTest {

    static final ModelConfig MODEL = ModelLoader.load("opt-350m");

    /** The step's graph, compiled as every cluster node compiles it. */
    static Graph step(Topology t, boolean prefill) {
        OperatorGraph g = prefill ? OperatorGraphs.prefill(MODEL, WorkloadOptions.defaults(), 1, 64)
                : OperatorGraphs.decode(MODEL, WorkloadOptions.defaults(), 1, 256);
        return LlmRun.graph(t, Machine.of(t), g, MappingPolicies.get(t.defaultMapping()));
    }

    /** The whole graph as one partition, run to {@code untilPs}. */
    static Partition runTo(Graph g, long untilPs) {
        Partition p = new Partition(0, g, Partitioning.contiguous(g, 1));
        p.start();
        p.runUntil(untilPs);
        return p;
    }

    static String result(Partition p) {
        return SimResult.of(p.lastEventTime(), p.events(), p.report(p.lastEventTime()), true, null).simulatedJson();
    }

    @Test
    void aCheckpointLeavesTheCompiledProgramOut() {
        // every node compiles the program from the job, so a checkpoint carries the run state only
        Topology t = TopologyLoader.load("hpim", List.of());
        Partition first = runTo(step(t, true), runTo(step(t, true), Long.MAX_VALUE).lastEventTime() / 2);
        int saved = KryoCodec.SHARED.encode(first.snapshot()).length;
        int program = KryoCodec.SHARED.encode(org.dramatis.mapping.Compiler.compile(
                OperatorGraphs.prefill(MODEL, WorkloadOptions.defaults(), 1, 64), Machine.of(t),
                MappingPolicies.get(t.defaultMapping()))).length;
        assertTrue(saved < program, "snapshot " + saved + " bytes, the program alone " + program);
    }

    @Test
    void everyShippedMachineResumesAStepFromACheckpoint() {
        Set<String> kinds = new TreeSet<>();
        // HALO runs prefill on its CiM tiles and decode on its PIM channels; the others use their units in decode
        for (String step : List.of("halo prefill", "halo decode", "h2eal decode", "hpim decode", "attacc decode",
                "cent decode")) {
            Topology t = TopologyLoader.load(step.split(" ")[0], List.of());
            boolean prefill = step.endsWith("prefill");
            Graph g = step(t, prefill);
            for (int c = 0; c < g.size(); c++) kinds.add(g.component(c).kind());
            Partition whole = runTo(g, Long.MAX_VALUE);
            Partition first = runTo(step(t, prefill), whole.lastEventTime() / 2);
            assertTrue(first.events() > 0 && first.events() < whole.events(), step + ": the checkpoint falls mid-step");
            byte[] saved = KryoCodec.SHARED.encode(first.snapshot());
            Graph fresh = step(t, prefill);
            Partition resumed = new Partition(0, fresh, Partitioning.contiguous(fresh, 1));
            resumed.restore((Partition.Snapshot) KryoCodec.SHARED.decode(saved));
            resumed.runUntil(Long.MAX_VALUE);
            assertEquals(result(whole), result(resumed), step + ", resumed at half time");
        }
        assertTrue(kinds.containsAll(Set.of("controller", "router", "cim_tile", "vector_unit", "gpu", "hb_unit",
                "sram_pim_core", "pim_channel")), "kinds covered: " + kinds);
    }
}
