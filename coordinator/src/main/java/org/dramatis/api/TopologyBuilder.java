package org.dramatis.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Builds a topology in code. It writes topology-file YAML ({@link #yaml()}) and loads it with
 * {@link TopologyLoader#parse}, so a built topology is checked exactly like a file. {@code param}
 * applies to the component added last, {@code latencyPs}/{@code bandwidthGbps}/
 * {@code energyPjPerBit}/{@code bidirectional} to the link added last.
 */
public final class TopologyBuilder {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, Object>> components = new ArrayList<>();
    private final List<Map<String, Object>> links = new ArrayList<>();

    TopologyBuilder(String name) {
        root.put("name", name);
    }

    public TopologyBuilder description(String d) {
        root.put("description", d);
        return this;
    }

    /** The default mapping policy for runs on this topology. */
    public TopologyBuilder mapping(String m) {
        root.put("mapping", m);
        return this;
    }

    /** Adds one instance of a component kind. */
    public TopologyBuilder component(String name, String kind) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("kind", kind);
        components.add(c);
        return this;
    }

    /** Makes the last component {@code n} instances, name[0] .. name[n-1]. */
    public TopologyBuilder count(int n) {
        last(components, "count").put("count", n);
        return this;
    }

    /** Sets a parameter of the last component, with where the number comes from. */
    public TopologyBuilder param(String key, Object value, String source) {
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) last(components, "param").computeIfAbsent("params", k -> new LinkedHashMap<>());
        params.put(key, valueWithSource(value, source));
        return this;
    }

    /** Adds a link from an output port to an input port ({@code instance.port}). */
    public TopologyBuilder link(String name, String from, String to) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("name", name);
        l.put("from", from);
        l.put("to", to);
        links.add(l);
        return this;
    }

    public TopologyBuilder latencyPs(long ps, String source) {
        last(links, "latencyPs").put("latency_ps", valueWithSource(ps, source));
        return this;
    }

    public TopologyBuilder bandwidthGbps(double gbps, String source) {
        last(links, "bandwidthGbps").put("bandwidth_gbps", valueWithSource(gbps, source));
        return this;
    }

    public TopologyBuilder energyPjPerBit(double pj, String source) {
        last(links, "energyPjPerBit").put("energy_pj_per_bit", valueWithSource(pj, source));
        return this;
    }

    public TopologyBuilder bidirectional(boolean b) {
        last(links, "bidirectional").put("bidirectional", b);
        return this;
    }

    /** The topology file this builder describes. */
    public String yaml() {
        Map<String, Object> doc = new LinkedHashMap<>(root);
        doc.put("components", components);
        if (!links.isEmpty()) doc.put("links", links);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(200);
        return new Yaml(o).dump(doc);
    }

    /** Loads the topology (with optional {@code path=value} overrides), checked like a file. */
    public Topology build(String... sets) {
        return TopologyLoader.parse(root.get("name") + " (built in code)", yaml(), List.of(sets));
    }

    private static Map<String, Object> valueWithSource(Object value, String source) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("value", value);
        v.put("source", source);
        return v;
    }

    private static Map<String, Object> last(List<Map<String, Object>> list, String call) {
        if (list.isEmpty()) throw new IllegalStateException(call + "(...) needs a " + (call.equals("param") || call.equals("count")
                ? "component(...)" : "link(...)") + " before it");
        return list.get(list.size() - 1);
    }
}
