package org.dramatis.topology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dramatis.common.TextFiles;
import org.dramatis.common.UserError;
import org.dramatis.components.ComponentKinds;
import org.dramatis.engine.LinkSpec;

/**
 * Reads a topology file. The format:
 *
 * <pre>
 * name: demo
 * description: what this machine is
 * mapping: halo                # optional: the default mapping policy for LLM runs
 * blocks:                      # optional reusable groups of components and links
 *   channel:
 *     components: [...]
 *     links: [...]
 * components:
 *   - name: ctrl               # unique in its scope
 *     kind: token_node         # a registered kind ...
 *     count: 4                 # optional: instances ctrl[0] .. ctrl[3]
 *     params: {seed: {value: 1, source: "why this number"}, ...}
 *   - name: ch
 *     block: channel           # ... or a block
 *     count: 16
 * links:
 *   - name: bus
 *     from: ctrl[*].out        # instance path, then port
 *     to: ch[*].ctrl.in
 *     latency_ps: {value: 1000, source: "..."}
 *     bandwidth_gbps: 64
 *     energy_pj_per_bit: 0.3
 *     bidirectional: true      # default
 * </pre>
 *
 * A component with {@code grid: [W, H]} instead of {@code count} is a W x H mesh: instances
 * {@code name[i]} with i = y * W + x, whose parameters {@code x} and {@code y} are set from their
 * position; a link with {@code mesh: NAME} instead of {@code from}/{@code to} joins every
 * instance to its east and north neighbours ({@code east <-> west}, {@code north <-> south}).
 *
 * <p>Endpoint selectors: {@code [*]} every instance, {@code [n]} one, {@code [+k]}/{@code [-k]} the
 * instance k after/before the one paired with the other side (modulo the count). Wildcards on both
 * sides pair in order; a wildcard on one side only fans out (or in), and the single side's port
 * gets the index as a suffix, {@code port[i]}.
 */
