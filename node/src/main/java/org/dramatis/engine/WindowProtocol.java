package org.dramatis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The conservative window protocol, independent of how partitions are reached (local actors or
 * cluster entities) and of how cross-partition events are represented ({@code E}: engine events
 * locally, their wire form in cluster mode, which the coordinator routes without decoding).
 *
 * <p>Each window runs from the earliest pending event (empty time is skipped) to the earliest
 * time at which anything a pending event causes can arrive in another partition: every pending
 * event's time plus its component's {@link Partitioning#reach reach} to a cut. That is never
 * less than the earliest event plus the lookahead, and much more when the busy components are
 * far from the cut or their work ends later (a unit in a long computation). Partitions with
 * nothing earlier than the window's end are not woken, so a window costs in proportion to the
 * active partitions. Cross-partition events are held here between
 * windows and handed to their partition with its next window.
 *
 * <p>Use: feed every partition's report to {@link #report}; when it returns true, call
 * {@link #advance}; on {@link #FINISHED} the run is over at {@link #endPs()}, otherwise hand
 * {@link #takeInbound} to every partition that {@link #wakes} and await its report.
 */
public final class WindowProtocol<E> {

    /** {@link #advance} result when no event is left before the end of the run. */
    public static final long FINISHED = -1;

    /** The protocol's state between two windows, for a consistent checkpoint. */
    public record State<E>(long[] nextLocal, long[] nextInbound, long[] outputLocal, long[] outputInbound,
                           List<List<E>> inbound, long windows, long lastEventTime) {}

    private final int[] owner;
    private final long[] reach;
    private final long until;
    private final ToIntFunction<E> dst;
    private final ToLongFunction<E> time;
    private final long[] nextLocal;
    private final long[] nextInbound;
    private final long[] outputLocal;
    private final long[] outputInbound;
    private final List<List<E>> inbound;
    private int awaiting;
    private long windows;
    private long lastEventTime;
    /** Whether the run ended at {@code until} with events still pending (not by running out of them). */
    private boolean stoppedAtUntil;
    private long windowStart;
    private long windowEnd;

    /** Awaits one start report from each of the {@code partitioning}'s partitions. */
    public WindowProtocol(Graph graph, Partitioning partitioning, long untilPs, ToIntFunction<E> dst,
                          ToLongFunction<E> time) {
        this.owner = partitioning.owners();
        this.reach = partitioning.reach(graph);
        this.until = untilPs;
        this.dst = dst;
        this.time = time;
        int k = partitioning.count();
        this.nextLocal = new long[k];
        this.nextInbound = new long[k];
        Arrays.fill(nextInbound, Long.MAX_VALUE);
        this.outputLocal = new long[k];
        this.outputInbound = new long[k];
        Arrays.fill(outputInbound, Long.MAX_VALUE);
        this.inbound = new ArrayList<>(k);
        for (int p = 0; p < k; p++) inbound.add(new ArrayList<>());
        this.awaiting = k;
    }

    public int partitions() {
        return nextLocal.length;
    }

    /**
     * Records a partition's report after its start or a window: its earliest pending event, its
     * {@link Partition#earliestOutput earliest output}, the time of its last handled event, and
     * the events it sent to other partitions. Returns true when no report is awaited any more.
     */
    public boolean report(int partition, long nextEventTime, long earliestOutput, long lastEvent, List<E> outbound) {
        nextLocal[partition] = nextEventTime;
        outputLocal[partition] = earliestOutput;
        lastEventTime = Math.max(lastEventTime, lastEvent);
        for (E e : outbound) {
            int d = dst.applyAsInt(e);
            int p = owner[d];
            long t = time.applyAsLong(e);
            inbound.get(p).add(e);
            nextInbound[p] = Math.min(nextInbound[p], t);
            outputInbound[p] = Math.min(outputInbound[p], saturatingAdd(t, reach[d]));
        }
        return --awaiting == 0;
    }

    /** Opens the next window and returns its end, or {@link #FINISHED}. */
    public long advance() {
        if (awaiting != 0) throw new IllegalStateException(awaiting + " partition reports still awaited");
        long start = Long.MAX_VALUE;
        long end = Long.MAX_VALUE;
        for (int p = 0; p < nextLocal.length; p++) {
            start = Math.min(start, Math.min(nextLocal[p], nextInbound[p]));
            end = Math.min(end, Math.min(outputLocal[p], outputInbound[p]));
        }
        if (start == Long.MAX_VALUE) return FINISHED;
        if (start >= until) {
            stoppedAtUntil = true;
            return FINISHED;
        }
        windowStart = start;
        // end > start: every link has a latency > 0 (LinkSpec), so every reach is > 0
        windowEnd = Math.min(until, end);
        windows++;
        return windowEnd;
    }

    /** Start of the open window: the earliest pending event. */
    public long windowStart() {
        return windowStart;
    }

    /** Whether partition {@code p} has an event earlier than the open window's end. */
    public boolean wakes(int p) {
        return Math.min(nextLocal[p], nextInbound[p]) < windowEnd;
    }

    /** Hands over the events waiting for partition {@code p}; its report is then awaited. */
    public List<E> takeInbound(int p) {
        List<E> in = inbound.get(p);
        inbound.set(p, new ArrayList<>());
        nextInbound[p] = Long.MAX_VALUE;
        outputInbound[p] = Long.MAX_VALUE;
        awaiting++;
        return in;
    }

    /**
     * Simulated end time: {@code until} when the run was stopped there, or the last event handled
     * when it ran out of events first (also before {@code until}: time nothing happened in is not
     * reported as simulated, nor charged static power).
     */
    public long endPs() {
        return stoppedAtUntil ? until : lastEventTime;
    }

    public long windows() {
        return windows;
    }

    /** Copies the state between two windows (every report in, {@link #advance} not yet called). */
    public State<E> snapshot() {
        if (awaiting != 0) throw new IllegalStateException("a checkpoint needs every partition between two windows");
        List<List<E>> in = new ArrayList<>(inbound.size());
        for (List<E> l : inbound) in.add(List.copyOf(l));
        return new State<>(nextLocal.clone(), nextInbound.clone(), outputLocal.clone(), outputInbound.clone(), in,
                windows, lastEventTime);
    }

    /** Returns to a state taken by {@link #snapshot}; {@link #advance} may follow. */
    public void restore(State<E> s) {
        System.arraycopy(s.nextLocal(), 0, nextLocal, 0, nextLocal.length);
        System.arraycopy(s.nextInbound(), 0, nextInbound, 0, nextInbound.length);
        System.arraycopy(s.outputLocal(), 0, outputLocal, 0, outputLocal.length);
        System.arraycopy(s.outputInbound(), 0, outputInbound, 0, outputInbound.length);
        for (int p = 0; p < inbound.size(); p++) inbound.set(p, new ArrayList<>(s.inbound().get(p)));
        windows = s.windows();
        lastEventTime = s.lastEventTime();
        awaiting = 0;
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
