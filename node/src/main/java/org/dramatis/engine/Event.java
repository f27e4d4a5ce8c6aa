package org.dramatis.engine;

/**
 * One timed message (or wake-up) waiting for its destination. Events are totally ordered by
 * (time, destination, source, per-source sequence): the same inputs give the same order however
 * the graph is partitioned and however many threads run it.
 */
public final class Event implements Comparable<Event> {
    final long time;
    final int dst;
    final int src;
    final long seq;
    final int inPort;
    final Object payload;

    Event(long time, int dst, int src, long seq, int inPort, Object payload) {
        this.time = time;
        this.dst = dst;
        this.src = src;
        this.seq = seq;
        this.inPort = inPort;
        this.payload = payload;
    }

    /** An event rebuilt from its wire form, for transports between partitions. */
    public static Event of(long time, int dst, int src, long seq, int inPort, Object payload) {
        return new Event(time, dst, src, seq, inPort, payload);
    }

    public long time() {
        return time;
    }

    public int dst() {
        return dst;
    }

    public int src() {
        return src;
    }

    public long seq() {
        return seq;
    }

    public int inPort() {
        return inPort;
    }

    public Object payload() {
        return payload;
    }

    @Override
    public int compareTo(Event o) {
        if (time != o.time) return time < o.time ? -1 : 1;
        if (dst != o.dst) return dst < o.dst ? -1 : 1;
        if (src != o.src) return src < o.src ? -1 : 1;
        return Long.compare(seq, o.seq);
    }
}
