package org.dramatis.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dramatis.common.Outputs;
import org.dramatis.common.Version;
import org.dramatis.experiment.Comparison;
import org.dramatis.experiment.Experiment;
import org.dramatis.experiment.ExperimentRun;
import org.dramatis.experiment.Point;
import org.dramatis.experiment.Sweep;
import org.dramatis.topology.TopologyLoader;

/**
 * The files of a finished sweep: {@code results.csv} (one row per point), {@code report.md}
 * (method with every topology parameter and its source, results, comparison, sensitivity,
 * plots) and {@code plots/*.png|svg}.
 */
public final class SweepReport {

    /** Columns of results.csv, in order; the names are stable so that scripts can rely on them. */
    public static final List<String> COLUMNS = List.of("id", "study", "status", "topology", "model", "mapping",
            "attention", "prompt", "generate", "batch", "sets", "decode_samples", "ttft_ms", "tpot_ms", "tpot_first_ms",
            "tpot_last_ms", "total_ms", "energy_mj", "prefill_energy_mj", "decode_energy_mj", "energy_per_token_mj",
            "weight_bytes", "kv_cache_bytes", "events", "wall_time_s", "error");
    private static final List<String> SWEEP_AXES = List.of("prompt", "generate", "batch");
    private static final List<String> LINE_METRICS = List.of("ttft_ms", "tpot_ms", "energy_per_token_mj");
    private static final int STACK_SERIES = 8;
    /** Axis titles in words, with units. */
    private static final Map<String, String> METRIC_WORDS = Map.of("ttft_ms", "time to first token (ms)",
            "tpot_ms", "time per output token (ms)", "energy_per_token_mj", "energy per generated token (mJ)");
    private static final Map<String, String> AXIS_WORDS = Map.of("prompt", "prompt length (tokens)",
            "generate", "tokens generated", "batch", "batch (sequences)");

    private final Experiment exp;
    private final List<Sweep.Outcome> grid;
    private final List<List<Sweep.Outcome>> sensitivity;
    private final List<List<Sweep.Outcome>> ablations;
    private final List<Sweep.Outcome> asBuilt;
    private final List<String> labelKeys;

    public SweepReport(ExperimentRun run) {
        this.exp = run.experiment();
        this.grid = run.grid();
        this.sensitivity = run.sensitivity();
        this.ablations = run.ablations();
        this.asBuilt = run.ablationGroupAsBuilt();
        List<String> keys = new ArrayList<>();
        exp.grid().forEach((k, v) -> {
            if (v.size() > 1) keys.add(k);
        });
        this.labelKeys = keys;
    }

    /** Writes every file under {@code dir}. */
    public void write(Path dir) {
        Outputs.writeText(dir.resolve("results.csv"), csv());
        List<String> plots = plots(dir.resolve("plots"));
        Outputs.writeText(dir.resolve("report.md"), markdown(plots));
    }

    /** A point named by the keys that vary in this experiment, e.g. {@code a100 opt-350m p64}. */
    String label(Point p) {
        List<String> parts = new ArrayList<>();
        for (String k : labelKeys) parts.add(short_(k, p.get(k)));
        return parts.isEmpty() ? short_("topology", p.topology()) + " " + p.model() : String.join(" ", parts);
    }

    private static String short_(String key, String value) {
        return switch (key) {
            case "topology" -> Path.of(value).getFileName().toString().replace(".yaml", "");
            case "prompt" -> "p" + value;
            case "generate" -> "g" + value;
            case "batch" -> "b" + value;
            case "decode_samples" -> "s" + value;
            case "sets" -> value.isEmpty() ? "(as given)" : value;
            default -> value;
        };
    }

