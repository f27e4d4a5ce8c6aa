package org.dramatis.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.dramatis.common.UserError;
import org.dramatis.components.ComponentKinds;
import org.dramatis.components.Role;
import org.dramatis.components.Traits;
import org.dramatis.components.logic.Controller;
import org.dramatis.components.noc.Crossbar;
import org.dramatis.components.noc.NocAddress;
import org.dramatis.components.noc.Router;
import org.dramatis.components.ops.UnitParams;
import org.dramatis.engine.ComponentParams;
import org.dramatis.topology.Topology;

/**
 * The compute resources a mapping can use, as the topology's controller sees them: every
 * component linked to the controller, grouped by kind, in the order of the controller's ports.
 */
public final class Machine {

    /**
     * A compute component and the controller port that reaches it; {@code dst} is its mesh address
     * when it sits behind a NoC (null when linked to the controller directly).
     */
    public record Unit(String port, Topology.Instance instance, NocAddress dst) {
        public String kind() {
            return instance.kind().name();
        }

        public ComponentParams params() {
            return instance.componentParams();
        }

        public Traits traits() {
            return instance.kind().traits();
        }

        /** What the mapping needs to cut work to fit this unit. */
        public UnitParams fit() {
            return UnitParams.of(params());
        }

        /**
         * The top-level block instance this unit is part of (its device: {@code dev[3]} of
         * {@code dev[3].ch[5]}), or null for a unit declared at the top level, which serves every device.
         */
        public String device() {
            return deviceOf(instance.path());
        }
    }

    /** Where the controller reaches a unit: its port, and the unit's address behind the port (or null). */
    public record Place(String port, NocAddress dst) {}

    private final Topology topology;
    private final Topology.Instance controller;
    private final Map<String, List<Unit>> byKind;
    private final Map<Place, Unit> byPlace = new HashMap<>();

    private Machine(Topology topology, Topology.Instance controller, Map<String, List<Unit>> byKind) {
        this.topology = topology;
        this.controller = controller;
        this.byKind = byKind;
        for (List<Unit> units : byKind.values()) for (Unit u : units) byPlace.put(new Place(u.port(), u.dst()), u);
    }

    /** The device (top-level block instance) of the component at {@code path}, or null for a top-level one. */
    public static String deviceOf(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? null : path.substring(0, dot);
    }

    /** The unit a task with this target port and address goes to, or null. */
    public Unit unitAt(String port, NocAddress dst) {
        return byPlace.get(new Place(port, dst));
    }

