package org.dramatis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dramatis.common.Outputs;
import org.dramatis.components.logic.Controller;
import org.dramatis.mapping.Machine;
import org.dramatis.run.LlmRun;

/**
 * A timeline in the Chrome / Perfetto trace-event JSON format: one process per simulated step,
 * one track per unit, one complete ("X") event per task served, and a power counter track per
 * step: the power of each unit kind in {@link #POWER_BINS} equal bins of the step, each task's
 * energy spread evenly over its service interval, plus the kind's static power (links, whose
 * energy is per transfer, are left out). Bounded: each step keeps at most
 * {@link LlmRun.StepListener#MAX_SLICES_PER_STEP} slices (sampled evenly).
 */
public final class Timeline implements LlmRun.StepListener {

    /** Bins of a step's power track. */
    static final int POWER_BINS = 200;

    private final ObjectNode root = Outputs.JSON.createObjectNode();
    private final ArrayNode events = root.putArray("traceEvents");
    private int pid;

    /** The power track needs each task's energy. */
    @Override
    public boolean metersOps() {
        return true;
    }

    @Override
    public void step(LlmRun.SimulatedStep step) {
        add(step.name(), step.controller().timeline(MAX_SLICES_PER_STEP));
        power(step);
    }

    /** One counter event per bin: the watts of every unit kind (and the controller's issue work). */
    private void power(LlmRun.SimulatedStep step) {
        long end = step.result().endTimePs();
        long width = Math.max(1, (end + POWER_BINS - 1) / POWER_BINS);
        Map<String, double[]> pj = new TreeMap<>();
        String controller = "controller";
        for (Controller.Served s : step.controller().served()) {
            Machine.Unit unit = step.machine().unitAt(s.task().target(), s.task().dst());
            String kind = unit == null ? "unit" : unit.kind();
            spread(pj.computeIfAbsent(kind, k -> new double[POWER_BINS]), s.startPs(), s.endPs(), s.unitPj(), width);
            spread(pj.computeIfAbsent(controller, k -> new double[POWER_BINS]), s.issuedPs(), s.issuedPs(), s.issuePj(), width);
        }
        Map<String, Double> staticW = new TreeMap<>();
        step.result().byKind().forEach((kind, t) -> {
            if (!kind.equals("link") && end > 0) staticW.put(kind, t.staticPj() / end);
        });
        for (int b = 0; b < POWER_BINS && (long) b * width < Math.max(1, end); b++) {
            ObjectNode e = events.addObject();
            e.put("name", "power (W)").put("ph", "C").put("pid", pid).put("ts", (double) b * width / 1e6);
            ObjectNode args = e.putObject("args");
            TreeMap<String, Double> w = new TreeMap<>(staticW);
            for (Map.Entry<String, double[]> k : pj.entrySet()) w.merge(k.getKey(), k.getValue()[b] / width, Double::sum);
            w.forEach(args::put);
        }
    }

    /**
     * Adds {@code energyPj} spread evenly over [from, to) to the bins of {@code width} ps it
     * overlaps (all of it into one bin for an instant), so that the bins sum to it.
     */
    static void spread(double[] bins, long from, long to, double energyPj, long width) {
        int last = bins.length - 1;
        if (to <= from) {
            bins[(int) Math.min(last, from / width)] += energyPj;
            return;
        }
        for (long b = from / width; b * width < to; b++) {
            long overlap = Math.min(to, (b + 1) * width) - Math.max(from, b * width);
            bins[(int) Math.min(last, b)] += energyPj * overlap / (to - from);
        }
    }

    /** Adds one step's slices as a process named {@code step}. */
    private void add(String step, List<Controller.Slice> slices) {
        pid++;
        ObjectNode meta = events.addObject();
        meta.put("name", "process_name").put("ph", "M").put("pid", pid);
        meta.putObject("args").put("name", step);
        Map<String, Integer> tracks = new LinkedHashMap<>();
        for (Controller.Slice s : slices) {
            Integer tid = tracks.get(s.unit());
            if (tid == null) {
                tid = tracks.size() + 1;
                tracks.put(s.unit(), tid);
                ObjectNode t = events.addObject();
                t.put("name", "thread_name").put("ph", "M").put("pid", pid).put("tid", tid);
                t.putObject("args").put("name", s.unit());
            }
            ObjectNode e = events.addObject();
            e.put("name", s.label()).put("ph", "X").put("pid", pid).put("tid", tid)
                    .put("ts", s.startPs() / 1e6).put("dur", (s.endPs() - s.startPs()) / 1e6);
        }
    }

    /** Writes the timeline compactly (no indentation); gzip-compressed when the name ends in {@code .gz}. */
    public void write(Path out) {
        root.put("displayTimeUnit", "ns");
        try {
            byte[] json = COMPACT.writeValueAsBytes(root);
            if (!out.toString().endsWith(".gz")) {
                Outputs.writeBytes(out, json);
                return;
            }
            java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream(json.length / 8 + 64);
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
                gz.write(json);
            }
            Outputs.writeBytes(out, zipped.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper COMPACT = new com.fasterxml.jackson.databind.ObjectMapper();
}
