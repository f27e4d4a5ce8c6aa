package org.dramatis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.dramatis.synthetic.SyntheticGraphs;
import org.dramatis.wire.KryoCodec;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint taken between two windows, serialised with Kryo and restored into a graph built
 * afresh, continues to the same result as a run that was never interrupted.
 */
class CheckpointTest {

    /** Drives the window protocol over plain partitions in one thread, as a cluster coordinator does. */
    static final class Run {
        final Graph graph;
        final Partitioning parts;
        final Partition[] partitions;
        final WindowProtocol<Event> protocol;

        Run(Graph graph, Partitioning parts) {
            this(graph, parts, Long.MAX_VALUE);
        }

        Run(Graph graph, Partitioning parts, long untilPs) {
            this.graph = graph;
            this.parts = parts;
            this.partitions = new Partition[parts.count()];
            this.protocol = new WindowProtocol<>(graph, parts, untilPs, Event::dst, Event::time);
            for (int p = 0; p < partitions.length; p++) partitions[p] = new Partition(p, graph, parts);
        }

        /** A checkpoint between two windows through Kryo, as a cluster coordinator holds it. */
        Saved save(KryoCodec codec) {
            List<byte[]> snaps = new ArrayList<>();
            for (Partition p : partitions) snaps.add(codec.encode(p.snapshot()));
            WindowProtocol.State<Event> state = protocol.snapshot();
            byte[] inbound = codec.encode(state.inbound().stream().map(l -> l.toArray(new Event[0])).toArray(Event[][]::new));
            return new Saved(snaps, state, inbound);
        }

        /** A run of {@code graph}, built afresh, returned to {@code saved}. */
        static Run resume(Graph graph, Partitioning parts, long untilPs, Saved saved, KryoCodec codec) {
            Run r = new Run(graph, parts, untilPs);
            for (int p = 0; p < saved.partitions().size(); p++) {
                r.partitions[p].restore((Partition.Snapshot) codec.decode(saved.partitions().get(p)));
            }
            List<List<Event>> in = new ArrayList<>();
            for (Event[] es : (Event[][]) codec.decode(saved.inbound())) in.add(Arrays.asList(es));
            WindowProtocol.State<Event> s = saved.state();
            r.protocol.restore(new WindowProtocol.State<>(s.nextLocal(), s.nextInbound(), s.outputLocal(),
                    s.outputInbound(), in, s.windows(), s.lastEventTime()));
            return r;
        }

        void start() {
            for (Partition p : partitions) {
                p.start();
                protocol.report(p.id(), p.nextEventTime(), p.earliestOutput(), 0, p.drainOutbox());
            }
        }

        /** Runs windows until {@code stopAfter} windows have run (or the end); false at the end. */
        boolean runWindows(long stopAfter) {
            while (protocol.windows() < stopAfter) {
                long end = protocol.advance();
                if (end == WindowProtocol.FINISHED) return false;
                for (Partition p : partitions) {
                    if (!protocol.wakes(p.id())) continue;
                    p.deliver(protocol.takeInbound(p.id()));
                    p.runUntil(end);
                    protocol.report(p.id(), p.nextEventTime(), p.earliestOutput(), p.lastEventTime(), p.drainOutbox());
                }
            }
            return true;
        }

        /** Every component's report as of now, by component id. */
        List<Report> reports() {
            List<Report> reports = new ArrayList<>();
            for (Partition p : partitions) reports.addAll(p.report(protocol.endPs()));
            reports.sort((a, b) -> Integer.compare(a.id(), b.id()));
            return reports;
        }

        String result() {
            long events = 0;
            for (Partition p : partitions) events += p.events();
            return SimResult.of(protocol.endPs(), events, reports(), true, null).simulatedJson();
        }
    }

    /** Encoded partition snapshots, the protocol's counters and its encoded events in flight. */
    record Saved(List<byte[]> partitions, WindowProtocol.State<Event> state, byte[] inbound) {}

    /** A deep copy through Kryo: the running partitions go on changing the components they snapshot. */
    static Partition.Snapshot copy(Partition.Snapshot s) {
        return (Partition.Snapshot) KryoCodec.SHARED.decode(KryoCodec.SHARED.encode(s));
    }

    static Graph graph() {
        return SyntheticGraphs.random(11, 400, 30);
    }

    @Test
    void restoredRunContinuesToTheUninterruptedResult() {
        Supplier<Graph> build = CheckpointTest::graph;
        Graph g = build.get();
        Partitioning parts = Partitioning.contiguous(g, 3);
        String uninterrupted = Simulation.run(build.get(), parts, RunOptions.defaults().withThreads(2)).simulatedJson();

        Run first = new Run(g, parts);
        first.start();
        assertTrue(first.runWindows(40), "the checkpoint must fall mid-run");
        Saved saved = first.save(KryoCodec.SHARED);
        first.runWindows(Long.MAX_VALUE);
        assertEquals(uninterrupted, first.result(), "taking a checkpoint must not disturb the run");

        Run restored = Run.resume(build.get(), parts, Long.MAX_VALUE, saved, KryoCodec.SHARED);
        restored.runWindows(Long.MAX_VALUE);
        assertEquals(uninterrupted, restored.result());
    }

    @Test
    void aCheckpointWithoutTheEventsInFlightGivesADifferentResult() {
        Graph g = graph();
        Partitioning parts = Partitioning.contiguous(g, 3);
        Run first = new Run(g, parts);
        first.start();
        first.runWindows(40);
        WindowProtocol.State<Event> state = first.protocol.snapshot();
        List<List<Event>> none = new ArrayList<>();
        int inFlight = 0;
        for (List<Event> l : state.inbound()) {
            inFlight += l.size();
            none.add(List.of());
        }
        assertTrue(inFlight > 0, "events must be in flight between partitions at the checkpoint");
        Partition.Snapshot[] snaps = new Partition.Snapshot[3];
        for (int p = 0; p < 3; p++) snaps[p] = copy(first.partitions[p].snapshot());
        first.runWindows(Long.MAX_VALUE);

        Run lossy = new Run(graph(), parts);
        for (int p = 0; p < 3; p++) lossy.partitions[p].restore(snaps[p]);
        lossy.protocol.restore(new WindowProtocol.State<>(state.nextLocal(), state.nextInbound(), state.outputLocal(),
                state.outputInbound(), none,
                state.windows(), state.lastEventTime()));
        lossy.runWindows(Long.MAX_VALUE);
        assertNotEquals(first.result(), lossy.result(), "the comparison must be able to fail");
    }

    @Test
    void seededRandomDrawsWhatSplittableRandomDraws() {
        for (long seed : new long[] {0, 1, -7, 0x5DEECE66DL}) {
            SeededRandom ours = new SeededRandom(seed);
            SplittableRandom jdk = new SplittableRandom(seed);
            for (int i = 0; i < 2000; i++) {
                int bound = 1 + (i % 97) * 13;
                assertEquals(jdk.nextInt(bound), ours.nextInt(bound));
                assertEquals(jdk.nextInt(64), ours.nextInt(64));
                assertEquals(jdk.nextLong(1L + i * 1_000_003L), ours.nextLong(1L + i * 1_000_003L));
                assertEquals(jdk.nextLong(), ours.nextLong());
                assertEquals(jdk.nextInt(), ours.nextInt());
                assertEquals(jdk.nextDouble(), ours.nextDouble());
            }
        }
    }
}
