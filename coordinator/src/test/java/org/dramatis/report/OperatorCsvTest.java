package org.dramatis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dramatis.engine.Report;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.run.LlmRun;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.workload.HeadGroup;
import org.dramatis.workload.ModelLoader;
import org.dramatis.workload.Operator;
import org.dramatis.workload.OperatorClass;
import org.dramatis.workload.OperatorGraph;
import org.dramatis.workload.Phase;
import org.dramatis.workload.WorkloadOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-operator table holds what the units really charged and computed, for every operator of every simulated step. */
class OperatorCsvTest {

    private static LlmRun.Request request(String topology) {
        Topology t = TopologyLoader.load(topology, List.of());
        // prefill, then decode steps 1 and 3 simulated, step 2 interpolated
        return new LlmRun.Request(t, ModelLoader.load("opt-350m"), WorkloadOptions.defaults(), 1, 16, 3,
                MappingPolicies.get(t.defaultMapping()), 2, 1, 1);
    }

    /** The MACs of a step's matrix operators, from their shapes (a bias adds FLOPs, not MACs). */
    private static long macs(OperatorGraph g) {
        long macs = 0;
        for (Operator o : g.operators()) {
            switch (o.opClass()) {
                case GEMM, GEMV -> macs += o.shape().m() * o.shape().n() * o.shape().k();
                case ATTENTION_SCORE, ATTENTION_VALUE -> macs += o.flops() / 2;
                default -> { }
            }
        }
        return macs;
    }

    /**
     * MACs of one query row over the attended keys, per query head and attention operator: the
     * compiler runs a head's causal (query, key) pairs as whole rows of keys, so a prefill's
     * attention computes up to this much more than its pairs.
     */
    private static long attentionRows(OperatorGraph g) {
        long macs = 0;
        for (Operator o : g.operators()) {
            if (o.opClass() != OperatorClass.ATTENTION_SCORE && o.opClass() != OperatorClass.ATTENTION_VALUE) continue;
            for (HeadGroup hg : o.headGroups()) macs += g.batch() * hg.queryHeads() * hg.keysPerQuery() * g.model().headDim();
        }
        return macs;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2eal", "halo", "hpim", "a100"})
    void eachStepsRowsAddUpToItsUnitsEnergyAndItsOperatorsMacs(String topology, @TempDir Path dir) throws Exception {
        OperatorCsv table = new OperatorCsv();
        List<LlmRun.SimulatedStep> steps = new ArrayList<>();
        String metered = LlmRun.run(request(topology), s -> {}, LlmRun.StepListener.all(table, steps::add))
                .get("simulated").toString();
        assertEquals(LlmRun.run(request(topology), s -> {}).get("simulated").toString(), metered,
                "metering the ops changes nothing simulated");
        Path csv = dir.resolve("ops.csv");
        table.write(csv);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals(OperatorCsv.HEADER, lines.get(0));
        Map<String, List<String[]>> byStep = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(header.size(), f.length, line);
            byStep.computeIfAbsent(f[0] + " " + f[1], k -> new ArrayList<>()).add(f);
        }
        assertEquals(Set.of("prefill 0", "decode 1", "decode 3"), byStep.keySet(), "rows for the simulated steps only");
        int phase = header.indexOf("phase"), context = header.indexOf("context"), layer = header.indexOf("layer");
        int name = header.indexOf("operator"), index = header.indexOf("operator_index");
        int issue = header.indexOf("issue_ps"), start = header.indexOf("start_ps"), end = header.indexOf("end_ps");
        int done = header.indexOf("done_ps"), macs = header.indexOf("macs"), energy = header.indexOf("energy_pj");
        int ctl = header.indexOf("controller_energy_pj"), kind = header.indexOf("unit_kind");
        for (LlmRun.SimulatedStep step : steps) {
            List<String[]> rows = byStep.get(step.phase().name().toLowerCase() + " " + step.index());
            Set<String> unitKinds = step.machine().all().keySet();
            double units = 0, controller = 0, movement = 0;
            for (Report r : step.result().reports()) {
                double dynamic = r.stats().totalEnergyPj() - r.stats().staticEnergyPj();
                if (unitKinds.contains(r.kind())) units += dynamic;
                else if (r.name().equals(step.machine().controller().path())) controller += dynamic;
                else movement += dynamic;
                for (Report.LinkReport l : r.links()) movement += l.energyPj();
            }
            double rowEnergy = 0, rowController = 0, rowMovement = 0;
            long rowMacs = 0;
            Set<Integer> operators = new TreeSet<>();
            for (String[] f : rows) {
                if (f[name].equals(OperatorCsv.DATA_MOVEMENT)) {
                    assertEquals("-1", f[index]);
                    rowMovement += Double.parseDouble(f[energy]);
                    continue;
                }
                Operator op = step.operators().operators().get(Integer.parseInt(f[index]));
                assertEquals(String.valueOf(op.layer()), f[layer]);
                assertEquals(op.name(), f[name]);
                assertEquals(String.valueOf(step.operators().context()), f[context]);
                assertTrue(unitKinds.contains(f[kind]), f[kind]);
                long is = Long.parseLong(f[issue]), s = Long.parseLong(f[start]), e = Long.parseLong(f[end]);
                assertTrue(is <= s && s <= e && e <= Long.parseLong(f[done]), String.join(",", f));
                rowEnergy += Double.parseDouble(f[energy]);
                rowController += Double.parseDouble(f[ctl]);
                rowMacs += Long.parseLong(f[macs]);
                operators.add(Integer.parseInt(f[index]));
            }
            String where = topology + ", " + step.name();
            assertTrue(units > 0 && controller > 0, where);
            assertEquals(units, rowEnergy, 1e-9 * units, where + ": the rows' energy is the units' dynamic energy");
            assertEquals(controller, rowController, 1e-9 * controller, where + ": and the controller's");
            // (the GPU's command link carries no data: a100's movement is nil)
            assertTrue(movement > 0 || topology.equals("a100"), where);
            assertEquals(movement, rowMovement, 1e-9 * movement, where + ": the data-movement rows, the links' and switches'");
            long graphMacs = macs(step.operators());
            if (step.phase() == Phase.DECODE) {
                assertEquals(graphMacs, rowMacs, where + ": the rows' MACs are the operators'");
            } else {
                assertTrue(rowMacs >= graphMacs && rowMacs < graphMacs + attentionRows(step.operators()),
                        where + ": the rows' MACs are the operators', rounded up to whole query rows: " + rowMacs
                                + " vs " + graphMacs);
            }
            assertEquals(step.operators().operators().size(), operators.size(), where + ": every operator has a row");
            assertTrue(rows.stream().allMatch(f -> f[phase].equals(step.phase().name().toLowerCase())), where);
        }
    }
}
