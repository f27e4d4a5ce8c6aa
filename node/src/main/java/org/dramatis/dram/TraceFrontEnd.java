package org.dramatis.dram;

import org.dramatis.engine.Component;
import org.dramatis.engine.Context;
import org.dramatis.engine.Stats;

/**
 * Replays a {@link Trace} into the channels of one DRAM configuration with DRAMsim3's trace
 * front-end semantics: requests go in file order, at most one per cycle, never before their
 * cycle, and a request whose transaction queue is full waits (holding back the ones behind it).
 *
 * <p>The front end keeps, per channel, an upper bound on each queue's occupancy: what it sent
 * minus what the channel reported freed ({@link DramChannel.QueueStatus}). While the bound is
 * below the queue size the request is certainly accepted, so the front end sends ahead with
 * {@link Context#sendAt} at the request's own cycle; when a queue may be full it waits for the
 * next status. Requests leave at {@code cycle x tCK + 2 ps} and arrive 1 ps before the next clock
 * edge; statuses take 1 ps, so a slot freed in cycle t is seen in cycle t, as in DRAMsim3.
 *
 * <p>It sends at most {@link #AHEAD} requests ahead of the current cycle unless they fall within
 * the next {@link #AHEAD} cycles, and wakes itself when the first request held back is half that
 * horizon away: requests sent long before they leave only deepen the engine's event queue. A
 * request that may be accepted leaves at its cycle either way, so the results do not change.
 *
 * <p>Ports: output {@code ch<i>} to channel i, input {@code status<i>} from channel i.
 */
public final class TraceFrontEnd implements Component {

    /** Departure offset after the clock edge, and the matching request-link latency. */
    public static final long DEPART_PS = 2;

    /** Requests (and cycles) the front end sends ahead before it holds back (a bound on queued events). */
    static final int AHEAD = 32;

    public static long requestLatencyPs(DramConfig c) {
        return c.tCkPs() - DEPART_PS - 1;
    }

    private final Trace trace;
    private final DramConfig c;
    private final long tCk;
    private final long endCycle;
    private final int[] ports;
    private final long[] sentReads, sentWrites, freedReads, freedWrites;
    /** The cycles of the last {@link #AHEAD} requests sent (ring buffer, indexed by {@code sent}). */
    private final long[] recentCycles = new long[AHEAD];
    /** Cycle of the pending wake-up, or -1. */
    private long wakeCycle = -1;
    private int next;
    private long lastSentCycle = -1;
    private long sent;

    /** @param endCycle the run's length; requests due at or after it are never sent */
    public TraceFrontEnd(Trace trace, DramConfig c, long endCycle) {
        if (c.tCkPs() < 4) throw new IllegalArgumentException("tCK below 4 ps is not supported");
        this.trace = trace;
        this.c = c;
        this.tCk = c.tCkPs();
        this.endCycle = endCycle;
        ports = new int[c.channels];
        sentReads = new long[c.channels];
        sentWrites = new long[c.channels];
        freedReads = new long[c.channels];
        freedWrites = new long[c.channels];
    }

    @Override
    public String kind() {
        return "dram_trace_front_end";
    }

    @Override
    public void start(Context ctx) {
        for (int ch = 0; ch < ports.length; ch++) ports[ch] = ctx.outPort("ch" + ch);
        send(ctx, 0);
    }

    @Override
    public void receive(Context ctx, int inPort, Object payload) {
        if (inPort == Context.SELF) {
            wakeCycle = -1;
        } else {
            DramChannel.QueueStatus s = (DramChannel.QueueStatus) payload;
            freedReads[s.channel()] = s.freedReads();
            freedWrites[s.channel()] = s.freedWrites();
        }
        send(ctx, ctx.now() / tCk);
    }

    /** Sends every request that is certainly accepted, from cycle {@code from} on. */
    private void send(Context ctx, long from) {
        long cyc = Math.max(from, lastSentCycle + 1);
        while (next < trace.size()) {
            cyc = Math.max(cyc, trace.cycle(next));
            if (cyc >= endCycle) return;
            long addr = trace.addr(next);
            boolean write = trace.isWrite(next);
            int ch = c.channelOf(addr);
            if (cyc > from + AHEAD && sent >= AHEAD && recentCycles[(int) (sent % AHEAD)] > from) {
                // AHEAD requests are still to leave and this one is beyond the horizon: come back for it
                if (wakeCycle < 0) {
                    wakeCycle = cyc - AHEAD / 2;
                    ctx.wakeAfter(wakeCycle * tCk - ctx.now(), null);  // the wake-up carries no token
                }
                return;
            }
            if (!mayAccept(ch, write)) return;
            if (write) sentWrites[ch]++;
            else sentReads[ch]++;
            ctx.sendAt(cyc * tCk + DEPART_PS, ports[ch], new DramChannel.Request(addr, write), 0);
            lastSentCycle = cyc;
            recentCycles[(int) (sent % AHEAD)] = cyc;
            next++;
            sent++;
            cyc++;
        }
    }

    private boolean mayAccept(int ch, boolean write) {
        if (c.unifiedQueue) {
            return sentReads[ch] + sentWrites[ch] - freedReads[ch] - freedWrites[ch] < c.transQueueSize;
        }
        return write ? sentWrites[ch] - freedWrites[ch] < c.transQueueSize
                : sentReads[ch] - freedReads[ch] < c.transQueueSize;
    }

    @Override
    public void report(Stats stats) {
        stats.count("sent", sent).count("trace_requests", trace.size());
    }
}
