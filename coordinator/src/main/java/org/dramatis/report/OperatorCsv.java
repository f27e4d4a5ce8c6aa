package org.dramatis.report;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dramatis.common.Outputs;
import org.dramatis.components.logic.Controller;
import org.dramatis.components.logic.Program;
import org.dramatis.components.ops.Compute;
import org.dramatis.engine.Report;
import org.dramatis.engine.SimResult;
import org.dramatis.mapping.Machine;
import org.dramatis.run.LlmRun;
import org.dramatis.workload.Operator;

/**
 * The per-operator table of a run ({@code run --ops}), as CSV: one row per simulated step,
 * operator and kind of unit that served part of it (a matrix op on CiM tiles and its partial
 * sums on vector units are two rows), with what its tasks moved and computed, when they ran,
 * and the energy they were charged. Steps that were interpolated have no rows.
 *
 * <p>{@code energy_pj} is the dynamic energy the units charged for the tasks (metered per op,
 * {@link org.dramatis.components.ops.OpUnit#meterOps}), {@code controller_energy_pj} what issuing
 * them cost the controller. Data movement, whose energy is per transfer and not per task, has a row
 * per kind and step ({@value #DATA_MOVEMENT}, operator index -1, layer -1: links with the bytes they
 * carried, routers, crossbars), so that a step's rows add up to its whole dynamic energy. Not in any
 * row: static energy.
 */
public final class OperatorCsv implements LlmRun.StepListener {

    static final String HEADER = "phase,step,context,layer,operator,operator_index,unit_kind,tasks,units,"
            + "issue_ps,start_ps,end_ps,done_ps,bytes,weight_bytes,in_bytes,out_bytes,macs,energy_pj,controller_energy_pj";

    /** The tasks of one operator on one kind of unit. */
    private static final class Row {
        final Set<Machine.Place> units = new HashSet<>();
        long tasks, weightBytes, inBytes, outBytes, macs;
        long issuePs = Long.MAX_VALUE, startPs = Long.MAX_VALUE, endPs = Long.MIN_VALUE, donePs = Long.MIN_VALUE;
        double energyPj, controllerPj;

        void add(Controller.Served s, Machine.Place unit) {
            Compute op = s.task().op();
            units.add(unit);
            tasks++;
            weightBytes += op.weightBytes();
            inBytes += op.inBytes();
            outBytes += op.outBytes();
            if (op.cls().isMatrix()) macs += op.macs();
            issuePs = Math.min(issuePs, s.issuedPs());
            startPs = Math.min(startPs, s.startPs());
            endPs = Math.max(endPs, s.endPs());
            donePs = Math.max(donePs, s.donePs());
            energyPj += s.unitPj();
            controllerPj += s.issuePj();
        }
    }

    /** The operator name of the rows of data movement. */
    static final String DATA_MOVEMENT = "(data movement)";

    private final StringBuilder csv = new StringBuilder(HEADER).append('\n');

    @Override
    public boolean metersOps() {
        return true;
    }

    @Override
    public void step(LlmRun.SimulatedStep step) {
        // by operator index, then unit kind
        Map<Integer, Map<String, Row>> rows = new TreeMap<>();
        for (Controller.Served s : step.controller().served()) {
            Program.Task t = s.task();
            if (t.group() < 0) throw new IllegalStateException("task of op " + t.op().opId() + " belongs to no operator");
            Machine.Unit unit = step.machine().unitAt(t.target(), t.dst());
            if (unit == null) throw new IllegalStateException("task of op " + t.op().opId() + " went to no unit of the machine");
            rows.computeIfAbsent(t.group(), g -> new TreeMap<>()).computeIfAbsent(unit.kind(), k -> new Row())
                    .add(s, new Machine.Place(t.target(), t.dst()));
        }
        String prefix = step.phase().name().toLowerCase() + "," + step.index() + "," + step.operators().context() + ",";
        for (Map.Entry<Integer, Map<String, Row>> byOp : rows.entrySet()) {
            Operator op = step.operators().operators().get(byOp.getKey());
            for (Map.Entry<String, Row> e : byOp.getValue().entrySet()) {
                Row r = e.getValue();
                csv.append(prefix).append(op.layer()).append(',').append(op.name()).append(',').append(byOp.getKey())
                        .append(',').append(e.getKey()).append(',').append(r.tasks).append(',').append(r.units.size())
                        .append(',').append(r.issuePs).append(',').append(r.startPs).append(',').append(r.endPs)
                        .append(',').append(r.donePs).append(',').append(r.weightBytes + r.inBytes + r.outBytes)
                        .append(',').append(r.weightBytes).append(',').append(r.inBytes).append(',').append(r.outBytes)
                        .append(',').append(r.macs).append(',').append(r.energyPj).append(',').append(r.controllerPj)
                        .append('\n');
            }
        }
        Set<String> served = new HashSet<>(step.machine().all().keySet());
        served.add(step.machine().controller().kind().name());
        long linkBytes = 0;
        for (Report r : step.result().reports()) for (Report.LinkReport l : r.links()) linkBytes += l.bytes();
        long end = step.result().endTimePs();
        for (Map.Entry<String, SimResult.KindTotals> k : step.result().byKind().entrySet()) {
            if (served.contains(k.getKey())) continue;
            long bytes = k.getKey().equals("link") ? linkBytes : 0;
            csv.append(prefix).append(Operator.NO_LAYER).append(',').append(DATA_MOVEMENT).append(",-1,").append(k.getKey())
                    .append(",0,").append(k.getValue().count()).append(",0,0,").append(end).append(',').append(end)
                    .append(',').append(bytes).append(",0,0,0,0,").append(k.getValue().dynamicPj()).append(",0.0\n");
        }
    }

    /** The table so far, header first. */
    public String text() {
        return csv.toString();
    }

    public void write(Path out) {
        Outputs.writeText(out, text());
    }
}
