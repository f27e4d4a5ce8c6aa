package org.dramatis.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dramatis.cli.UserError;
import org.dramatis.components.ComponentParams;
import org.dramatis.topology.Topology;

/**
 * The compute resources a mapping can use, as the topology's controller sees them: every
 * component linked to the controller, grouped by kind, in the order of the controller's ports.
 */
public final class Machine {

    /** A compute component and the controller port that reaches it. */
    public record Unit(String port, Topology.Instance instance) {
        public String kind() {
            return instance.kind().name();
        }

        public ComponentParams params() {
            return instance.componentParams();
        }
    }

    private final Topology topology;
    private final Topology.Instance controller;
    private final Map<String, List<Unit>> byKind;

    private Machine(Topology topology, Topology.Instance controller, Map<String, List<Unit>> byKind) {
        this.topology = topology;
        this.controller = controller;
        this.byKind = byKind;
    }

    public static Machine of(Topology t) {
        List<Topology.Instance> controllers = t.ofKind("controller");
        if (controllers.size() != 1) {
            throw new UserError(t.file() + ": an LLM run needs exactly one component of kind 'controller' (the"
                    + " logic-die controller that runs the compiled program), found " + controllers.size());
        }
        Topology.Instance ctl = controllers.get(0);
        Map<String, Topology.Instance> byPath = new LinkedHashMap<>();
        for (Topology.Instance i : t.instances()) byPath.put(i.path(), i);
        Map<String, List<Unit>> byKind = new LinkedHashMap<>();
        for (Topology.Link l : t.links()) {
            String port;
            Topology.Instance peer;
            if (l.from().equals(ctl.path())) {
                port = l.fromPort();
                peer = byPath.get(l.to());
            } else if (l.bidirectional() && l.to().equals(ctl.path())) {
                port = l.toPort();
                peer = byPath.get(l.from());
            } else {
                continue;
            }
            if (!l.bidirectional()) {
                throw new UserError(l.where() + ": link '" + l.name() + "' from the controller must be bidirectional"
                        + " (results come back over it)");
            }
            byKind.computeIfAbsent(peer.kind().name(), k -> new ArrayList<>()).add(new Unit(port, peer));
        }
        return new Machine(t, ctl, byKind);
    }

    public Topology topology() {
        return topology;
    }

    public Topology.Instance controller() {
        return controller;
    }

    /** Units of one kind, in port order; empty when the machine has none. */
    public List<Unit> units(String kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    public boolean has(String kind) {
        return !units(kind).isEmpty();
    }

    /** Units of the first of {@code kinds} the machine has. */
    public List<Unit> first(List<String> kinds) {
        for (String k : kinds) if (has(k)) return units(k);
        return List.of();
    }

    public Map<String, List<Unit>> all() {
        return byKind;
    }
}
