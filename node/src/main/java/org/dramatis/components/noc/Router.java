package org.dramatis.components.noc;

import java.util.ArrayList;
import java.util.List;
import org.dramatis.engine.AtLeast;
import org.dramatis.engine.Component;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Context;
import org.dramatis.engine.Stats;

/**
 * A 2D-mesh router with dimension-ordered (XY) routing: a message first travels along x to its
 * destination column, then along y, then leaves on the {@code local} port. Ports (input and
 * output alike): {@code east} (x+1), {@code west} (x-1), {@code north} (y+1), {@code south}
 * (y-1), {@code local} (the attached endpoint).
 *
 * <p>A {@link Multicast} is split where its destinations' XY routes part (an XY multicast tree),
 * so each link carries the shared input once.
 *
 * <p>Timing: virtual cut-through. A message's head leaves {@code hopLatencyPs} after it arrived
 * (a serialisation time of the input link before its tail), and its tail no earlier than
 * {@code hopLatencyPs} after the tail arrived, so a message over h routers on equal links takes
 * one serialisation plus h hop latencies and h + 1 wire latencies, not one serialisation per hop.
 * The output link is held for the message's serialisation from the head's departure (waiting
 * while it is busy), which models the contention between flows that share it; credit-based
 * back-pressure from a full downstream buffer is not modelled. Energy: {@code pjPerBitHop} for every bit that traverses the router
 * (buffer write/read, arbitration, crossbar); wire energy belongs to the mesh link's LinkSpec.
 */
public final class Router implements Component {

    /**
     * @param x            column of this router
     * @param y            row of this router
     * @param hopLatencyPs router pipeline delay per hop. Default 2 ns: a 2-stage router at
     *                     1 GHz (assumption; classic 2-3 stage virtual-channel routers, Dally and
     *                     Towles, "Principles and Practices of Interconnection Networks")
     * @param pjPerBitHop  router traversal energy. Default 0.1 pJ/bit (assumption: DSENT-class
     *                     estimates for a 5-port mesh router at 22-32 nm are of order 0.1 pJ/bit)
     * @param staticPowerW leakage. Default 20.5 mW: DSENT's 5x5 router (64-bit flits, 23 flit
     *                     buffers, 1 GHz) at Bulk45LVT (gem5 ext/dsent/configs/router.cfg, run with
     *                     only the technology file swapped; 17.5 mW at 32 nm, 15.0 mW at 22 nm)
     */
    public record Params(@AtLeast(0) int x, @AtLeast(0) int y, @AtLeast(0) long hopLatencyPs,
                         @AtLeast(0) double pjPerBitHop, @AtLeast(0) double staticPowerW)
            implements ComponentParams {
        public static final long DEFAULT_HOP_LATENCY_PS = 2_000;
        public static final double DEFAULT_PJ_PER_BIT_HOP = 0.1;
        public static final double DEFAULT_STATIC_POWER_W = 0.0205;

        public static Params at(int x, int y) {
            return new Params(x, y, DEFAULT_HOP_LATENCY_PS, DEFAULT_PJ_PER_BIT_HOP, DEFAULT_STATIC_POWER_W);
        }
    }

    private static final String[] PORTS = {"east", "west", "north", "south", "local"};
    private static final int EAST = 0, WEST = 1, NORTH = 2, SOUTH = 3, LOCAL = 4;

    private final Params p;
    private final NocAddress self;
    private final int[] out = new int[PORTS.length];
    private long packets;
    private long bytes;

    public Router(Params p) {
        p.validate();
        this.p = p;
        this.self = new NocAddress(p.x(), p.y());
    }

    @Override
    public String kind() {
        return "router";
    }

    @Override
    public void start(Context ctx) {
        for (int i = 0; i < PORTS.length; i++) out[i] = ctx.hasOutPort(PORTS[i]) ? ctx.outPort(PORTS[i]) : -1;
    }

    @Override
    public void receive(Context ctx, int inPort, Object payload) {
        if (payload instanceof Routed r) {
            long head = headArrival(ctx, inPort, r.wireBytes());
            if (r.src() == null) r = new Routed(r.dst(), self, r.payload(), r.payloadBytes());
            forward(ctx, direction(ctx, r.dst()), r, r.wireBytes(), head);
        } else if (payload instanceof Multicast m) {
            split(ctx, m.src() == null ? self : m.src(), m, headArrival(ctx, inPort, m.wireBytes()));
        } else {
            throw new IllegalStateException("router '" + ctx.name() + "' got a message without a NoC header: " + payload);
        }
    }

    /**
     * One copy per output port that leads to some of the destinations (XY routes from here part
     * only at this router, so no link carries two copies); each local destination gets its own
     * {@link Routed}. Copies go out in port order, destinations keep their order.
     */
    private void split(Context ctx, NocAddress src, Multicast m, long head) {
        List<List<Integer>> byPort = new ArrayList<>(PORTS.length);
        for (int i = 0; i < PORTS.length; i++) byPort.add(new ArrayList<>());
        for (int i = 0; i < m.dsts().size(); i++) byPort.get(direction(ctx, m.dsts().get(i))).add(i);
        for (int dir = 0; dir < PORTS.length; dir++) {
            List<Integer> mine = byPort.get(dir);
            if (mine.isEmpty()) continue;
            if (dir == LOCAL) {
                for (int i : mine) {
                    Routed r = new Routed(m.dsts().get(i), src, m.payloads().get(i), m.sharedBytes());
                    forward(ctx, LOCAL, r, r.wireBytes(), head);
                }
            } else if (mine.size() == m.dsts().size()) {
                Multicast all = m.src() != null ? m : new Multicast(m.dsts(), m.payloads(), src, m.sharedBytes());
                forward(ctx, dir, all, all.wireBytes(), head);
            } else {
                List<NocAddress> dsts = new ArrayList<>(mine.size());
                List<Object> payloads = new ArrayList<>(mine.size());
                for (int i : mine) {
                    dsts.add(m.dsts().get(i));
                    payloads.add(m.payloads().get(i));
                }
                Multicast part = new Multicast(dsts, payloads, src, m.sharedBytes());
                forward(ctx, dir, part, part.wireBytes(), head);
            }
        }
    }

    /** When the message's head came in: its tail arrived now, one serialisation on the input link later. */
    static long headArrival(Context ctx, int inPort, long wireBytes) {
        return ctx.now() - ctx.inLink(inPort).serialisationPs(wireBytes);
    }

    private void forward(Context ctx, int dir, Object message, long wireBytes, long head) {
        packets++;
        bytes += wireBytes;
        ctx.forwardAt(head + p.hopLatencyPs(), ctx.now() + p.hopLatencyPs(), out[dir], message, wireBytes);
    }

    /** XY routing: x first, then y; the port must be wired. */
    private int direction(Context ctx, NocAddress dst) {
        int dir = direction(dst);
        if (out[dir] < 0) {
            throw new IllegalStateException("router '" + ctx.name() + "' at " + self + " has no " + PORTS[dir]
                    + " port on the way to " + dst);
        }
        return dir;
    }

    /** XY routing: x first, then y. */
    private int direction(NocAddress dst) {
        if (dst.x() > self.x()) return EAST;
        if (dst.x() < self.x()) return WEST;
        if (dst.y() > self.y()) return NORTH;
        if (dst.y() < self.y()) return SOUTH;
        return LOCAL;
    }

    @Override
    public void report(Stats stats) {
        stats.count("packets", packets).count("bytes", bytes).energy("router", bytes * 8.0 * p.pjPerBitHop());
    }
}
