package org.dramatis.engine;

import java.util.function.LongConsumer;

/**
 * How to run a graph: dispatcher threads, partition count, the simulated time to stop at, and
 * whether the result lists every component or only totals per kind.
 */
public record RunOptions(int threads, int partitions, long untilPs, boolean perComponent, LongConsumer progress) {

    public RunOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        if (untilPs <= 0) throw new IllegalArgumentException("until must be > 0 ps, got " + untilPs);
    }

    public static RunOptions defaults() {
        return new RunOptions(1, 1, Long.MAX_VALUE, true, null);
    }

    public RunOptions withThreads(int t) {
        return new RunOptions(t, partitions, untilPs, perComponent, progress);
    }

    public RunOptions withPartitions(int p) {
        return new RunOptions(threads, p, untilPs, perComponent, progress);
    }

    public RunOptions until(long ps) {
        return new RunOptions(threads, partitions, ps, perComponent, progress);
    }

    public RunOptions perComponent(boolean on) {
        return new RunOptions(threads, partitions, untilPs, on, progress);
    }

    public RunOptions progress(LongConsumer listener) {
        return new RunOptions(threads, partitions, untilPs, perComponent, listener);
    }
}
