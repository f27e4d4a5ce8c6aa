package org.dramatis.topology;

import java.util.List;
import java.util.Map;
import org.dramatis.components.ComponentKinds;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Graph;
import org.dramatis.engine.LinkSpec;

/**
 * A machine as loaded from a topology file: every component instance with its bound parameters
 * and their provenance, and every link. It is data; {@link #toGraph()} makes fresh components for
 * one run.
 */
public record Topology(String name, String description, String file, String defaultMapping, List<Instance> instances,
                       List<Link> links) {

    /** One component instance; {@code path} is its unique name, such as {@code stack[0].ch[3].ctrl}. */
    public record Instance(String path, ComponentKinds.Kind<?> kind, Record params, Map<String, String> provenance,
                           String where) {
        public ComponentParams componentParams() {
            return (ComponentParams) params;
        }
    }

    /** One link between two ports; bidirectional links carry traffic both ways, each way queued on its own. */
    public record Link(String name, String from, String fromPort, String to, String toPort, LinkSpec spec,
                       boolean bidirectional, Map<String, String> provenance, String where) {}

    /** Builds the engine graph with new component objects. */
    public Graph toGraph() {
        return toGraph(Map.of());
    }

    /** Builds the engine graph, with the parameters of some instances (by path) replaced, e.g. a compiled program. */
    public Graph toGraph(Map<String, Record> replaced) {
        Graph g = new Graph();
        for (Instance i : instances) {
            Record p = replaced.getOrDefault(i.path(), i.params());
            g.add(i.path(), i.kind().create(p), ((ComponentParams) p).staticPowerW());
        }
        for (Link l : links) {
            if (l.bidirectional()) g.connectBoth(l.name(), l.from(), l.fromPort(), l.to(), l.toPort(), l.spec());
            else g.connect(l.name(), l.from(), l.fromPort(), l.to(), l.toPort(), l.spec());
        }
        return g;
    }

    /** The instances whose parameters are of one record type (of one kind), in file order. */
    public List<Instance> withParams(Class<?> params) {
        return instances.stream().filter(i -> params.isInstance(i.params())).toList();
    }
}
