package org.dramatis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The components of one partition and their pending events. It handles events strictly in
 * (time, destination, source, sequence) order, one window at a time; a message to a component of
 * another partition goes to the outbox and is handed over at the window's end. The work of a
 * window is proportional to the events in it: idle components are never visited.
 *
 * <p>Plain Java on purpose: the Pekko actor that hosts it ({@link PartitionActor}) and, in cluster
 * mode, a sharded entity wrap the same object.
 */
public final class Partition {

    /** Thrown when a component would handle an event earlier than one it already handled. */
    public static final class CausalityViolation extends IllegalStateException {
        CausalityViolation(String msg) {
            super(msg);
        }
    }

    /**
     * Everything a partition holds between two windows: its components, the queues and counters
     * of the channels they send on (four longs each: freeAt, messages, bytes, busy ps, in local
     * component order), per-component sequence numbers and last event times, and the pending
     * events. Plain data, so a checkpoint can serialise it (Kryo).
     */
    public record Snapshot(int partition, Component[] components, long[] channels, long[] seq, long[] lastTime,
                           Event[] queue, long events, long lastEventTime) {}

    private final int id;
    private final Graph graph;
    private final int[] owner;
    private final long[] reach;
    private final int[] local;
    private final Channel[][] out;
    private final long[] seq;
    private final long[] lastTime;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private List<Event> outbox = new ArrayList<>();
    private final Ctx ctx = new Ctx();
    private long events;
    private long lastEventTime;

    public Partition(int id, Graph graph, Partitioning partitioning) {
        this.id = id;
        this.graph = graph;
        this.owner = partitioning.owners();
        this.reach = partitioning.reach(graph);
        int n = graph.size();
        int count = 0;
        for (int c = 0; c < n; c++) if (owner[c] == id) count++;
        local = new int[count];
        out = new Channel[n][];
        seq = new long[n];
        lastTime = new long[n];
        int k = 0;
        for (int c = 0; c < n; c++) {
            if (owner[c] != id) continue;
            local[k++] = c;
            List<Graph.Wire> ws = graph.outWires(c);
            Channel[] chans = new Channel[ws.size()];
            for (int i = 0; i < chans.length; i++) {
                Graph.Wire w = ws.get(i);
                chans[i] = new Channel(w.link(), w.src(), w.dst(), graph.inPortIndex(w.dst(), w.dstPort()),
                        w.spec(), owner[w.dst()]);
            }
            out[c] = chans;
        }
    }

    public int id() {
        return id;
    }

    /** Calls {@link Component#start} of every local component, in id order, at time 0. */
    public void start() {
        ctx.now = 0;
        for (int c : local) {
            ctx.current = c;
            graph.component(c).start(ctx);
        }
    }

    /** Accepts events that other partitions sent to this one. */
    public void deliver(List<Event> inbound) {
        queue.addAll(inbound);
    }

    /** Handles every pending event earlier than {@code windowEnd}; returns the number handled. */
    public long runUntil(long windowEnd) {
        long before = events;
        Event e;
        while ((e = queue.peek()) != null && e.time < windowEnd) {
            queue.poll();
            int dst = e.dst;
            if (e.time < lastTime[dst]) {
                throw new CausalityViolation("component '" + graph.name(dst) + "' got an event at " + e.time
                        + " ps after one at " + lastTime[dst] + " ps");
            }
            lastTime[dst] = e.time;
            ctx.now = e.time;
            ctx.current = dst;
            graph.component(dst).receive(ctx, e.inPort, e.payload);
            events++;
        }
        if (events > before) lastEventTime = Math.max(lastEventTime, ctx.now);
        return events - before;
    }

    /** Takes the events sent to other partitions during the last window. */
    public List<Event> drainOutbox() {
        List<Event> o = outbox;
        outbox = new ArrayList<>();
        return o;
    }

    /** Earliest pending event time, or {@link Long#MAX_VALUE}. */
    public long nextEventTime() {
        Event e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.time;
    }

    /**
     * Earliest time at which anything the pending events cause can arrive in another partition
     * (see {@link Partitioning#reach}), or {@link Long#MAX_VALUE}. It bounds the next window's end
     * tighter than the lookahead alone when busy components are far from the cut or their
     * pending work lies further ahead.
     */
    public long earliestOutput() {
        long min = Long.MAX_VALUE;
        for (Event e : queue) min = Math.min(min, WindowProtocol.saturatingAdd(e.time, reach[e.dst]));
        return min;
    }

    public long events() {
        return events;
    }

    public long lastEventTime() {
        return lastEventTime;
    }

    /** Copies this partition's state; only between two windows (the outbox must be empty). */
    public Snapshot snapshot() {
        if (!outbox.isEmpty()) throw new IllegalStateException("a checkpoint needs the outbox drained");
        Component[] comps = new Component[local.length];
        long[] s = new long[local.length];
        long[] t = new long[local.length];
        int channels = 0;
        for (int c : local) channels += out[c].length;
        long[] ch = new long[channels * 4];
        int k = 0;
        for (int i = 0; i < local.length; i++) {
            int c = local[i];
            comps[i] = graph.component(c);
            s[i] = seq[c];
            t[i] = lastTime[c];
            for (Channel x : out[c]) {
                ch[k++] = x.freeAt;
                ch[k++] = x.messages;
                ch[k++] = x.bytes;
                ch[k++] = x.busyPs;
            }
        }
        return new Snapshot(id, comps, ch, s, t, queue.toArray(new Event[0]), events, lastEventTime);
    }