    String csv() {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Sweep.Outcome o : grid) row(b, o, "grid");
        Set<String> written = new LinkedHashSet<>();
        for (Sweep.Outcome o : grid) written.add(o.point().id());
        for (List<Sweep.Outcome> s : sensitivity) {
            for (Sweep.Outcome o : s) if (written.add(o.point().id())) row(b, o, "sensitivity");
        }
        for (List<Sweep.Outcome> s : ablations) {
            for (Sweep.Outcome o : s) if (written.add(o.point().id())) row(b, o, "ablation");
        }
        return b.toString();
    }

    private void row(StringBuilder b, Sweep.Outcome o, String study) {
        List<String> cells = new ArrayList<>();
        Point p = o.point();
        for (String c : COLUMNS) {
            String v = switch (c) {
                case "id" -> p.id();
                case "study" -> study;
                case "status" -> o.ok() ? "ok" : "failed";
                case "error" -> o.ok() ? "" : o.error();
                case "events", "wall_time_s" -> o.ok() ? o.host().path(c).asText() : "";
                default -> Point.KEYS.contains(c) ? p.get(c) : o.ok() && o.simulated().has(c) ? o.simulated().get(c).asText() : "";
            };
            cells.add(csvCell(v));
        }
        b.append(String.join(",", cells)).append('\n');
    }

    private static String csvCell(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) return "\"" + v.replace("\"", "\"\"") + "\"";
        return v;
    }

    /** The results table printed at the end of a sweep. */
    public String summaryTable() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-40s %10s %10s %10s %12s%n", "point", "TTFT ms", "TPOT ms", "total ms", "mJ/token"));
        for (Sweep.Outcome o : grid) {
            if (o.ok()) {
                b.append(String.format(Locale.ROOT, "%-40s %10.4g %10.4g %10.4g %12.4g%n", label(o.point()), o.metric("ttft_ms"),
                        o.metric("tpot_ms"), o.metric("total_ms"), o.metric("energy_per_token_mj")));
            } else {
                b.append(String.format(Locale.ROOT, "%-40s failed: %s%n", label(o.point()), o.error()));
            }
        }
        if (exp.compare() != null) {
            Comparison c = Comparison.of(exp.compare(), grid);
            for (Comparison.Summary s : c.summaries()) {
                b.append(String.format(Locale.ROOT, "%s over %s, %s: geomean %.3gx (range %.3g-%.3gx, %d points)%n",
                        Comparison.referenceLabel(exp.compare()), s.baseline(), s.metric(), s.geomean(), s.min(), s.max(), s.n()));
            }
        }
        return b.toString();
    }

    String markdown(List<String> plots) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(exp.name()).append("\n\n");
        if (!exp.description().isBlank()) b.append(exp.description().trim()).append("\n\n");
        b.append("## Method\n\n");
        b.append("Experiment file `").append(exp.file()).append("`").append(exp.quick() ? " (quick grid)" : "")
                .append(", Dramatis ").append(Version.dramatis()).append(". ").append(grid.size())
                .append(" points; times are simulated (decode: `decode_samples` steps simulated, the others interpolated"
                        + " linearly in context)")
                .append(grid.isEmpty() || grid.get(0).point().prefill() ? "" : "; decode only: the prefill is not simulated")
                .append(".\n\n| key | values |\n|---|---|\n");
        exp.grid().forEach((k, v) -> b.append("| ").append(k).append(" | ")
                .append(String.join(", ", v.stream().map(x -> x.isEmpty() ? "(none)" : x).toList())).append(" |\n"));
        Set<String> described = new LinkedHashSet<>();
        for (Sweep.Outcome o : grid) {
            Point p = o.point();
            if (!described.add(p.topology() + " " + p.sets())) continue;
            var t = TopologyLoader.load(p.topology(), p.sets());
            b.append("\n### Topology ").append(t.name()).append(p.sets().isEmpty() ? "" : " with " + p.sets()).append("\n\n")
                    .append(t.description()).append(" (`").append(t.file()).append("`)\n");
            b.append(Parameters.markdown(t));
        }
        b.append("\n## Results\n\n| point | status | TTFT (ms) | TPOT (ms) | total (ms) | energy (mJ) | energy/token (mJ) |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Sweep.Outcome o : grid) {
            b.append("| ").append(label(o.point())).append(" | ");
            if (o.ok()) {
                b.append("ok | ").append(num(o.metric("ttft_ms"))).append(" | ").append(num(o.metric("tpot_ms"))).append(" | ")
                        .append(num(o.metric("total_ms"))).append(" | ").append(num(o.metric("energy_mj"))).append(" | ")
                        .append(num(o.metric("energy_per_token_mj"))).append(" |\n");
            } else {
                b.append("failed: ").append(o.error().replace("|", "\\|")).append(" | | | | | |\n");
            }
        }
        floors(b);
        if (!exp.published().isEmpty()) published(b);
        if (exp.compare() != null) comparison(b);
        if (exp.sensitivity() != null) sensitivity(b);
        if (exp.ablations() != null) ablations(b);
        if (!plots.isEmpty()) {
            b.append("\n## Plots\n\n");
            for (String p : plots) b.append("![").append(p).append("](plots/").append(p).append(".png) ([SVG](plots/")
                    .append(p).append(".svg))\n\n");
        }
        return b.toString();
    }

    /** A ratio to the floor above which the report names what holds the point back. */
    static final double FLOOR_GAP = 1.3;

    /**
     * Each point's simulated prefill and mean decode step beside its analytic floors (bytes over
     * internal bandwidth, MACs over peak MAC/s, the busiest link), and where it is more than
     * {@link #FLOOR_GAP} above the highest, how busy the floor's kind was and its longest operator
     * spans: where the time goes.
     */
    private void floors(StringBuilder b) {
        List<Sweep.Outcome> ok = grid.stream().filter(Sweep.Outcome::ok)
                .filter(o -> o.simulated().has("lower_bounds")).toList();
        if (ok.isEmpty()) return;
        b.append("\n## Against the analytic floors\n\nNo schedule on the machine beats the highest of: the bytes its"
                + " memory delivers over its internal bandwidth (memory), the MACs over its peak MAC/s (compute), the busiest"
                + " link's bytes over its bandwidth (link). Where the simulated time is more than ")
                .append(FLOOR_GAP).append("x that floor, the last column says how much of the time the units of the kind"
                        + " that sets it were busy and their busy time over the floor (above 1: slower than their peak while"
                        + " busy), and names the operators with the longest spans (from their first task's start to their last"
                        + " task's end, summed over layers; spans overlap).\n\n"
                        + "| point | phase | simulated (ms) | floor (ms) | floor set by | simulated / floor | where the time goes (spans in ms) |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (Sweep.Outcome o : ok) {
            JsonNode bounds = o.simulated().get("lower_bounds");
            for (String phase : List.of("prefill", "decode_mean_step")) {
                JsonNode f = bounds.get(phase);
                if (f == null) continue;
                double ratio = f.get("ratio").asDouble();
                String spans = "";
                if (ratio > FLOOR_GAP) {
                    List<Map.Entry<String, JsonNode>> ops = new ArrayList<>();
                    o.simulated().path("operators_ms").path(phase).fields().forEachRemaining(ops::add);
                    ops.sort((x, y) -> Double.compare(y.getValue().asDouble(), x.getValue().asDouble()));
                    spans = busy(o.simulated(), f, phase) + String.join(", ", ops.stream().limit(3)
                            .map(e -> e.getKey() + " " + num(e.getValue().asDouble())).toList());
                }
                b.append("| ").append(label(o.point())).append(" | ").append(phase.equals("prefill") ? "prefill" : "decode step")
                        .append(" | ").append(num(f.get("simulated_ms").asDouble())).append(" | ")
                        .append(num(f.get("bound_ms").asDouble())).append(" | ").append(f.get("limit").asText()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", ratio)).append(" | ").append(spans).append(" |\n");
            }
        }
    }

    /**
     * How the kind that sets the floor spent the phase: the share of the time its units were busy,
     * and their busy time over the floor (above 1: slower than its peak while busy, e.g. row
     * activations and buffer loads between the MACs); empty when the floor is a link's.
     */
    private static String busy(JsonNode sim, JsonNode floor, String phase) {
        String kind = floor.path("limited_by").asText("");
        String limit = floor.get("limit").asText();
        JsonNode k = sim.path("by_kind").path(kind);
        if (kind.isEmpty() || limit.equals("link") || k.isMissingNode()) return "";
        double utilisation = k.path(phase.equals("prefill") ? "prefill_utilisation" : "decode_utilisation").asDouble();
        double kindFloor = floor.get(limit.equals("memory") ? "memory_ms" : "compute_ms").asDouble();
        double overFloor = kindFloor > 0 ? utilisation * floor.get("simulated_ms").asDouble() / kindFloor : 0;
        return String.format(Locale.ROOT, "%s busy %.0f%% of the time, %.2fx its floor while busy; ", kind,
                100 * utilisation, overFloor);
    }

    /** Published figures beside the simulated values of their points. */
    private void published(StringBuilder b) {
        b.append("\n## Against published figures\n\nEach figure another work published, beside the simulated value of"
                + " the same point; the ratio is simulated / published (above 1: the simulation is slower or spends more)."
                + " The source says under which conditions the figure was obtained.\n\n"
                + "| point | metric | published | simulated | simulated / published | source |\n|---|---|---|---|---|---|\n");
        for (Experiment.Published f : exp.published()) {
            double sim = grid.stream().filter(o -> o.point().id().equals(f.point().id())).findFirst()
                    .map(o -> o.metric(f.metric())).orElse(Double.NaN);
            b.append("| ").append(label(f.point())).append(" | ").append(f.metric()).append(" | ").append(num(f.value()))
                    .append(" | ").append(Double.isNaN(sim) ? "failed" : num(sim)).append(" | ")
                    .append(Double.isNaN(sim) ? "" : String.format(Locale.ROOT, "%.2f", sim / f.value())).append(" | ")
                    .append(f.source().replace("|", "\\|")).append(" |\n");
        }
    }

    private void comparison(StringBuilder b) {
        Experiment.Compare c = exp.compare();
        Comparison cmp = Comparison.of(c, grid);
        String ref = Comparison.referenceLabel(c);
        b.append("\n## Comparison with ").append(ref).append("\n\nEach ratio is baseline / ").append(ref)
                .append(": for a time, the speed-up of ").append(ref).append(" over the baseline; for an energy, how many times"
                        + " less ").append(ref).append(" spends. Summary over the ").append("points where both ran.\n\n")
                .append("| baseline | metric | geomean | min | max | points |\n|---|---|---|---|---|---|\n");
        for (Comparison.Summary s : cmp.summaries()) {
            b.append("| ").append(s.baseline()).append(" | ").append(s.metric()).append(" | ").append(num(s.geomean()))
                    .append(" | ").append(num(s.min())).append(" | ").append(num(s.max())).append(" | ").append(s.n()).append(" |\n");
        }
        b.append("\n| point | baseline | metric | ").append(ref).append(" | baseline | ratio |\n|---|---|---|---|---|---|\n");
        for (Comparison.Row r : cmp.rows()) {
            b.append("| ").append(labelWithout(r.point(), c.vary())).append(" | ").append(r.baseline()).append(" | ").append(r.metric()).append(" | ")
                    .append(num(r.reference())).append(" | ").append(num(r.value())).append(" | ").append(num(r.ratio())).append(" |\n");
        }
    }

    private void sensitivity(StringBuilder b) {
        Experiment.Sensitivity s = exp.sensitivity();
        b.append("\n## Sensitivity to `").append(s.parameter()).append("`\n\n");
        if (!s.why().isBlank()) b.append(s.why().trim()).append("\n\n");
        b.append("The parameter is set on the topology of ").append(Comparison.referenceLabel(exp.compare()))
                .append(" at `").append(s.group()).append("`; every other value stays as the topology gives it.\n\n")
                .append("| ").append(s.parameter()).append(" | baseline | metric | ratio |\n|---|---|---|---|\n");
        for (int i = 0; i < s.values().size(); i++) {
            for (Comparison.Row r : Comparison.of(exp.compare(), sensitivity.get(i), p -> s.group()).rows()) {
                b.append("| ").append(s.values().get(i)).append(" | ").append(r.baseline()).append(" | ").append(r.metric())
                        .append(" | ").append(num(r.ratio())).append(" |\n");
            }
        }
    }

    private void ablations(StringBuilder b) {
        Experiment.Compare c = exp.compare();
        Experiment.Ablations a = exp.ablations();
        String ref = Comparison.referenceLabel(c);
        b.append("\n## Ablations\n\nAt `").append(a.group()).append("`, each mechanism is switched off in turn in ").append(ref)
                .append(" (or in every configuration, where it says so) and the comparison's ratios (baseline / ").append(ref)
                .append(") are taken again; the first rows are the machine as built.\n\n");
        for (Experiment.Ablation v : a.variants()) {
            b.append("- **").append(v.name()).append("**: ").append(change(v));
            if (!v.why().isBlank()) b.append(". ").append(v.why().trim());
            b.append("\n");
        }
        b.append("\n| mechanism off | baseline |");
        c.metrics().forEach(m -> b.append(' ').append(m).append(" |"));
        b.append("\n|---|---|").append("---|".repeat(c.metrics().size())).append('\n');
        List<Point> group = exp.ablationGroup();
        ablationRows(b, "(none: as built)", Comparison.within(c, group, asBuilt, grid));
        for (int i = 0; i < a.variants().size(); i++) {
            ablationRows(b, a.variants().get(i).name(), Comparison.within(c, group, ablations.get(i), grid));
        }
    }

    /** What an ablation changes, in words. */
    private static String change(Experiment.Ablation v) {
        List<String> parts = new ArrayList<>();
        if (v.mapping() != null) parts.add("mapping " + v.mapping());
        if (v.attention() != null) parts.add(v.attention() + " attention");
        if (!v.sets().isEmpty()) parts.add("`" + String.join(" ", v.sets()) + "`");
        if (!v.staticPower()) parts.add("no static power charged");
        return String.join(", ", parts) + (v.toAll() ? ", in every configuration" : "");
    }

    private void ablationRows(StringBuilder b, String name, List<Comparison.Row> rows) {
        Map<String, Map<String, Double>> byBaseline = new LinkedHashMap<>();
        for (Comparison.Row r : rows) byBaseline.computeIfAbsent(r.baseline(), k -> new LinkedHashMap<>()).put(r.metric(), r.ratio());
        if (byBaseline.isEmpty()) b.append("| ").append(name).append(" | (failed) |").append(" |".repeat(exp.compare().metrics().size())).append('\n');
        byBaseline.forEach((baseline, ratios) -> {
            b.append("| ").append(name).append(" | ").append(baseline).append(" |");
            for (String m : exp.compare().metrics()) b.append(' ').append(ratios.containsKey(m) ? num(ratios.get(m)) : "").append(" |");
            b.append('\n');
        });
    }

    /** Draws the plots; returns their base names. */
    List<String> plots(Path dir) {
        List<String> names = new ArrayList<>();
        List<Sweep.Outcome> ok = grid.stream().filter(Sweep.Outcome::ok).toList();
        if (ok.isEmpty()) return names;
        List<String> categories = uniqueLabels(ok);
        // operators overlap in time, so their spans do not stack into a phase's time: show instead how
        // busy each kind of unit kept over the phase (busy time / (units x phase time))
        if (ok.stream().anyMatch(o -> o.point().prefill())) {
            bars(dir, names, "utilisation_prefill", "Prefill: how busy each kind of component was", "busy share of the prefill time",
                    ok, categories, "prefill_utilisation", false);
        }
        bars(dir, names, "utilisation_decode", "Decode: how busy each kind of component was", "busy share of the decode time",
                ok, categories, "decode_utilisation", false);
        bars(dir, names, "energy", "Energy by component kind (adds up to the run's energy)", "energy (mJ)", ok, categories,
                "energy_mj", true);
        for (String axis : SWEEP_AXES) {
            if (exp.grid().get(axis).size() < 2) continue;
            for (String metric : LINE_METRICS) {
                Map<String, TreeMap<Double, Double>> lines = new LinkedHashMap<>();
                for (Sweep.Outcome o : ok) {
                    String series = labelWithout(o.point(), axis);
                    lines.computeIfAbsent(series, k -> new TreeMap<>()).put(Double.parseDouble(o.point().get(axis)), o.metric(metric));
                }
                Map<String, double[][]> series = new LinkedHashMap<>();
                lines.forEach((k, v) -> series.put(k, new double[][] {
                        v.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        v.values().stream().mapToDouble(Double::doubleValue).toArray()}));
                String name = metric + "_vs_" + axis;
                List<String> values = exp.grid().get(axis);
                double lo = values.stream().mapToDouble(Double::parseDouble).min().orElse(1);
                double hi = values.stream().mapToDouble(Double::parseDouble).max().orElse(1);
                boolean log = axis.equals("prompt") && hi >= 8 * lo;
                String title = withoutUnit(METRIC_WORDS.get(metric)) + " against " + withoutUnit(AXIS_WORDS.get(axis));
                Charts.save(Charts.lines(Character.toUpperCase(title.charAt(0)) + title.substring(1),
                        AXIS_WORDS.get(axis) + (log ? ", log scale" : ""), METRIC_WORDS.get(metric), series, log), dir.resolve(name));
                names.add(name);
            }
        }
        return names;
    }

    /** "time per output token (ms)" without its " (ms)". */
    private static String withoutUnit(String words) {
        int unit = words.indexOf(" (");
        return unit < 0 ? words : words.substring(0, unit);
    }

    private String labelWithout(Point p, String axis) {
        return labelWithout(p, List.of(axis));
    }

    private String labelWithout(Point p, List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : labelKeys) if (!keys.contains(k)) parts.add(short_(k, p.get(k)));
        return parts.isEmpty() ? "all" : String.join(" ", parts);
    }

    /** Labels of the points, made unique (a bar chart keys its categories by label: equal ones would merge). */
    private List<String> uniqueLabels(List<Sweep.Outcome> ok) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Sweep.Outcome o : ok) {
            String l = label(o.point());
            String u = l;
            for (int i = 2; !seen.add(u); i++) u = l + " #" + i;
            out.add(u);
        }
        return out;
    }

    /** Bars of one field of each component kind ({@code by_kind}), stacked when the field adds up. */
    private void bars(Path dir, List<String> names, String name, String title, String yTitle, List<Sweep.Outcome> ok,
                      List<String> categories, String field, boolean stacked) {
        Map<String, List<Double>> series = new TreeMap<>();
        for (int i = 0; i < ok.size(); i++) {
            JsonNode n = ok.get(i).simulated().path("by_kind");
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                double v = e.getValue().path(field).asDouble();
                series.computeIfAbsent(e.getKey(), k -> new ArrayList<>(java.util.Collections.nCopies(ok.size(), 0.0))).set(i, v);
            }
        }
        series.values().removeIf(v -> v.stream().allMatch(d -> d == 0));
        if (series.isEmpty()) return;
        Charts.save(stacked ? Charts.stackedBars(title, yTitle, categories, Charts.top(series, STACK_SERIES))
                : Charts.groupedBars(title, yTitle, categories, series), dir.resolve(name));
        names.add(name);
    }

    private static String num(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4g", d);
    }
}
