package org.dramatis.components.noc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dramatis.engine.AtLeast;
import org.dramatis.engine.Component;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Context;
import org.dramatis.engine.Stats;

/**
 * A one-level crossbar switch that fans a device's external link out to its parts: the CXL
 * controller of a CENT device in front of its 32 GDDR6-AiM channels, the buffer die of a stack in
 * front of its channels. Ports: {@code up} (towards the host) and, towards the parts, groups of
 * ports {@code NAME[i]} (a group per kind of part: {@code ch[0..31]} for the channels,
 * {@code vec[0..3]} for the vector units); part i of the g-th group in name order has the address
 * {@code (i, g)}.
 *
 * <p>A {@link Routed} from {@code up} leaves on the port of {@code dst}; a {@link Multicast} from
 * {@code up} crosses the external link once and is copied here to each destination's port (the
 * fan-out of a broadcast inside the device). Anything from a part goes {@code up}. Nested
 * crossbars are not modelled: the parts are endpoints.
 *
 * <p>Timing as the mesh {@link Router}: virtual cut-through with {@code hopLatencyPs} per
 * traversal; each output port is held for the message's serialisation, so parts that answer at
 * once queue for the shared {@code up} link. Energy: {@code pjPerBitHop} per bit through the switch.
 */
public final class Crossbar implements Component {

    /**
     * @param hopLatencyPs switch traversal delay
     * @param pjPerBitHop  switch traversal energy
     * @param staticPowerW leakage
     */
    public record Params(@AtLeast(0) long hopLatencyPs, @AtLeast(0) double pjPerBitHop, @AtLeast(0) double staticPowerW)
            implements ComponentParams {}

    /** The address stamped on messages that enter from {@code up}: replies to it go back up. */
    public static final NocAddress UPSTREAM = new NocAddress(-1, 0);

    private final Params p;
    private int up;
    /** Per group of down ports (in name order), its ports by index. */
    private final List<List<Integer>> groups = new ArrayList<>();
    private long packets;
    private long bytes;

    public Crossbar(Params p) {
        p.validate();
        this.p = p;
    }

    @Override
    public String kind() {
        return "crossbar";
    }

    @Override
    public void start(Context ctx) {
        up = ctx.outPort("up");
        TreeMap<String, TreeMap<Integer, Integer>> byGroup = new TreeMap<>();
        for (int port = 0; port < ctx.outPortCount(); port++) {
            if (port == up) continue;
            Matcher m = DOWN_PORT.matcher(ctx.outPortName(port));
            if (!m.matches()) {
                throw new IllegalStateException("crossbar '" + ctx.name() + "': port '" + ctx.outPortName(port)
                        + "' is neither 'up' nor NAME[i]");
            }
            byGroup.computeIfAbsent(m.group(1), g -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), port);
        }
        for (Map.Entry<String, TreeMap<Integer, Integer>> g : byGroup.entrySet()) {
            if (g.getValue().lastKey() != g.getValue().size() - 1) {
                throw new IllegalStateException("crossbar '" + ctx.name() + "': ports " + g.getKey() + "[i] have gaps");
            }
            groups.add(new ArrayList<>(g.getValue().values()));
        }
    }

    @Override
    public void receive(Context ctx, int inPort, Object payload) {
        boolean fromBelow = !ctx.inPortName(inPort).equals("up");
        if (fromBelow && payload instanceof Routed r) {
            forward(ctx, up, r, r.wireBytes(), Router.headArrival(ctx, inPort, r.wireBytes()));
        } else if (fromBelow) {
            throw new IllegalStateException("crossbar '" + ctx.name() + "' got a non-routed message from below: " + payload);
        } else if (payload instanceof Routed r) {
            long head = Router.headArrival(ctx, inPort, r.wireBytes());
            Routed stamped = r.src() == null ? new Routed(r.dst(), UPSTREAM, r.payload(), r.payloadBytes()) : r;
            forward(ctx, downPort(ctx, r.dst()), stamped, stamped.wireBytes(), head);
        } else if (payload instanceof Multicast m) {
            long head = Router.headArrival(ctx, inPort, m.wireBytes());
            NocAddress src = m.src() == null ? UPSTREAM : m.src();
            for (int i = 0; i < m.dsts().size(); i++) {
                Routed r = new Routed(m.dsts().get(i), src, m.payloads().get(i), m.sharedBytes());
                forward(ctx, downPort(ctx, r.dst()), r, r.wireBytes(), head);
            }
        } else {
            throw new IllegalStateException("crossbar '" + ctx.name() + "' got a message without a NoC header: " + payload);
        }
    }

    private int downPort(Context ctx, NocAddress dst) {
        if (dst.y() < 0 || dst.y() >= groups.size() || dst.x() < 0 || dst.x() >= groups.get(dst.y()).size()) {
            throw new IllegalStateException("crossbar '" + ctx.name() + "' has no part at " + dst);
        }
        return groups.get(dst.y()).get(dst.x());
    }

    /** A port towards the parts: a group's name and the part's index in it. */
    public static final Pattern DOWN_PORT = Pattern.compile("([A-Za-z_][A-Za-z0-9_\\-]*)\\[(\\d+)]");

    private void forward(Context ctx, int port, Object message, long wireBytes, long head) {
        packets++;
        bytes += wireBytes;
        ctx.forwardAt(head + p.hopLatencyPs(), ctx.now() + p.hopLatencyPs(), port, message, wireBytes);
    }

    @Override
    public void report(Stats stats) {
        stats.count("packets", packets).count("bytes", bytes).energy("crossbar", bytes * 8.0 * p.pjPerBitHop());
    }
}
