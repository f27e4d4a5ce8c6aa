package org.dramatis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dramatis.common.Outputs;
import org.dramatis.components.logic.Controller;
import org.dramatis.run.LlmRun;

/**
 * A timeline in the Chrome / Perfetto trace-event JSON format: one process per simulated step,
 * one track per unit, one complete ("X") event per task served. Bounded: each step keeps at most
 * {@link LlmRun.StepListener#MAX_SLICES_PER_STEP} slices (sampled evenly).
 */
public final class Timeline implements LlmRun.StepListener {

    private final ObjectNode root = Outputs.JSON.createObjectNode();
    private final ArrayNode events = root.putArray("traceEvents");
    private int pid;

    @Override
    public void step(LlmRun.SimulatedStep step) {
        add(step.name(), step.controller().timeline(MAX_SLICES_PER_STEP));
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
