package org.dramatis.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The window end: how far every pending event is from the cut, not only the lookahead. */
class WindowBoundTest {

    static final long MAX = Long.MAX_VALUE;

    @Test
    void reachIsTheShortestPathToACutLink() {
        Graph g = new Graph();
        for (String n : List.of("a", "b", "c", "d", "e")) g.add(n, new TestComponents.Sink());
        g.connect("ab", "a", "out", "b", "in", new LinkSpec(5_000, 1e9, 0));
        g.connect("bc", "b", "out", "c", "in", new LinkSpec(7_000, 1e9, 0));
        g.connect("ac", "a", "out2", "c", "in2", new LinkSpec(20_000, 1e9, 0));
        g.connect("cd", "c", "out", "d", "in", new LinkSpec(100_000, 1e9, 0));
        g.connect("de", "d", "out", "e", "in", new LinkSpec(3_000, 1e9, 0));
        // a, b, c | d, e: only c -> d crosses; d and e never send across
        long[] reach = Partitioning.of(new int[] {0, 0, 0, 1, 1}, 2).reach(g);
        assertArrayEquals(new long[] {112_000, 107_000, 100_000, MAX, MAX}, reach);
        assertEquals(100_000, Partitioning.of(new int[] {0, 0, 0, 1, 1}, 2).lookahead(g));
    }

    /** Wakes itself every {@code periodPs} until {@code untilPs}; sends nothing. */
    static final class Ticker extends TestComponents.Checked {
        final long periodPs;
        final long untilPs;
        long ticks;

        Ticker(long periodPs, long untilPs) {
            this.periodPs = periodPs;
            this.untilPs = untilPs;
        }

        @Override
        public String kind() {
            return "ticker";
        }

        @Override
        public void start(Context ctx) {
            ctx.wakeAfter(periodPs, "tick");
        }

        @Override
        public void receive(Context ctx, int inPort, Object payload) {
            check(ctx);
            ticks++;
            if (ctx.now() + periodPs <= untilPs) ctx.wakeAfter(periodPs, "tick");
        }

        @Override
        public void report(Stats stats) {
            stats.count("ticks", ticks);
        }
    }

    /** Computes for {@code busyPs}, then sends its result on "out". */
    static final class Worker extends TestComponents.Checked {
        final long busyPs;

        Worker(long busyPs) {
            this.busyPs = busyPs;
        }

        @Override
        public String kind() {
            return "worker";
        }

        @Override
        public void start(Context ctx) {
            ctx.wakeAfter(busyPs, "done");
        }

        @Override
        public void receive(Context ctx, int inPort, Object payload) {
            check(ctx);
            ctx.send(ctx.outPort("out"), payload, 64);
        }

        @Override
        public void report(Stats stats) {}
    }

    @Test
    void aLongComputationFarFromTheCutNeedsFewWindows() {
        // the worker computes for 1 ms before its one message crosses a 100 ns link; beside the
        // sink a ticker fires every 10 ns. Windows of one lookahead would number 1 ms / 100 ns = 10,000.
        java.util.function.Supplier<Graph> build = () -> {
            Graph g = new Graph();
            g.add("worker", new Worker(1_000_000_000));
            g.add("sink", new TestComponents.Sink());
            g.add("ticker", new Ticker(10_000, 2_000_000_000));
            g.connect("result", "worker", "out", "sink", "in", new LinkSpec(100_000, 1e9, 0));
            return g;
        };
        Graph g = build.get();
        SimResult cut = Simulation.run(g, Partitioning.of(new int[] {0, 1, 1}, 2), RunOptions.defaults());
        SimResult whole = Simulation.run(build.get(), Partitioning.of(new int[] {0, 0, 0}, 1), RunOptions.defaults());
        assertEquals(whole.simulatedJson(), cut.simulatedJson());
        assertEquals(100_000, cut.host().lookaheadPs());
        // one window up to the message's arrival, one for the rest of the ticks
        assertTrue(cut.host().windows() <= 3, "windows: " + cut.host().windows());
        assertEquals(200_000 + 2, cut.simulated().get("events").asLong());
    }
}
