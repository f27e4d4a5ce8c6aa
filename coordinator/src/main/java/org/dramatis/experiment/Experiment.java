package org.dramatis.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dramatis.common.TextFiles;
import org.dramatis.common.UserError;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.topology.Names;
import org.dramatis.topology.Shipped;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.topology.YamlNode;
import org.dramatis.workload.ModelLoader;

/**
 * An experiment file: a grid of runs, optionally a comparison against a reference and a
 * sensitivity study. Loading checks everything that can be checked without simulating (every
 * topology with every override group loads, every model and mapping exists), so a bad file fails
 * at once with its line, before any output is written. The format is in docs/experiments.md.
 */
public record Experiment(String name, String description, String file, boolean quick, Map<String, List<String>> grid,
                         List<Point> points, Compare compare, Sensitivity sensitivity, Ablations ablations,
                         List<Published> published) {

    /** Metrics a comparison may name; each is a key of the run's {@code simulated} result. */
    public static final List<String> METRICS = List.of("ttft_ms", "tpot_ms", "total_ms", "energy_mj",
            "energy_per_token_mj");
    static final List<String> ATTENTION = List.of("dense", "streaming", "quest", "hybrid");
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "grid", "decode_samples", "prefill",
            "quick", "exclude", "compare", "sensitivity", "ablations", "published");
    /** Metrics a published figure may be set against: numbers of the run's {@code simulated} result. */
    public static final List<String> PUBLISHED_METRICS = List.of("ttft_ms", "tpot_ms", "tpot_first_ms", "tpot_last_ms",
            "total_ms", "energy_mj", "prefill_energy_mj", "decode_energy_mj", "energy_per_token_mj");
    private static final List<String> GRID_KEYS = List.of("topologies", "models", "mappings", "attention", "prompt",
            "generate", "batch", "sets");
    private static final String SHIPPED = "dramatis/topologies/experiments/";

    /**
     * Which keys vary between the configurations compared ({@code vary}), which configuration the
     * others are compared with, and on which metrics.
     */
    public record Compare(List<String> vary, Map<String, String> reference, List<String> metrics) {
        /** Whether a point is the reference configuration. */
        public boolean isReference(Point p) {
            return reference.entrySet().stream().allMatch(e -> p.get(e.getKey()).equals(e.getValue()));
        }

        /** The comparison group of a point: its description without the varied keys. */
        public String group(Point p) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, String> e : p.values().entrySet()) {
                if (vary.contains(e.getKey())) continue;
                if (b.length() > 0) b.append(' ');
                b.append(e.getKey()).append('=').append(e.getValue());
            }
            return b.toString();
        }
    }

    /**
     * A topology parameter of the reference's topology set to each value, at one comparison group
     * ({@code at}), to show how the comparison's ratios move with an assumed number.
     */
    public record Sensitivity(String parameter, List<String> values, String why, String group) {}

    /**
     * Mechanisms switched off one at a time at one comparison group ({@code group}), to show what
     * each contributes to the comparison's ratios.
     */
    public record Ablations(String group, List<Ablation> variants) {}

    /**
     * One mechanism switched off: the reference configuration (or, {@code toAll}, every
     * configuration of the group) runs with another mapping or attention policy, more
     * {@code --set} overrides, or without static power. Null or empty: unchanged.
     */
    public record Ablation(String name, String why, boolean toAll, String mapping, String attention, List<String> sets,
                           boolean staticPower) {
        /** The point as this variant runs it. */
        public Point apply(Point p, boolean isReference) {
            if (!isReference && !toAll) return p;
            return p.with(mapping, attention, staticPower && p.staticPower()).withSets(sets);
        }
    }

    /** Loads a file, or (when no such file exists) a shipped experiment by name. */
    public static Experiment load(String pathOrName, boolean quick) {
        Path p = Path.of(pathOrName);
        if (Files.exists(p)) return parse(pathOrName, TextFiles.read(p), quick);
        if (pathOrName.contains("/") || pathOrName.endsWith(".yaml")) throw new UserError(pathOrName + ": no such file");
        return parse(pathOrName + ".yaml", shippedText(pathOrName), quick);
    }

    /**
     * A figure another work published (a paper's table, a reference simulator's output) for the
     * point {@code at} selects, set beside the simulated value in the report: {@code source} says
     * where it was read and under which conditions.
     */
    public record Published(Point point, String metric, double value, String source) {}

    /** The names of the experiments that ship in the jar (experiments.index). */
    public static List<String> shipped() {
        return Shipped.experiments();
    }

    static String shippedText(String name) {
        try (InputStream in = Experiment.class.getClassLoader().getResourceAsStream(SHIPPED + name + ".yaml")) {
            if (in != null) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(name + ": cannot read: " + e.getMessage());
        }
        List<String> known = shipped();
        throw new UserError("unknown experiment '" + name + "'" + Names.suggest(name, known) + " (shipped: "
                + String.join(", ", known) + ")");
    }

    /** Parses experiment text; {@code origin} names it in errors. */
    public static Experiment parse(String origin, String text, boolean quick) {
        YamlNode root = YamlNode.parse(origin, text);
        // --quick replaces some grid keys: the full file must still be right
        if (quick && root.get("quick") != null) parse(origin, text, false);
        checkKeys(root, TOP_KEYS, "top level");
        String name = root.get("name") == null ? Path.of(origin).getFileName().toString().replace(".yaml", "")
                : root.get("name").text();
        String description = root.get("description") == null ? "" : root.get("description").text();
        YamlNode gridNode = root.require("grid");
        checkKeys(gridNode, Set.copyOf(GRID_KEYS), "grid");
        Map<String, YamlNode> keys = new LinkedHashMap<>(gridNode.entries());
        YamlNode samplesNode = root.get("decode_samples");
        if (quick && root.get("quick") != null) {
            YamlNode q = root.get("quick");
            Set<String> allowed = new LinkedHashSet<>(GRID_KEYS);
            allowed.add("decode_samples");
            checkKeys(q, allowed, "quick");
            for (Map.Entry<String, YamlNode> e : q.entries().entrySet()) {
                if (e.getKey().equals("decode_samples")) samplesNode = e.getValue();
                else keys.put(e.getKey(), e.getValue());
            }
        }
        int samples = samplesNode == null ? 3 : (int) positive(samplesNode, "decode_samples", 2);
        boolean prefill = root.get("prefill") == null || root.get("prefill").asBoolean("prefill");
        Path base = Files.isRegularFile(Path.of(origin)) ? Path.of(origin).toAbsolutePath().getParent() : null;

        YamlNode topoNode = keys.get("topologies");
        YamlNode mapNode = keys.get("mappings");
        List<String> topologies;
        if (topoNode != null) topologies = texts(topoNode, "topologies");
        else if (mapNode != null && mapNode.isMap()) topologies = new ArrayList<>(mapNode.entries().keySet());
        else throw gridNode.error("missing key 'topologies'");
        List<String> models = texts(required(keys, gridNode, "models"), "models");
        List<String> attention = keys.get("attention") == null ? List.of("dense") : texts(keys.get("attention"), "attention");
        for (int i = 0; i < attention.size(); i++) {
            if (!ATTENTION.contains(attention.get(i))) {
                throw item(keys.get("attention"), i).error("unknown attention '" + attention.get(i) + "'"
                        + Names.suggest(attention.get(i), ATTENTION) + "; attention: " + String.join(", ", ATTENTION));
            }
        }
        List<Long> prompts = longs(required(keys, gridNode, "prompt"), "prompt", 1);
        List<Long> generates = longs(required(keys, gridNode, "generate"), "generate", 0);
        List<Long> batches = keys.get("batch") == null ? List.of(1L) : longs(keys.get("batch"), "batch", 1);
        List<List<String>> setGroups = keys.get("sets") == null ? List.of(List.of()) : setGroups(keys.get("sets"));

        // Every model, topology (with every override group) and mapping is checked now.
        List<String> modelRefs = new ArrayList<>();
        YamlNode modelsNode = keys.get("models");
        for (int i = 0; i < models.size(); i++) {
            String ref = resolve(base, models.get(i));
            try {
                ModelLoader.load(ref);
            } catch (UserError e) {
                // "model 'x': no such file, ..." names the model already
                String msg = e.getMessage().startsWith("model '") ? e.getMessage() : "model '" + models.get(i) + "': " + e.getMessage();
                throw item(modelsNode, i).error(msg);
            }
            modelRefs.add(ref);
        }
        Map<String, Topology> loaded = new LinkedHashMap<>();
        Map<String, List<String>> mappingsOf = new LinkedHashMap<>();
        for (int t = 0; t < topologies.size(); t++) {
            String topo = topologies.get(t);
            YamlNode where = topoNode != null ? item(topoNode, t) : mapNode.get(topo);
            String ref = resolve(base, topo);
            for (List<String> sets : setGroups) {
                Topology loadedTopology = loadTopology(where, ref, sets);
                loaded.putIfAbsent(ref, loadedTopology);
            }
            List<String> mappings;
            YamlNode mappingsWhere;
            if (mapNode == null) {
                String m = loaded.get(ref).defaultMapping();
                if (m == null) throw where.error("topology '" + topo + "' names no default mapping; give 'mappings'");
                mappings = List.of(m);
                mappingsWhere = where;
            } else if (mapNode.isMap()) {
                mappingsWhere = mapNode.get(topo);
                if (mappingsWhere == null) throw mapNode.error("no mappings for topology '" + topo + "'");
                mappings = texts(mappingsWhere, "mappings." + topo);
            } else {
                mappingsWhere = mapNode;
                mappings = texts(mapNode, "mappings");
            }
            for (int i = 0; i < mappings.size(); i++) {
                try {
                    MappingPolicies.get(mappings.get(i));
                } catch (UserError e) {
                    throw item(mappingsWhere, i).error(e.getMessage());
                }
            }
            mappingsOf.put(ref, mappings);
        }
        if (mapNode != null && mapNode.isMap()) {
            for (Map.Entry<String, YamlNode> e : mapNode.entries().entrySet()) {
                if (!topologies.contains(e.getKey())) {
                    throw e.getValue().error("mappings given for '" + e.getKey() + "', which is not in 'topologies'");
                }
            }
        }

        List<Map<String, String>> excludes = rules(root.get("exclude"));
        List<Point> points = new ArrayList<>();
        for (String topo : topologies) {
            String ref = resolve(base, topo);
            for (String model : modelRefs) {
                for (String mapping : mappingsOf.get(ref)) {
                    for (String att : attention) {
                        for (long prompt : prompts) {
                            for (long gen : generates) {
                                for (long batch : batches) {
                                    for (List<String> sets : setGroups) {
                                        Point p = new Point(ref, model, mapping, att, prompt, gen, (int) batch, sets, samples,
                                                prefill);
                                        if (excludes.stream().noneMatch(r -> matches(p, r))) points.add(p);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if (points.isEmpty()) throw gridNode.error("the grid has no points (every point is excluded)");
        Map<String, List<String>> grid = new LinkedHashMap<>();
        for (String k : Point.KEYS) {
            LinkedHashSet<String> vals = new LinkedHashSet<>();
            for (Point p : points) vals.add(p.get(k));
            grid.put(k, List.copyOf(vals));
        }
        Compare compare = root.get("compare") == null ? null : compare(root.get("compare"), points);
        Sensitivity sensitivity = null;
        if (root.get("sensitivity") != null) {
            if (compare == null) throw root.get("sensitivity").error("'sensitivity' needs a 'compare' section");
            sensitivity = sensitivity(root.get("sensitivity"), compare, points);
        }
        Ablations ablations = null;
        if (root.get("ablations") != null) {
            if (compare == null) throw root.get("ablations").error("'ablations' needs a 'compare' section");
            ablations = ablations(root.get("ablations"), compare, points);
        }
        List<Published> published = root.get("published") == null ? List.of()
                : published(root.get("published"), points, quick && root.get("quick") != null);
        return new Experiment(name, description, origin, quick, grid, List.copyOf(points), compare, sensitivity,
                ablations, published);
    }

    /** The points of the sensitivity study: for each value, the group's points on the reference's topology. */
    public List<List<Point>> sensitivityPoints() {
        List<List<Point>> out = new ArrayList<>();
        if (sensitivity == null) return out;
        String topology = points.stream().filter(p -> compare.group(p).equals(sensitivity.group()))
                .filter(compare::isReference).findFirst().orElseThrow().topology();
        for (String v : sensitivity.values()) {
            List<Point> forValue = new ArrayList<>();
            for (Point p : points) {
                if (!compare.group(p).equals(sensitivity.group())) continue;
                forValue.add(p.topology().equals(topology) ? p.withSets(List.of(sensitivity.parameter() + "=" + v)) : p);
            }
            out.add(forValue);
        }
        return out;
    }

    /** The group's points (grid order), and per ablation the same points as the ablation runs them. */
    public List<Point> ablationGroup() {
        return ablations == null ? List.of()
                : points.stream().filter(p -> compare.group(p).equals(ablations.group())).toList();
    }

    public List<List<Point>> ablationPoints() {
        List<List<Point>> out = new ArrayList<>();
        if (ablations == null) return out;
        for (Ablation a : ablations.variants()) {
            out.add(ablationGroup().stream().map(p -> a.apply(p, compare.isReference(p))).toList());
        }
        return out;
    }

    private static Ablations ablations(YamlNode n, Compare compare, List<Point> points) {
        checkKeys(n, Set.of("at", "mechanisms"), "ablations");
        Map<String, String> atRule = at(n.get("at"));
        Point ref = points.stream().filter(compare::isReference).filter(p -> matches(p, atRule)).findFirst()
                .orElseThrow(() -> (n.get("at") != null ? n.get("at") : n).error("no reference point matches " + atRule));
        String group = compare.group(ref);
        List<Ablation> variants = new ArrayList<>();
        YamlNode list = n.require("mechanisms");
        if (!list.isList() || list.items().isEmpty()) throw list.error("'mechanisms' must list at least one mechanism");
        for (YamlNode m : list.items()) {
            checkKeys(m, Set.of("name", "why", "to", "mapping", "attention", "sets", "static_power"), "mechanisms");
            String to = m.get("to") == null ? "reference" : m.get("to").text();
            if (!to.equals("reference") && !to.equals("all")) {
                throw m.get("to").error("'to' is reference or all, got '" + to + "'");
            }
            String mapping = m.get("mapping") == null ? null : m.get("mapping").text();
            if (mapping != null) {
                try {
                    MappingPolicies.get(mapping);
                } catch (UserError e) {
                    throw m.get("mapping").error(e.getMessage());
                }
            }
            String attention = m.get("attention") == null ? null : m.get("attention").text();
            if (attention != null && !ATTENTION.contains(attention)) {
                throw m.get("attention").error("unknown attention '" + attention + "'" + Names.suggest(attention, ATTENTION)
                        + "; attention: " + String.join(", ", ATTENTION));
            }
            List<String> sets = m.get("sets") == null ? List.of() : overrides(m.get("sets"));
            boolean staticPower = m.get("static_power") == null || m.get("static_power").asBoolean("static_power");
            if (mapping == null && attention == null && sets.isEmpty() && staticPower) {
                throw m.error("a mechanism switches something off: give mapping, attention, sets or static_power: false");
            }
            Ablation a = new Ablation(m.require("name").text(), m.get("why") == null ? "" : m.get("why").text(),
                    to.equals("all"), mapping, attention, sets, staticPower);
            for (Point p : points) {
                if (!compare.group(p).equals(group)) continue;
                Point q = a.apply(p, compare.isReference(p));
                if (q != p) loadTopology(m, q.topology(), q.sets());
            }
            variants.add(a);
        }
        return new Ablations(group, List.copyOf(variants));
    }

    /** {@code quickGrid}: the grid was cut by {@code --quick}, so a figure for a point it left out is dropped. */
    private static List<Published> published(YamlNode n, List<Point> points, boolean quickGrid) {
        if (!n.isList() || n.items().isEmpty()) throw n.error("'published' must list at least one figure");
        List<Published> out = new ArrayList<>();
        for (YamlNode f : n.items()) {
            checkKeys(f, Set.of("at", "metric", "value", "source"), "published");
            Map<String, String> atRule = at(f.get("at"));
            List<Point> matching = points.stream().filter(p -> matches(p, atRule)).toList();
            YamlNode where = f.get("at") != null ? f.get("at") : f;
            if (matching.isEmpty() && quickGrid) continue;
            if (matching.size() != 1) {
                throw where.error((matching.isEmpty() ? "no point" : matching.size() + " points") + " of the grid match "
                        + atRule + ": a published figure names exactly one point");
            }
            YamlNode metric = f.require("metric");
            if (!PUBLISHED_METRICS.contains(metric.text())) {
                throw metric.error("unknown metric '" + metric.text() + "'" + Names.suggest(metric.text(), PUBLISHED_METRICS)
                        + "; metrics: " + String.join(", ", PUBLISHED_METRICS));
            }
            YamlNode value = f.require("value");
            double v = value.asDouble("value");
            if (!(v > 0) || Double.isInfinite(v)) throw value.error("'value' must be a positive number, got " + value.text());
            String source = f.require("source").text();
            if (source.isBlank()) throw f.require("source").error("'source' must say where the figure was published");
            out.add(new Published(matching.get(0), metric.text(), v, source));
        }
        return List.copyOf(out);
    }

    private static Map<String, String> at(YamlNode n) {
        Map<String, String> atRule = new LinkedHashMap<>();
        if (n == null) return atRule;
        for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
            if (!Point.KEYS.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "'" + Names.suggest(e.getKey(), Point.KEYS));
            }
            atRule.put(e.getKey(), e.getValue().text());
        }
        return atRule;
    }

    private static Compare compare(YamlNode n, List<Point> points) {
        checkKeys(n, Set.of("vary", "reference", "metrics"), "compare");
        YamlNode varyNode = n.require("vary");
        List<String> vary = texts(varyNode, "vary");
        for (int i = 0; i < vary.size(); i++) {
            if (!Point.KEYS.contains(vary.get(i))) {
                throw item(varyNode, i).error("unknown key '" + vary.get(i) + "'" + Names.suggest(vary.get(i), Point.KEYS)
                        + "; keys: " + String.join(", ", Point.KEYS));
            }
        }
        YamlNode refNode = n.require("reference");
        Map<String, String> reference = new LinkedHashMap<>();
        if (refNode.isMap()) {
            for (Map.Entry<String, YamlNode> e : refNode.entries().entrySet()) {
                if (!vary.contains(e.getKey())) {
                    throw e.getValue().error("the reference names '" + e.getKey() + "', which is not in 'vary'");
                }
                reference.put(e.getKey(), e.getValue().text());
            }
        } else {
            if (vary.size() != 1) throw refNode.error("with several keys in 'vary', give the reference as a mapping");
            reference.put(vary.get(0), refNode.text());
        }
        YamlNode metricsNode = n.get("metrics");
        List<String> metrics = metricsNode == null ? METRICS : texts(metricsNode, "metrics");
        for (int i = 0; i < metrics.size(); i++) {
            if (!METRICS.contains(metrics.get(i))) {
                throw item(metricsNode, i).error("unknown metric '" + metrics.get(i) + "'" + Names.suggest(metrics.get(i), METRICS)
                        + "; metrics: " + String.join(", ", METRICS));
            }
        }
        Compare c = new Compare(List.copyOf(vary), reference, List.copyOf(metrics));
        Map<String, Integer> refsPerGroup = new LinkedHashMap<>();
        for (Point p : points) if (c.isReference(p)) refsPerGroup.merge(c.group(p), 1, Integer::sum);
        if (refsPerGroup.isEmpty()) throw refNode.error("no point of the grid is the reference " + reference);
        for (Map.Entry<String, Integer> e : refsPerGroup.entrySet()) {
            if (e.getValue() > 1) {
                throw refNode.error("the reference " + reference + " matches " + e.getValue() + " points of the group '"
                        + e.getKey() + "'; add the other varied keys to the reference");
            }
        }
        return c;
    }

    private static Sensitivity sensitivity(YamlNode n, Compare compare, List<Point> points) {
        checkKeys(n, Set.of("parameter", "values", "why", "at"), "sensitivity");
        String parameter = n.require("parameter").text();
        YamlNode valuesNode = n.require("values");
        List<String> values = texts(valuesNode, "values");
        String why = n.get("why") == null ? "" : n.get("why").text();
        Map<String, String> atRule = at(n.get("at"));
        Point ref = points.stream().filter(compare::isReference).filter(p -> matches(p, atRule)).findFirst()
                .orElseThrow(() -> (n.get("at") != null ? n.get("at") : n).error("no reference point matches " + atRule));
        for (int i = 0; i < values.size(); i++) {
            loadTopology(item(valuesNode, i), ref.topology(), ref.withSets(List.of(parameter + "=" + values.get(i))).sets());
        }
        return new Sensitivity(parameter, List.copyOf(values), why, compare.group(ref));
    }

    private static Topology loadTopology(YamlNode where, String ref, List<String> sets) {
        try {
            return TopologyLoader.load(ref, sets);
        } catch (UserError e) {
            // "unknown topology 'x'" names the topology already
            boolean named = sets.isEmpty() && e.getMessage().contains("topology '" + ref + "'");
            throw where.error(named ? e.getMessage()
                    : "topology '" + ref + "'" + (sets.isEmpty() ? "" : " with " + sets) + ": " + e.getMessage());
        }
    }

    /** A relative file path is taken relative to the experiment file; a shipped name stays a name. */
    private static String resolve(Path base, String ref) {
        if (base == null || !(ref.contains("/") || ref.endsWith(".yaml") || ref.endsWith(".json"))) return ref;
        Path p = Path.of(ref);
        if (p.isAbsolute()) return ref;
        Path rel = base.resolve(p).normalize();
        return Files.exists(rel) ? rel.toString() : ref;
    }

    static boolean matches(Point p, Map<String, String> rule) {
        return rule.entrySet().stream().allMatch(e -> p.get(e.getKey()).equals(e.getValue()));
    }

    private static List<Map<String, String>> rules(YamlNode n) {
        List<Map<String, String>> out = new ArrayList<>();
        if (n == null) return out;
        for (YamlNode r : n.items()) {
            Map<String, String> rule = new LinkedHashMap<>();
            for (Map.Entry<String, YamlNode> e : r.entries().entrySet()) {
                String key = e.getKey();
                if (!Point.KEYS.contains(key)) {
                    throw e.getValue().error("unknown key '" + key + "'" + Names.suggest(key, Point.KEYS)
                            + "; keys: " + String.join(", ", Point.KEYS));
                }
                rule.put(key, e.getValue().text());
            }
            out.add(rule);
        }
        return out;
    }

    private static List<List<String>> setGroups(YamlNode n) {
        List<List<String>> out = new ArrayList<>();
        for (YamlNode g : n.items()) out.add(overrides(g));
        if (out.isEmpty()) throw n.error("'sets' must list at least one group (an empty group [] is no override)");
        return out;
    }

    /** One group of overrides: a map {PATH: VALUE} or a list of PATH=VALUE. */
    private static List<String> overrides(YamlNode g) {
        List<String> group = new ArrayList<>();
        if (g.isMap()) {
            for (Map.Entry<String, YamlNode> e : g.entries().entrySet()) group.add(e.getKey() + "=" + e.getValue().text());
            return group;
        }
        if (!g.isList()) throw g.error("overrides are a list of PATH=VALUE or a map of PATH: VALUE");
        for (YamlNode s : g.items()) {
            if (!s.text().contains("=")) throw s.error("an override is PATH=VALUE, got '" + s.text() + "'");
            group.add(s.text());
        }
        return group;
    }

    private static YamlNode required(Map<String, YamlNode> keys, YamlNode grid, String key) {
        YamlNode n = keys.get(key);
        if (n == null) throw grid.error("missing key '" + key + "'");
        return n;
    }

    /** A list of values, or one value as a one-item list. */
    private static List<String> texts(YamlNode n, String key) {
        if (n.isScalar()) return List.of(n.text());
        if (!n.isList()) throw n.error("'" + key + "' must be a value or a list of values");
        List<String> out = new ArrayList<>();
        for (YamlNode i : n.items()) out.add(i.text());
        if (out.isEmpty()) throw n.error("'" + key + "' is empty");
        return out;
    }

    private static List<Long> longs(YamlNode n, String key, long min) {
        List<Long> out = new ArrayList<>();
        List<YamlNode> items = n.isList() ? n.items() : List.of(n);
        for (YamlNode i : items) out.add(positive(i, key, min));
        if (out.isEmpty()) throw n.error("'" + key + "' is empty");
        return out;
    }

    private static long positive(YamlNode n, String key, long min) {
        long v = n.asLong(key);
        if (v < min) throw n.error("'" + key + "' must be >= " + min + ", got " + v);
        return v;
    }

    private static YamlNode item(YamlNode list, int i) {
        return list.isList() ? list.items().get(i) : list;
    }

    private static void checkKeys(YamlNode n, Set<String> allowed, String what) {
        for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "' in " + what + Names.suggest(e.getKey(), allowed)
                        + "; keys: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }
}
