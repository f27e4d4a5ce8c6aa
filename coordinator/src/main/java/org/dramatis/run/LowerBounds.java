package org.dramatis.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dramatis.components.logic.Program;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpClass;
import org.dramatis.engine.Report;
import org.dramatis.mapping.Machine;

/**
 * The analytic floors of one step, to read the simulated time against: no schedule on this
 * machine can beat any of them.
 *
 * <ul>
 *   <li>{@code memoryPs}: for each kind that holds the weights and KV cache, the bytes its
 *       storage delivers to the step's ops (weights and cache read, cache appended) over the
 *       internal bandwidth of all its units; the largest over kinds.</li>
 *   <li>{@code computePs}: for each kind, the step's matrix MACs on it over the peak MAC/s of all
 *       its units; the largest over kinds.</li>
 *   <li>{@code linkPs}: the busiest link's bytes over its bandwidth (its serialisation time).</li>
 * </ul>
 * Spreading work over the units of a kind perfectly is assumed, so a mapping that leaves units
 * idle shows as a gap between the bound and the simulated time. {@code boundPs} is the highest
 * floor of a step; over several steps, the sum of each step's highest floor.
 */
record LowerBounds(double memoryPs, double computePs, double linkPs, double boundPs, String memoryKind,
                   String computeKind, String busiestLink) {

    static final LowerBounds NONE = new LowerBounds(0, 0, 0, 0, "", "", "");

    /** The floors of a step that ran {@code program} on {@code machine}, its links' traffic from {@code reports}. */
    static LowerBounds of(Program program, Machine machine, List<Report> reports) {
        Map<String, double[]> byKind = new TreeMap<>(); // kind -> {storage bytes, MACs}
        for (Program.Task t : program.tasks()) {
            if (t.isJoin()) continue;
            Machine.Unit u = machine.unitAt(t.target(), t.dst());
            if (u == null) continue;
            Compute op = t.op();
            double[] acc = byKind.computeIfAbsent(u.kind(), k -> new double[2]);
            if (u.traits().holdsWeights()) acc[0] += op.weightBytes() + (op.cls() == OpClass.STORE ? op.inBytes() : 0);
            if (op.cls().isMatrix()) acc[1] += (double) op.m() * op.n() * op.k();
        }
        double memory = 0;
        double compute = 0;
        String memoryKind = "";
        String computeKind = "";
        for (Map.Entry<String, double[]> e : byKind.entrySet()) {
            double bandwidth = 0;
            double macs = 0;
            for (Machine.Unit u : machine.units(e.getKey())) {
                bandwidth += u.params().peakInternalBytesPerSecond();
                macs += u.params().peakMacsPerSecond();
            }
            if (bandwidth > 0 && e.getValue()[0] / bandwidth * 1e12 > memory) {
                memory = e.getValue()[0] / bandwidth * 1e12;
                memoryKind = e.getKey();
            }
            if (macs > 0 && e.getValue()[1] / macs * 1e12 > compute) {
                compute = e.getValue()[1] / macs * 1e12;
                computeKind = e.getKey();
            }
        }
        long link = 0;
        String busiest = "";
        for (Report r : reports) {
            for (Report.LinkReport l : r.links()) {
                if (l.busyPs() > link) {
                    link = l.busyPs();
                    busiest = l.from() + "->" + l.to();
                }
            }
        }
        return new LowerBounds(memory, compute, link, Math.max(memory, Math.max(compute, (double) link)), memoryKind,
                computeKind, busiest);
    }

    /** The floors of steps 1..N from the sampled steps {@code idx}, linear between them ({@link LlmRun#sumOverSteps}). */
    static LowerBounds sumOverSteps(List<Long> idx, List<LowerBounds> steps) {
        double[][] v = new double[4][steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            LowerBounds b = steps.get(i);
            v[0][i] = b.memoryPs;
            v[1][i] = b.computePs;
            v[2][i] = b.linkPs;
            v[3][i] = b.boundPs;
        }
        // what sets each floor is the last step's (the steps of a phase differ in context only)
        LowerBounds last = steps.get(steps.size() - 1);
        return new LowerBounds(LlmRun.sumOverSteps(idx, v[0]), LlmRun.sumOverSteps(idx, v[1]),
                LlmRun.sumOverSteps(idx, v[2]), LlmRun.sumOverSteps(idx, v[3]), last.memoryKind, last.computeKind,
                last.busiestLink);
    }

    /** Which floor is highest: {@code memory}, {@code compute} or {@code link}. */
    String limit() {
        double top = Math.max(memoryPs, Math.max(computePs, linkPs));
        if (top == memoryPs) return "memory";
        return top == computePs ? "compute" : "link";
    }

    /** The floors in ms, the highest, and the simulated time over it (1 = at the floor). */
    void write(ObjectNode o, double simulatedPs, double perSteps) {
        o.put("memory_ms", memoryPs / perSteps / 1e9);
        o.put("compute_ms", computePs / perSteps / 1e9);
        o.put("link_ms", linkPs / perSteps / 1e9);
        o.put("bound_ms", boundPs / perSteps / 1e9);
        o.put("limit", limit());
        // what sets the highest floor: the memory or compute kind, or the busiest link
        String limit = limit();
        o.put("limited_by", limit.equals("memory") ? memoryKind : limit.equals("compute") ? computeKind : busiestLink);
        o.put("simulated_ms", simulatedPs / perSteps / 1e9);
        o.put("ratio", boundPs > 0 ? simulatedPs / boundPs : 0);
    }
}
