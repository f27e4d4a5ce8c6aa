package org.dramatis.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The component graph of one run: components (ids in insertion order, which the deterministic
 * tie-break uses) and the directed channels between their ports. A bidirectional link is two
 * channels, each with its own serialisation queue.
 */
public final class Graph {

    /** One direction of a link, from an output port to an input port. */
    public record Wire(String link, int src, String srcPort, int dst, String dstPort, LinkSpec spec) {}

    private final List<String> names = new ArrayList<>();
    private final List<Component> components = new ArrayList<>();
    private final List<Double> staticWatts = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<Wire> wires = new ArrayList<>();
    private final List<List<Wire>> outWires = new ArrayList<>();
    private final List<List<String>> inPorts = new ArrayList<>();
    /** The link into each input port, in the order of {@link #inPorts}. */
    private final List<List<LinkSpec>> inLinks = new ArrayList<>();

    /** Adds a component that draws no static power and returns its id. */
    public int add(String name, Component component) {
        return add(name, component, 0);
    }

    /**
     * Adds a component that draws {@code staticPowerW} watts whether or not it works (its kind's
     * {@link ComponentParams#staticPowerW()}); the run charges it for the run's whole time.
     */
    public int add(String name, Component component, double staticPowerW) {
        if (!(staticPowerW >= 0) || Double.isInfinite(staticPowerW)) {
            throw new IllegalArgumentException("component '" + name + "': static power must be >= 0 W, got " + staticPowerW);
        }
        if (ids.containsKey(name)) throw new IllegalArgumentException("duplicate component name '" + name + "'");
        int id = components.size();
        ids.put(name, id);
        names.add(name);
        components.add(component);
        staticWatts.add(staticPowerW);
        outWires.add(new ArrayList<>());
        inPorts.add(new ArrayList<>());
        inLinks.add(new ArrayList<>());
        return id;
    }

    /** Connects {@code src.srcPort -> dst.dstPort} in one direction. */
    public Graph connect(String link, String src, String srcPort, String dst, String dstPort, LinkSpec spec) {
        int s = id(src);
        int d = id(dst);
        for (Wire w : outWires.get(s)) {
            if (w.srcPort().equals(srcPort)) {
                throw new IllegalArgumentException("output port '" + src + "." + srcPort + "' is already wired");
            }
        }
        if (inPorts.get(d).contains(dstPort)) {
            throw new IllegalArgumentException("input port '" + dst + "." + dstPort + "' is already wired");
        }
        Wire w = new Wire(link, s, srcPort, d, dstPort, spec);
        wires.add(w);
        outWires.get(s).add(w);
        inPorts.get(d).add(dstPort);
        inLinks.get(d).add(spec);
        return this;
    }

    /** Connects two components both ways with the same parameters: {@code a.bPort <-> b.aPort}. */
    public Graph connectBoth(String link, String a, String aPort, String b, String bPort, LinkSpec spec) {
        connect(link, a, aPort, b, bPort, spec);
        connect(link, b, bPort, a, aPort, spec);
        return this;
    }

    public int id(String name) {
        Integer id = ids.get(name);
        if (id == null) throw new IllegalArgumentException("no component named '" + name + "'");
        return id;
    }

    public boolean contains(String name) {
        return ids.containsKey(name);
    }

    public int size() {
        return components.size();
    }

    /** Static power (W) of component {@code id}. */
    public double staticPowerW(int id) {
        return staticWatts.get(id);
    }

    public String name(int id) {
        return names.get(id);
    }

    public Component component(int id) {
        return components.get(id);
    }

    /** Puts a restored component in place of the one built for this id (checkpoint restore). */
    void replace(int id, Component component) {
        components.set(id, component);
    }

    public List<Wire> wires() {
        return Collections.unmodifiableList(wires);
    }

    List<Wire> outWires(int id) {
        return outWires.get(id);
    }

    List<String> inPorts(int id) {
        return inPorts.get(id);
    }

    /** The link into input port {@code inPort} of component {@code id}. */
    LinkSpec inLink(int id, int inPort) {
        return inLinks.get(id).get(inPort);
    }

    /** Index of {@code dstPort} among the input ports of component {@code dst}. */
    int inPortIndex(int dst, String dstPort) {
        return inPorts.get(dst).indexOf(dstPort);
    }
}
