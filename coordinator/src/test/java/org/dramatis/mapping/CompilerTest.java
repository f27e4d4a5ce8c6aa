package org.dramatis.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dramatis.common.UserError;
import org.dramatis.components.logic.Program;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.workload.ModelLoader;
import org.dramatis.workload.OperatorGraph;
import org.dramatis.workload.OperatorGraphs;
import org.dramatis.workload.WorkloadOptions;
import org.junit.jupiter.api.Test;

/** Placement rules of the compiler on the h2eal machine (256 hybrid-bonded units behind a mesh). */
class CompilerTest {

    static final Topology H2EAL = TopologyLoader.load("h2eal", List.of());

    static OperatorGraph decode(long context) {
        return OperatorGraphs.decode(ModelLoader.load("llama-3-8b"), WorkloadOptions.defaults(), 1, context);
    }

    @Test
    void pinnedHeadsOfSuccessiveLayersGoToSuccessiveUnits() {
        OperatorGraph g = decode(4096);
        Program p = Compiler.compile(g, Machine.of(H2EAL), MappingPolicies.get("hb-head-parallel"));
        Map<Integer, Set<String>> unitsByLayer = new TreeMap<>();
        Set<String> all = new TreeSet<>();
        for (Program.Task t : p.tasks()) {
            if (!"attn_score".equals(t.label())) continue;
            String unit = t.target() + t.dst();
            unitsByLayer.computeIfAbsent(g.operators().get(t.group()).layer(), k -> new TreeSet<>()).add(unit);
            all.add(unit);
        }
        // Llama-3-8B: 8 KV heads per layer, each on one unit; 32 layers x 8 heads = 256 units, one cache each
        assertEquals(32, unitsByLayer.size());
        unitsByLayer.values().forEach(units -> assertEquals(8, units.size()));
        assertEquals(256, all.size(), "no unit holds the caches of two (layer, head) pairs");
    }

    /**
     * Page-interleaved heads: Llama-3-8B's 8 KV heads over 256 units, 32 units a head. Each head's
     * partial results are merged as soon as its 32 units are done, the 8 merges of a layer dealt
     * over the 4 vector units: none merges every head.
     */
    @Test
    void splitHeadsAreMergedPerBlockOfUnitsOnEveryVectorUnit() {
        OperatorGraph g = decode(4096);
        Program p = Compiler.compile(g, Machine.of(H2EAL), MappingPolicies.get("h2eal"));
        Map<Integer, List<Program.Task>> mergesByLayer = new TreeMap<>();
        for (Program.Task t : p.tasks()) {
            if ("attn_value".equals(t.label()) && !t.isJoin()
                    && t.op().cls() == org.dramatis.components.ops.OpClass.MIN_MAX) {
                mergesByLayer.computeIfAbsent(g.operators().get(t.group()).layer(), k -> new java.util.ArrayList<>()).add(t);
            }
        }
        assertEquals(32, mergesByLayer.size());
        for (List<Program.Task> merges : mergesByLayer.values()) {
            assertEquals(8, merges.size(), "one merge per head");
            assertEquals(4, merges.stream().map(t -> t.target() + t.dst()).distinct().count(), "on every vector unit");
            Set<String> seen = new TreeSet<>();
            long values = 0;
            for (Program.Task m : merges) {
                Set<String> units = new TreeSet<>();
                for (int d : m.deps()) units.add(p.tasks().get(d).target() + p.tasks().get(d).dst());
                assertEquals(32, units.size(), "a merge waits for its head's 32 units only");
                units.forEach(u -> assertTrue(seen.add(u), "blocks are disjoint: " + u));
                values += m.op().n();
            }
            // each of the 256 pieces gives 4 query heads x 128 values to rescale and add
            assertEquals(256L * 4 * 128, values);
        }
    }

    @Test
    void pinnedCachesThatOverflowAUnitAreRefused() {
        // one KV head of one layer at 1M tokens: 2^20 x 128 x 2 (K, V) x 2 B = 512 MiB, a unit's bank holds 256 MB
        UserError e = assertThrows(UserError.class,
                () -> Compiler.compile(decode(1L << 20), Machine.of(H2EAL), MappingPolicies.get("hb-head-parallel")));
        assertTrue(e.getMessage().contains("pins each KV head to one hb_unit") && e.getMessage().contains("536870912"),
                e.getMessage());
        // the page-interleaved h2eal mapping spreads the same cache and compiles
        assertTrue(Compiler.compile(decode(1L << 20), Machine.of(H2EAL), MappingPolicies.get("h2eal")).size() > 0);
    }
}
