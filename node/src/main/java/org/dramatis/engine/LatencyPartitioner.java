package org.dramatis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.dramatis.engine.Graph;
import org.dramatis.engine.Partitioning;

/**
 * Cuts a component graph where its links are slowest. For a threshold L, components joined by
 * links faster than L stay together (they form clusters); clusters are then packed into K
 * partitions by size, largest first into the lightest partition. The lookahead is at least L, so
 * the partitioner tries the largest thresholds first and takes the first whose packing is
 * balanced (no partition above {@link #MAX_IMBALANCE} times the mean); failing that, the most
 * balanced. Everything is deterministic: ties go to the lower index.
 */
public final class LatencyPartitioner {

    /** Largest partition over mean partition size that still counts as balanced. */
    static final double MAX_IMBALANCE = 1.5;
    /** Thresholds tried at most (spread over the distinct link latencies). */
    static final int MAX_CANDIDATES = 48;

    private LatencyPartitioner() {}

    public static Partitioning partition(Graph g, int k) {
        int n = g.size();
        if (k <= 1 || n <= 1) return Partitioning.contiguous(g, 1);
        long[] candidates = candidates(g);
        int[] bestOwner = null;
        double bestImbalance = Double.MAX_VALUE;
        for (long threshold : candidates) {
            int[] cluster = clusters(g, threshold);
            int clusterCount = 0;
            for (int c : cluster) clusterCount = Math.max(clusterCount, c + 1);
            if (clusterCount < k) continue;
            int[] owner = pack(cluster, clusterCount, k);
            double imbalance = imbalance(owner, k);
            if (imbalance <= MAX_IMBALANCE) return Partitioning.of(owner, k);
            if (imbalance < bestImbalance) {
                bestImbalance = imbalance;
                bestOwner = owner;
            }
        }
        return bestOwner == null ? Partitioning.contiguous(g, k) : Partitioning.of(bestOwner, k);
    }

    /**
     * The largest lookahead any cut of this graph allows: the largest link latency L such that
     * the links faster than L leave the graph in two or more pieces. {@link Long#MAX_VALUE} for a
     * graph that is already in pieces; 0 for a single component.
     */
    public static long maxLookahead(Graph g) {
        if (g.size() <= 1) return 0;
        if (count(clusters(g, Long.MAX_VALUE)) >= 2) return Long.MAX_VALUE;
        long[] lat = distinctLatencies(g);
        // clusters(L) shrinks as L grows: binary search for the largest L with >= 2 clusters
        int lo = 0;
        int hi = lat.length - 1;
        long best = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (count(clusters(g, lat[mid])) >= 2) {
                best = lat[mid];
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    private static long[] distinctLatencies(Graph g) {
        TreeSet<Long> set = new TreeSet<>();
        for (Graph.Wire w : g.wires()) set.add(w.spec().latencyPs());
        long[] out = new long[set.size()];
        int i = 0;
        for (long l : set) out[i++] = l;
        return out;
    }

    /** Thresholds to try, largest first. */
    private static long[] candidates(Graph g) {
        long[] lat = distinctLatencies(g);
        if (lat.length <= MAX_CANDIDATES) {
            long[] out = new long[lat.length];
            for (int i = 0; i < lat.length; i++) out[i] = lat[lat.length - 1 - i];
            return out;
        }
        long[] out = new long[MAX_CANDIDATES];
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            out[i] = lat[(int) ((long) (lat.length - 1) * (MAX_CANDIDATES - 1 - i) / (MAX_CANDIDATES - 1))];
        }
        return out;
    }

    /** Cluster index of every component when links with latency below {@code threshold} are kept whole. */
    static int[] clusters(Graph g, long threshold) {
        int n = g.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (Graph.Wire w : g.wires()) {
            if (w.spec().latencyPs() < threshold) {
                int a = find(parent, w.src());
                int b = find(parent, w.dst());
                if (a != b) parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        int[] label = new int[n];
        Arrays.fill(label, -1);
        int[] cluster = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (label[r] < 0) label[r] = next++;
            cluster[i] = label[r];
        }
        return cluster;
    }

    private static int count(int[] cluster) {
        int max = -1;
        for (int c : cluster) max = Math.max(max, c);
        return max + 1;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static int[] pack(int[] cluster, int clusterCount, int k) {
        long[] size = new long[clusterCount];
        for (int c : cluster) size[c]++;
        List<Integer> order = new ArrayList<>(clusterCount);
        for (int c = 0; c < clusterCount; c++) order.add(c);
        order.sort((a, b) -> size[a] != size[b] ? Long.compare(size[b], size[a]) : Integer.compare(a, b));
        long[] load = new long[k];
        int[] bin = new int[clusterCount];
        for (int c : order) {
            int lightest = 0;
            for (int p = 1; p < k; p++) if (load[p] < load[lightest]) lightest = p;
            bin[c] = lightest;
            load[lightest] += size[c];
        }
        int[] owner = new int[cluster.length];
        for (int i = 0; i < cluster.length; i++) owner[i] = bin[cluster[i]];
        return owner;
    }

    private static double imbalance(int[] owner, int k) {
        long[] load = new long[k];
        for (int p : owner) load[p]++;
        long max = 0;
        for (long l : load) max = Math.max(max, l);
        return max / ((double) owner.length / k);
    }
}