    /**
     * Returns this partition, built afresh from the same graph and partitioning, to a snapshot:
     * the snapshot's components replace the ones built for the graph.
     */
    public void restore(Snapshot snap) {
        if (snap.partition() != id || snap.components().length != local.length) {
            throw new IllegalArgumentException("snapshot of partition " + snap.partition() + " ("
                    + snap.components().length + " components) does not fit partition " + id + " ("
                    + local.length + " components)");
        }
        int k = 0;
        for (int i = 0; i < local.length; i++) {
            int c = local[i];
            snap.components()[i].restored(graph.component(c));
            graph.replace(c, snap.components()[i]);
            seq[c] = snap.seq()[i];
            lastTime[c] = snap.lastTime()[i];
            for (Channel x : out[c]) {
                x.freeAt = snap.channels()[k++];
                x.messages = snap.channels()[k++];
                x.bytes = snap.channels()[k++];
                x.busyPs = snap.channels()[k++];
            }
        }
        queue.clear();
        queue.addAll(Arrays.asList(snap.queue()));
        outbox = new ArrayList<>();
        events = snap.events();
        lastEventTime = snap.lastEventTime();
    }

    /** Reports of the local components (in id order) and of the channels they send on. */
    public List<Report> report(long endPs) {
        List<Report> reports = new ArrayList<>(local.length);
        for (int c : local) {
            Stats s = new Stats(endPs);
            graph.component(c).report(s);
            // 1 W for 1 ps is 1 pJ
            if (graph.staticPowerW(c) > 0) s.staticEnergy("static", graph.staticPowerW(c) * endPs);
            reports.add(new Report(c, graph.name(c), graph.component(c).kind(), s, channelReports(c)));
        }
        return reports;
    }

    private List<Report.LinkReport> channelReports(int c) {
        List<Report.LinkReport> links = new ArrayList<>(out[c].length);
        for (Channel ch : out[c]) {
            links.add(new Report.LinkReport(ch.link, graph.name(ch.src), graph.name(ch.dst), ch.messages, ch.bytes,
                    ch.busyPs, ch.energyPj()));
        }
        return links;
    }

    private final class Ctx implements Context {
        long now;
        int current;

        @Override
        public long now() {
            return now;
        }

        @Override
        public String name() {
            return graph.name(current);
        }

        @Override
        public int outPort(String name) {
            Channel[] chans = out[current];
            List<Graph.Wire> ws = graph.outWires(current);
            for (int i = 0; i < chans.length; i++) if (ws.get(i).srcPort().equals(name)) return i;
            throw new IllegalStateException("component '" + graph.name(current) + "' has no output port '" + name + "'");
        }

        @Override
        public boolean hasOutPort(String name) {
            for (Graph.Wire w : graph.outWires(current)) if (w.srcPort().equals(name)) return true;
            return false;
        }

        @Override
        public int outPortCount() {
            return out[current].length;
        }

        @Override
        public String outPortName(int port) {
            return graph.outWires(current).get(port).srcPort();
        }

        @Override
        public String inPortName(int inPort) {
            return inPort == SELF ? "self" : graph.inPorts(current).get(inPort);
        }

        @Override
        public long send(int port, Object payload, long sizeBytes) {
            return sendAt(now, port, payload, sizeBytes);
        }

        @Override
        public long sendAt(long departPs, int port, Object payload, long sizeBytes) {
            if (departPs < now) throw new IllegalArgumentException("cannot send in the past: " + departPs + " < " + now);
            Channel ch = out[current][port];
            return deliver(ch, ch.carry(departPs, sizeBytes), payload);
        }

        @Override
        public long forwardAt(long headDepartPs, long tailDepartPs, int port, Object payload, long sizeBytes) {
            if (tailDepartPs < now) throw new IllegalArgumentException("a tail cannot leave in the past: " + tailDepartPs + " < " + now);
            Channel ch = out[current][port];
            return deliver(ch, ch.carryCutThrough(headDepartPs, tailDepartPs, sizeBytes), payload);
        }

        private long deliver(Channel ch, long t, Object payload) {
            Event e = new Event(t, ch.dst, current, seq[current]++, ch.dstInPort, payload);
            if (ch.dstPartition == id) queue.add(e);
            else outbox.add(e);
            return t;
        }

        @Override
        public LinkSpec inLink(int inPort) {
            return graph.inLink(current, inPort);
        }

        @Override
        public void wakeAfter(long delayPs, Object token) {
            if (delayPs < 0) throw new IllegalArgumentException("negative wake-up delay " + delayPs);
            queue.add(new Event(now + delayPs, current, current, seq[current]++, SELF, token));
        }

        @Override
        public long linkFreeAt(int port) {
            return out[current][port].freeAt;
        }
    }
}
