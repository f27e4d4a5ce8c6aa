package org.dramatis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Assignment of components to partitions, and the lookahead it allows: the smallest latency of
 * the links that cross a cut ({@link Long#MAX_VALUE} when none does).
 */
public final class Partitioning {
    private final int[] owner;
    private final int count;

    private Partitioning(int[] owner, int count) {
        this.owner = owner;
        this.count = count;
    }

    /** Uses an explicit assignment; partitions are numbered 0..count-1. */
    public static Partitioning of(int[] owner, int count) {
        for (int p : owner) {
            if (p < 0 || p >= count) throw new IllegalArgumentException("partition " + p + " out of range 0.." + (count - 1));
        }
        return new Partitioning(owner.clone(), count);
    }

    /** Cuts the id range into {@code k} contiguous blocks of near-equal size. */
    public static Partitioning contiguous(Graph graph, int k) {
        int n = graph.size();
        if (k < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + k);
        int parts = Math.max(1, Math.min(k, n));
        int[] owner = new int[n];
        for (int i = 0; i < n; i++) owner[i] = (int) ((long) i * parts / n);
        return new Partitioning(owner, parts);
    }

    public int count() {
        return count;
    }

    public int owner(int component) {
        return owner[component];
    }

    int[] owners() {
        return owner;
    }

    /** Smallest latency of the links that cross a cut. */
    public long lookahead(Graph graph) {
        long min = Long.MAX_VALUE;
        for (Graph.Wire w : graph.wires()) {
            if (owner[w.src()] != owner[w.dst()]) min = Math.min(min, w.spec().latencyPs());
        }
        return min;
    }

    /**
     * For every component, the least simulated time between an event at it and the arrival of
     * anything that event causes in another partition: the least sum of link latencies along a
     * path inside its own partition ending with one cut link ({@link Long#MAX_VALUE} when no path
     * leaves the partition). Messages only travel over links and wake-ups never go back in time,
     * so an event at time t sends nothing across a cut that arrives before t + reach.
     */
    public long[] reach(Graph graph) {
        int n = graph.size();
        long[] reach = new long[n];
        Arrays.fill(reach, Long.MAX_VALUE);
        List<List<Graph.Wire>> into = new ArrayList<>(n);
        for (int c = 0; c < n; c++) into.add(new ArrayList<>());
        for (Graph.Wire w : graph.wires()) {
            if (owner[w.src()] != owner[w.dst()]) reach[w.src()] = Math.min(reach[w.src()], w.spec().latencyPs());
            else into.get(w.dst()).add(w);
        }
        // Dijkstra backwards from the senders on cut links, over the links inside partitions
        PriorityQueue<long[]> todo = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        for (int c = 0; c < n; c++) if (reach[c] != Long.MAX_VALUE) todo.add(new long[] {reach[c], c});
        while (!todo.isEmpty()) {
            long[] head = todo.poll();
            int c = (int) head[1];
            if (head[0] > reach[c]) continue;
            for (Graph.Wire w : into.get(c)) {
                long r = WindowProtocol.saturatingAdd(head[0], w.spec().latencyPs());
                if (r < reach[w.src()]) {
                    reach[w.src()] = r;
                    todo.add(new long[] {r, w.src()});
                }
            }
        }
        return reach;
    }

    /** Number of channels crossing a cut. */
    public int cutChannels(Graph graph) {
        int n = 0;
        for (Graph.Wire w : graph.wires()) if (owner[w.src()] != owner[w.dst()]) n++;
        return n;
    }

    @Override
    public String toString() {
        return "Partitioning" + Arrays.toString(owner);
    }
}
