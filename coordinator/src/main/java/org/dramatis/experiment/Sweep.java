package org.dramatis.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dramatis.common.Outputs;
import org.dramatis.common.UserError;
import org.dramatis.common.Version;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.workload.ModelLoader;

/**
 * Runs points, each independently, on a pool of worker threads. Every finished point is written
 * at once to {@code points/<id>.json}, and a point whose file already holds a successful result
 * for the same description and the same {@link #inputs inputs} is not run again, so an
 * interrupted sweep resumes where it stopped, and an edited topology or model file, or another
 * Dramatis version, runs the point afresh.
 */
public final class Sweep {

    /** The result of one point: {@code ok} with the run's result, or {@code failed} with the message. */
    public record Outcome(Point point, boolean ok, String error, JsonNode simulated, JsonNode host, boolean reused) {
        public double metric(String key) {
            return ok && simulated.has(key) ? simulated.get(key).asDouble() : Double.NaN;
        }
    }

    private Sweep() {}

    /**
     * Runs the points (duplicates once) and returns their outcomes by id, in first-seen order.
     * {@code dir} may be null (nothing written, nothing resumed).
     */
    public static Map<String, Outcome> run(List<Point> points, Path dir, int jobs, Function<Point, ObjectNode> runner,
                                           Consumer<String> progress) {
        if (jobs < 1) throw new UserError("--jobs must be >= 1, got " + jobs);
        Map<String, Point> unique = new LinkedHashMap<>();
        for (Point p : points) unique.putIfAbsent(p.id(), p);
        Map<String, Outcome> out = new LinkedHashMap<>();
        List<Point> todo = new ArrayList<>();
        for (Map.Entry<String, Point> e : unique.entrySet()) {
            Outcome done = dir == null ? null : finished(dir, e.getValue(), inputs(e.getValue()));
            out.put(e.getKey(), done);
            if (done == null) todo.add(e.getValue());
        }
        if (out.size() > todo.size()) progress.accept((out.size() - todo.size()) + " of " + out.size() + " points already done");
        AtomicInteger count = new AtomicInteger(out.size() - todo.size());
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Point p : todo) {
                futures.add(pool.submit(() -> {
                    Outcome o = runOne(p, runner);
                    if (dir != null) Outputs.writeJson(file(dir, p), toJson(o, inputs(p)));
                    progress.accept(String.format("%d/%d %s: %s", count.incrementAndGet(), out.size(), p.description(),
                            o.ok() ? String.format("TTFT %.3f ms, TPOT %.3f ms", o.metric("ttft_ms"), o.metric("tpot_ms"))
                                    : "failed: " + o.error()));
                    return o;
                }));
            }
            for (int i = 0; i < todo.size(); i++) out.put(todo.get(i).id(), futures.get(i).get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    static Outcome runOne(Point p, Function<Point, ObjectNode> runner) {
        try {
            ObjectNode r = runner.apply(p);
            return new Outcome(p, true, null, r.get("simulated"), r.get("host"), false);
        } catch (UserError e) {
            return new Outcome(p, false, e.getMessage(), null, null, false);
        }
    }

    static Path file(Path dir, Point p) {
        return dir.resolve("points").resolve(p.id() + ".json");
    }

    /**
     * What a point's result depends on besides its description: the text of its topology file and
     * model config, and the Dramatis version and code (SHA-256, hex).
     */
    static String inputs(Point p) {
        return Point.sha256(Version.dramatis() + "\n" + Version.codeDigest() + "\n"
                + TopologyLoader.read(p.topology()).text() + "\n" + ModelLoader.text(p.model()));
    }

    /** The stored successful outcome of this point for these inputs, or null. */
    static Outcome finished(Path dir, Point p, String inputs) {
        Path f = file(dir, p);
        if (!Files.isRegularFile(f)) return null;
        try {
            JsonNode j = Outputs.JSON.readTree(f.toFile());
            if (!p.description().equals(j.path("description").asText()) || !"ok".equals(j.path("status").asText())
                    || !inputs.equals(j.path("inputs").asText())) {
                return null;
            }
            return new Outcome(p, true, null, j.get("simulated"), j.get("host"), true);
        } catch (IOException e) {
            return null; // unreadable: run the point again and overwrite the file
        }
    }

    static ObjectNode toJson(Outcome o, String inputs) {
        ObjectNode j = Outputs.JSON.createObjectNode();
        j.put("id", o.point().id());
        j.put("description", o.point().description());
        j.put("inputs", inputs);
        ObjectNode pt = j.putObject("point");
        o.point().values().forEach(pt::put);
        j.put("status", o.ok() ? "ok" : "failed");
        if (o.ok()) {
            j.set("simulated", o.simulated());
            j.set("host", o.host());
        } else {
            j.put("error", o.error());
        }
        return j;
    }
}