public final class TopologyLoader {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_\\-]*)(?:\\[(\\*|[+-]?\\d+)])?");
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "mapping", "blocks", "components", "links");
    private static final Set<String> COMPONENT_KEYS = Set.of("name", "kind", "block", "count", "grid", "params");
    private static final Set<String> LINK_KEYS = Set.of("name", "from", "to", "mesh", "latency_ps", "bandwidth_gbps",
            "energy_pj_per_bit", "bidirectional");
    private static final String CLASSPATH_ROOT = "dramatis/topologies/";
    static final long MAX_LATENCY_PS = 3_600_000_000_000_000L;

    private final String file;
    private final Map<String, YamlNode> blocks = new LinkedHashMap<>();
    private final List<Topology.Instance> instances = new ArrayList<>();
    private final List<Topology.Link> links = new ArrayList<>();
    private final Map<String, Scope> blockScopes = new HashMap<>();
    private final Map<String, String> wiredOut = new HashMap<>();
    private final Map<String, String> wiredIn = new HashMap<>();

    private TopologyLoader(String file) {
        this.file = file;
    }

    /** Loads a file path, or the name of a shipped topology ({@code halo} finds {@code halo.yaml}). */
    public static Topology load(String pathOrName, List<String> overrides) {
        Source src = read(pathOrName);
        return parse(src.name, src.text, overrides);
    }

    /** Parses topology text; {@code origin} names it in errors. */
    public static Topology parse(String origin, String text, List<String> overrides) {
        YamlNode root = YamlNode.parse(origin, text);
        for (String o : overrides) root = Overrides.apply(root, o);
        return new TopologyLoader(origin).build(root);
    }

    /** A topology's name (as given) and text, as a cluster job carries them. */
    public record Source(String name, String text) {}

    /** Reads a file path, or the text of a shipped topology. */
    public static Source read(String pathOrName) {
        Path p = Path.of(pathOrName);
        if (Files.exists(p)) return new Source(pathOrName, TextFiles.read(p));
        String res = CLASSPATH_ROOT + (pathOrName.endsWith(".yaml") ? pathOrName : pathOrName + ".yaml");
        try (InputStream in = TopologyLoader.class.getClassLoader().getResourceAsStream(res)) {
            if (in != null) return new Source(pathOrName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserError(pathOrName + ": cannot read: " + e.getMessage());
        }
        if (pathOrName.contains("/") || pathOrName.endsWith(".yaml")) {
            throw new UserError(pathOrName + ": no such file");
        }
        throw new UserError("unknown topology '" + pathOrName + "': not a file, and not a shipped topology "
                + Names.suggest(pathOrName, Shipped.topologies()).trim() + " (shipped: "
                + String.join(", ", Shipped.topologies()) + ")");
    }

    private Topology build(YamlNode root) {
        checkKeys(root, TOP_KEYS, "top level");
        String name = root.get("name") == null ? Path.of(file).getFileName().toString().replace(".yaml", "")
                : root.get("name").text();
        String description = root.get("description") == null ? "" : root.get("description").text();
        if (root.get("blocks") != null) {
            for (Map.Entry<String, YamlNode> b : root.get("blocks").entries().entrySet()) {
                checkKeys(b.getValue(), Set.of("components", "links"), "block '" + b.getKey() + "'");
                blocks.put(b.getKey(), b.getValue());
            }
        }
        Scope top = scope(root, "", new ArrayList<>());
        expand(root, top);
        if (instances.isEmpty()) throw root.error("the topology has no components");
        String mapping = root.get("mapping") == null ? null : root.get("mapping").text();
        Topology t = new Topology(name, description, file, mapping, List.copyOf(instances), List.copyOf(links));
        Connectivity.requireConnected(t, root);
        return t;
    }

    /** The components declared in one scope (top level or a block), with their counts. */
    private record Scope(String prefix, Map<String, Decl> decls) {}

    private record Decl(String name, int count, YamlNode node, String block, int gridWidth) {}

    private Scope scope(YamlNode owner, String prefix, List<String> blockStack) {
        Map<String, Decl> decls = new LinkedHashMap<>();
        YamlNode comps = owner.get("components");
        if (comps == null) throw owner.error("missing key 'components'");
        for (YamlNode c : comps.items()) {
            checkKeys(c, COMPONENT_KEYS, "component");
            String name = c.require("name").text();
            if (!SEGMENT.matcher(name).matches() || name.contains("[")) {
                throw c.get("name").error("component name '" + name + "' must be a plain name (letters, digits, _ and -)");
            }
            if (decls.containsKey(name)) throw c.get("name").error("duplicate component name '" + name + "'");
            int count = 1;
            int gridWidth = 0;
            if (c.get("grid") != null) {
                if (c.get("count") != null) throw c.get("grid").error("a component has either 'count' or 'grid', not both");
                List<YamlNode> wh = c.get("grid").items();
                if (wh.size() != 2) throw c.get("grid").error("'grid' must be [width, height]");
                long w = wh.get(0).asLong("grid width");
                long h = wh.get(1).asLong("grid height");
                if (w < 1 || h < 1 || w * h > 50_000_000) throw c.get("grid").error("'grid' must be at least [1, 1], got [" + w + ", " + h + "]");
                gridWidth = (int) w;
                count = (int) (w * h);
            }
            if (c.get("count") != null) {
                long n = c.get("count").asLong("count");
                if (n < 1) throw c.get("count").error("'count' must be >= 1, got " + n);
                if (n > 50_000_000) throw c.get("count").error("'count' is too large: " + n);
                count = (int) n;
            }
            String block = null;
            if (c.get("block") != null) {
                if (c.get("kind") != null) throw c.error("a component has either 'kind' or 'block', not both");
                block = c.get("block").text();
                if (!blocks.containsKey(block)) {
                    throw c.get("block").error("unknown block '" + block + "'" + Names.suggest(block, blocks.keySet()));
                }
                if (blockStack.contains(block)) throw c.get("block").error("block '" + block + "' contains itself");
                if (c.get("params") != null) throw c.get("params").error("a block instance takes no 'params'");
            } else if (c.get("kind") == null) {
                throw c.error("component '" + name + "' needs a 'kind' (or a 'block')");
            }
            decls.put(name, new Decl(name, count, c, block, gridWidth));
        }
        return new Scope(prefix, decls);
    }

    private void expand(YamlNode owner, Scope scope) {
        expand(owner, scope, new ArrayList<>());
    }

    private void expand(YamlNode owner, Scope scope, List<String> blockStack) {
        for (Decl d : scope.decls().values()) {
            for (int i = 0; i < d.count(); i++) {
                String path = scope.prefix() + d.name() + (d.count() > 1 ? "[" + i + "]" : "");
                if (d.block() != null) {
                    List<String> stack = new ArrayList<>(blockStack);
                    stack.add(d.block());
                    YamlNode def = blocks.get(d.block());
                    Scope child = scope(def, path + ".", stack);
                    expand(def, child, stack);
                } else {
                    instances.add(instance(d, path, i));
                }
            }
        }
        YamlNode ls = owner.get("links");
        if (ls != null) for (YamlNode l : ls.items()) link(l, scope);
    }

    private Topology.Instance instance(Decl d, String path, int index) {
        YamlNode c = d.node();
        YamlNode params = c.get("params");
        if (d.gridWidth() > 0) {
            YamlNode x = gridCoordinate(c, index % d.gridWidth());
            YamlNode y = gridCoordinate(c, index / d.gridWidth());
            params = params == null ? YamlNode.mapOf(c, "x", x).with("y", y) : params.with("x", x).with("y", y);
        }
        String kindName = c.get("kind").text();
        ComponentKinds.Kind<?> kind = ComponentKinds.get(kindName);
        if (kind == null) {
            throw c.get("kind").error("unknown component kind '" + kindName + "'"
                    + Names.suggest(kindName, ComponentKinds.all().keySet()));
        }
        ParamBinder.Bound b = ParamBinder.bind(kindName, kind.params(), params, c);
        return new Topology.Instance(path, kind, b.params(), b.provenance(), c.where());
    }

    /** A router's coordinate, with the grid as its source (it is not a hardware figure to cite). */
    private static YamlNode gridCoordinate(YamlNode c, int value) {
        return YamlNode.mapOf(c, "value", YamlNode.scalar(c.where(), Integer.toString(value)))
                .with("source", YamlNode.scalar(c.where(), "its position in the grid"));
    }

    // ---- links

    private record Endpoint(List<Seg> segs, String port, YamlNode where) {}

    private record Seg(String name, String sel) {}

    private void link(YamlNode l, Scope scope) {
        checkKeys(l, LINK_KEYS, "link");
        String name = l.get("name") == null ? "link" : l.get("name").text();
        if (l.get("mesh") != null) {
            meshLinks(l, scope, name);
            return;
        }
        Endpoint from = endpoint(l.require("from"));
        Endpoint to = endpoint(l.require("to"));
        Map<String, String> prov = new LinkedHashMap<>();
        LinkSpec spec = spec(l, prov);
        boolean both = l.get("bidirectional") == null || l.get("bidirectional").asBoolean("bidirectional");

        List<Resolved> fromList = resolve(from, scope, null);
        int fromWild = wildcards(from);
        int toWild = wildcards(to);
        if (toWild > 0 && fromWild == 0) {
            List<Resolved> toList = resolve(to, scope, null);
            Resolved f = fromList.get(0);
            for (int j = 0; j < toList.size(); j++) {
                add(name + "[" + j + "]", f.path, from.port + "[" + j + "]", toList.get(j).path, to.port, spec, both, prov, l);
            }
            return;
        }
        for (int j = 0; j < fromList.size(); j++) {
            Resolved f = fromList.get(j);
            List<Resolved> toList = resolve(to, scope, toWild == 0 ? null : f.tuple);
            Resolved t = toList.get(0);
            String toPort = fromWild > 0 && toWild == 0 ? to.port + "[" + j + "]" : to.port;
            String linkName = fromList.size() > 1 ? name + "[" + j + "]" : name;
            add(linkName, f.path, from.port, t.path, toPort, spec, both, prov, l);
        }
    }

    private void meshLinks(YamlNode l, Scope scope, String name) {
        if (l.get("from") != null || l.get("to") != null) throw l.error("a mesh link has 'mesh', not 'from'/'to'");
        String grid = l.get("mesh").text();
        Decl d = scope.decls().get(grid);
        if (d == null || d.gridWidth() == 0) {
            throw l.get("mesh").error("'" + grid + "' is not a component with a 'grid' here" + Names.suggest(grid, scope.decls().keySet()));
        }
        Map<String, String> prov = new LinkedHashMap<>();
        LinkSpec spec = spec(l, prov);
        int w = d.gridWidth();
        int h = d.count() / w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                String here = scope.prefix() + grid + "[" + (y * w + x) + "]";
                if (x + 1 < w) {
                    add(name + "_x" + x + "_" + y, here, "east", scope.prefix() + grid + "[" + (y * w + x + 1) + "]", "west",
                            spec, true, prov, l);
                }
                if (y + 1 < h) {
                    add(name + "_y" + x + "_" + y, here, "north", scope.prefix() + grid + "[" + ((y + 1) * w + x) + "]",
                            "south", spec, true, prov, l);
                }
            }
        }
    }

    private void add(String name, String from, String fromPort, String to, String toPort, LinkSpec spec, boolean both,
                     Map<String, String> prov, YamlNode where) {
        claim(wiredOut, from + "." + fromPort, where);
        claim(wiredIn, to + "." + toPort, where);
        if (both) {
            claim(wiredOut, to + "." + toPort, where);
            claim(wiredIn, from + "." + fromPort, where);
        }
        links.add(new Topology.Link(name, from, fromPort, to, toPort, spec, both, prov, where.where()));
    }

    private static LinkSpec spec(YamlNode l, Map<String, String> prov) {
        double latencyValue = number(l, "latency_ps", prov, true);
        // an hour of simulated time is far beyond any link; larger values would overflow time sums
        if (latencyValue > MAX_LATENCY_PS) {
            throw valueNode(l, "latency_ps").error("'latency_ps' must be at most " + MAX_LATENCY_PS + " (one hour), got " + latencyValue);
        }
        long latency = (long) latencyValue;
        double gbps = number(l, "bandwidth_gbps", prov, true);
        double pj = l.get("energy_pj_per_bit") == null ? 0 : number(l, "energy_pj_per_bit", prov, true);
        if (latency <= 0) throw valueNode(l, "latency_ps").error("'latency_ps' must be > 0 (the engine's lookahead comes from it)");
        if (!(gbps > 0)) throw valueNode(l, "bandwidth_gbps").error("'bandwidth_gbps' must be > 0");
        if (pj < 0) throw valueNode(l, "energy_pj_per_bit").error("'energy_pj_per_bit' must be >= 0");
        return new LinkSpec(latency, gbps * 1e9, pj);
    }

    private static void claim(Map<String, String> wired, String port, YamlNode where) {
        String before = wired.putIfAbsent(port, where.where());
        if (before != null) throw where.error("port '" + port + "' is already linked (at " + before + ")");
    }

    /** Where a link value was written: its {@code value} node (a --set names itself), else the key's node. */
    private static YamlNode valueNode(YamlNode l, String key) {
        YamlNode v = l.get(key);
        return v.isMap() && v.get("value") != null ? v.get("value") : v;
    }

    private static double number(YamlNode l, String key, Map<String, String> prov, boolean required) {
        YamlNode v = required ? l.require(key) : l.get(key);
        if (v.isMap()) {
            YamlNode src = v.get("source");
            prov.put(key, src == null ? null : src.text());
            v = v.require("value");
        } else {
            prov.put(key, null);
        }
        return v.asDouble(key);
    }

    private static Endpoint endpoint(YamlNode n) {
        String text = n.text().trim();
        String[] parts = text.split("\\.");
        if (parts.length < 2) throw n.error("endpoint '" + text + "' must be COMPONENT.PORT");
        List<Seg> segs = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            Matcher m = SEGMENT.matcher(parts[i]);
            if (!m.matches()) throw n.error("endpoint '" + text + "': cannot read '" + parts[i] + "'");
            segs.add(new Seg(m.group(1), m.group(2)));
        }
        String port = parts[parts.length - 1];
        if (!port.matches("[A-Za-z_][A-Za-z0-9_\\-]*")) throw n.error("endpoint '" + text + "': bad port name '" + port + "'");
        return new Endpoint(segs, port, n);
    }

    private static int wildcards(Endpoint e) {
        int n = 0;
        for (Seg s : e.segs()) if (s.sel() != null && (s.sel().equals("*") || s.sel().startsWith("+") || s.sel().startsWith("-"))) n++;
        return n;
    }

    private record Resolved(String path, List<Integer> tuple) {}

    /**
     * The instances an endpoint names. With {@code paired} null, {@code [*]} expands to every
     * index; otherwise the wildcards and offsets take their indices from {@code paired}, in order.
     */
    private List<Resolved> resolve(Endpoint e, Scope scope, List<Integer> paired) {
        List<Resolved> out = new ArrayList<>();
        walk(e, 0, scope, scope.prefix(), new ArrayList<>(), paired, out);
        return out;
    }

    private void walk(Endpoint e, int segIndex, Scope scope, String path, List<Integer> tuple, List<Integer> paired,
                      List<Resolved> out) {
        if (segIndex == e.segs().size()) {
            out.add(new Resolved(path, List.copyOf(tuple)));
            return;
        }
        Seg s = e.segs().get(segIndex);
        Decl d = scope.decls().get(s.name());
        if (d == null) {
            throw e.where().error("link endpoint names '" + s.name() + "', which does not exist here"
                    + Names.suggest(s.name(), scope.decls().keySet()));
        }
        boolean last = segIndex == e.segs().size() - 1;
        if (last && d.block() != null) {
            throw e.where().error("'" + s.name() + "' is a block; name a component inside it");
        }
        if (!last && d.block() == null) {
            throw e.where().error("'" + s.name() + "' is a component, not a block: the endpoint must end with .PORT");
        }
        List<Integer> indices = new ArrayList<>();
        String sel = s.sel();
        if (sel == null) {
            if (d.count() > 1) throw e.where().error("'" + s.name() + "' has " + d.count() + " instances: pick one with [n] or all with [*]");
            indices.add(-1);
        } else if (sel.equals("*") && paired == null) {
            for (int i = 0; i < d.count(); i++) indices.add(i);
        } else if (sel.equals("*") || sel.startsWith("+") || sel.startsWith("-")) {
            if (paired == null) throw e.where().error("an offset [" + sel + "] needs a wildcard on the other side to pair with");
            int k = tuple.size();
            if (k >= paired.size()) throw e.where().error("the 'to' side has more wildcards than the 'from' side");
            int base = paired.get(k);
            int offset = sel.equals("*") ? 0 : Integer.parseInt(sel);
            if (sel.equals("*") && base >= d.count()) {
                throw e.where().error("cannot pair: '" + s.name() + "' has " + d.count() + " instances, the other side more");
            }
            indices.add(Math.floorMod(base + offset, d.count()));
        } else {
            int i = Integer.parseInt(sel);
            if (i < 0 || i >= d.count()) throw e.where().error("'" + s.name() + "[" + i + "]' is out of range 0.." + (d.count() - 1));
            indices.add(-2 - i);
        }
        for (int idx : indices) {
            int i = idx <= -2 ? -2 - idx : idx;
            String segPath = path + s.name() + (d.count() > 1 ? "[" + i + "]" : "");
            List<Integer> t = new ArrayList<>(tuple);
            if (idx >= 0) t.add(i);
            if (last) {
                walk(e, segIndex + 1, scope, segPath, t, paired, out);
            } else {
                Scope child = blockScopes.computeIfAbsent(d.block(), b -> scope(blocks.get(b), "", List.of()));
                walk(e, segIndex + 1, child, segPath + ".", t, paired, out);
            }
        }
        if (segIndex == 0 && paired != null && out.size() != 1) {
            throw e.where().error("internal: paired endpoint resolved to " + out.size() + " instances");
        }
    }

    private static void checkKeys(YamlNode node, Set<String> valid, String what) {
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
            if (!valid.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "' in " + what
                        + Names.suggest(e.getKey(), new TreeSet<>(valid)));
            }
        }
    }
}