    public static Machine of(Topology t) {
        List<Topology.Instance> controllers = t.withParams(Controller.Params.class);
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
            if (peer.params() instanceof Router.Params || peer.params() instanceof Crossbar.Params) {
                List<Unit> behind = peer.params() instanceof Router.Params ? behindMesh(t, byPath, peer, port, ctl)
                        : behindCrossbar(t, byPath, peer, port, l);
                for (Unit u : behind) byKind.computeIfAbsent(u.kind(), k -> new ArrayList<>()).add(u);
            } else {
                byKind.computeIfAbsent(peer.kind().name(), k -> new ArrayList<>()).add(new Unit(port, peer, null));
            }
        }
        return new Machine(t, ctl, byKind);
    }

    /**
     * The parts on a crossbar's port groups {@code NAME[i]}, group by group in name order, each
     * addressed {@code (i, g)} for part i of the g-th group; the crossbar must be reached on its
     * {@code up} port.
     */
    private static List<Unit> behindCrossbar(Topology t, Map<String, Topology.Instance> byPath, Topology.Instance xbar,
                                             String port, Topology.Link entry) {
        String entered = entry.from().equals(xbar.path()) ? entry.fromPort() : entry.toPort();
        if (!entered.equals("up")) {
            throw new UserError(entry.where() + ": link '" + entry.name() + "' must reach crossbar '" + xbar.path()
                    + "' on its 'up' port, not '" + entered + "'");
        }
        TreeMap<String, TreeMap<Integer, Topology.Instance>> groups = new TreeMap<>();
        for (Topology.Link l : t.links()) {
            boolean fromHere = l.from().equals(xbar.path());
            if (!fromHere && !l.to().equals(xbar.path())) continue;
            String myPort = fromHere ? l.fromPort() : l.toPort();
            if (myPort.equals("up")) continue;
            Matcher m = Crossbar.DOWN_PORT.matcher(myPort);
            Topology.Instance peer = byPath.get(fromHere ? l.to() : l.from());
            if (!m.matches() || peer.params() instanceof Router.Params || peer.params() instanceof Crossbar.Params) {
                throw new UserError(l.where() + ": link '" + l.name() + "' joins crossbar '" + xbar.path() + "' on port '"
                        + myPort + "': a crossbar has an 'up' port, and below it groups of ports NAME[i] to parts (not switches)");
            }
            groups.computeIfAbsent(m.group(1), g -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), peer);
        }
        List<Unit> units = new ArrayList<>();
        int g = 0;
        for (Map.Entry<String, TreeMap<Integer, Topology.Instance>> group : groups.entrySet()) {
            if (group.getValue().lastKey() != group.getValue().size() - 1) {
                throw new UserError(entry.where() + ": crossbar '" + xbar.path() + "' has gaps in its ports "
                        + group.getKey() + "[i]");
            }
            for (Map.Entry<Integer, Topology.Instance> part : group.getValue().entrySet()) {
                units.add(new Unit(port, part.getValue(), new NocAddress(part.getKey(), g)));
            }
            g++;
        }
        return units;
    }

    /** Every endpoint attached (on a router's {@code local} port) to the mesh that {@code entry} belongs to. */
    private static List<Unit> behindMesh(Topology t, Map<String, Topology.Instance> byPath, Topology.Instance entry,
                                         String port, Topology.Instance ctl) {
        Map<String, List<Topology.Link>> linksOf = new LinkedHashMap<>();
        for (Topology.Link l : t.links()) {
            linksOf.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(l);
            linksOf.computeIfAbsent(l.to(), k -> new ArrayList<>()).add(l);
        }
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(entry.path()));
        List<Unit> units = new ArrayList<>();
        while (!todo.isEmpty()) {
            String r = todo.poll();
            if (!seen.add(r)) continue;
            Router.Params rp = (Router.Params) byPath.get(r).params();
            for (Topology.Link l : linksOf.getOrDefault(r, List.of())) {
                boolean fromHere = l.from().equals(r);
                String other = fromHere ? l.to() : l.from();
                String myPort = fromHere ? l.fromPort() : l.toPort();
                Topology.Instance peer = byPath.get(other);
                if (peer.params() instanceof Router.Params) {
                    todo.add(other);
                } else if (myPort.equals("local") && !peer.path().equals(ctl.path())) {
                    units.add(new Unit(port, peer, new NocAddress(rp.x(), rp.y())));
                }
            }
        }
        units.sort((a, b) -> a.dst().y() != b.dst().y() ? Integer.compare(a.dst().y(), b.dst().y())
                : Integer.compare(a.dst().x(), b.dst().x()));
        return units;
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

    /** Units of the first kind serving {@code role} that the machine has ({@link ComponentKinds#serving}). */
    public List<Unit> serving(Role role) {
        for (String k : ComponentKinds.serving(role)) if (has(k)) return units(k);
        return List.of();
    }

    public Map<String, List<Unit>> all() {
        return byKind;
    }

    /**
     * The devices that hold units, in the order of their first unit: a machine without blocks is
     * one device (an empty list).
     */
    public List<String> devices() {
        LinkedHashSet<String> devices = new LinkedHashSet<>();
        for (List<Unit> units : byKind.values()) {
            for (Unit u : units) if (u.device() != null) devices.add(u.device());
        }
        return new ArrayList<>(devices);
    }
}
