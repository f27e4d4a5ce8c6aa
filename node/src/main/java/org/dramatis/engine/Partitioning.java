package org.dramatis.engine;

import java.util.Arrays;

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
