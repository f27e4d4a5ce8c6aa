package org.dramatis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-derived completion times and energies on small graphs. */
class EngineAnalyticTest {

    // 1 GB/s = 1 byte per ns = 1000 ps per byte
    static final LinkSpec A = new LinkSpec(100_000, 1e9, 0.5);   // 100 ns, 1 GB/s, 0.5 pJ/bit
    static final LinkSpec B = new LinkSpec(40_000, 4e9, 2.0);    // 40 ns, 4 GB/s, 2 pJ/bit

    @Test
    void chainGivesExactCompletionTimeAndEnergy() {
        for (int partitions : new int[] {1, 2, 3}) {
            Graph g = new Graph();
            g.add("src", new TestComponents.Source(1, 64));
            g.add("relay", new TestComponents.Relay(7_000, 64));
            TestComponents.Sink sink = new TestComponents.Sink();
            g.add("sink", sink);
            g.connect("a", "src", "out", "relay", "in", A);
            g.connect("b", "relay", "out", "sink", "in", B);
            SimResult r = Simulation.run(g, RunOptions.defaults().withPartitions(partitions));
            // src: 64 B at 1 GB/s = 64 ns, + 100 ns; relay waits 7 ns; 64 B at 4 GB/s = 16 ns, + 40 ns
            long expected = 64_000 + 100_000 + 7_000 + 16_000 + 40_000;
            assertEquals(List.of(expected), sink.times, "partitions=" + partitions);
            assertEquals(expected, r.simulated().get("end_time_ps").asLong());
            double energy = 64 * 8 * 0.5 + 64 * 8 * 2.0;
            assertEquals(energy, r.simulated().get("energy_pj").asDouble(), 1e-9);
            assertEquals(2, r.simulated().get("by_kind").get("link").get("count").asLong());
        }
    }

    @Test
    void staticPowerIsChargedForTheWholeRunAndReportedApart() {
        for (int partitions : new int[] {1, 3}) {
            Graph g = new Graph();
            g.add("src", new TestComponents.Source(1, 64));
            g.add("relay", new TestComponents.Relay(7_000, 64), 0.25);
            g.add("sink", new TestComponents.Sink(), 1.0);
            g.connect("a", "src", "out", "relay", "in", A);
            g.connect("b", "relay", "out", "sink", "in", B);
            SimResult r = Simulation.run(g, RunOptions.defaults().withPartitions(partitions));
            long end = r.simulated().get("end_time_ps").asLong();
            // 1 W for 1 ps is 1 pJ; the idle sink draws its power before the message arrives too
            double statics = (0.25 + 1.0) * end;
            double dynamic = 64 * 8 * 0.5 + 64 * 8 * 2.0;
            var energy = r.simulated().get("energy");
            assertEquals(statics, energy.get("static_pj").asDouble(), 1e-6, "partitions=" + partitions);
            assertEquals(dynamic, energy.get("dynamic_pj").asDouble(), 1e-6);
            assertEquals(statics + dynamic, r.simulated().get("energy_pj").asDouble(), 1e-6);
            var sink = r.simulated().get("by_kind").get("sink");
            assertEquals(1.0 * end, sink.get("energy").get("static_pj").asDouble(), 1e-6);
            assertEquals(0, sink.get("energy").get("dynamic_pj").asDouble(), 1e-9);
            assertEquals(0, r.simulated().get("by_kind").get("link").get("energy").get("static_pj").asDouble());
        }
        assertThrows(IllegalArgumentException.class, () -> new Graph().add("x", new TestComponents.Sink(), -1));
    }

    @Test
    void messagesContendingForOneLinkSerialise() {
        Graph g = new Graph();
        g.add("src", new TestComponents.Source(3, 100));
        TestComponents.Sink sink = new TestComponents.Sink();
        g.add("sink", sink);
        g.connect("a", "src", "out", "sink", "in", A);
        Simulation.run(g, RunOptions.defaults());
        // each message holds the link 100 ns; the k-th leaves at k*100 ns and lands 100 ns later
        assertEquals(List.of(200_000L, 300_000L, 400_000L), sink.times);
        assertEquals(List.of(0, 1, 2), sink.payloads);
    }

    @Test
    void wakeUpsInterleaveWithIncomingMessages() {
        List<String> log = new ArrayList<>();
        Component waker = new TestComponents.Checked() {
            @Override
            public String kind() {
                return "waker";
            }

            @Override
            public void start(Context ctx) {
                ctx.wakeAfter(150_000, "w150");
                ctx.wakeAfter(50_000, "w50");
                ctx.wakeAfter(250_000, "w250");
            }

            @Override
            public void receive(Context ctx, int inPort, Object payload) {
                check(ctx);
                log.add(ctx.now() / 1000 + ":" + ctx.inPortName(inPort) + ":" + payload);
                if ("w150".equals(payload)) ctx.wakeAfter(0, "w150b");
            }

            @Override
            public void report(Stats stats) {}
        };
        Graph g = new Graph();
        g.add("src", new TestComponents.Source(2, 50));
        g.add("waker", waker);
        g.connect("a", "src", "out", "waker", "in", A);
        Simulation.run(g, RunOptions.defaults().withPartitions(2));
        // messages land at 150 ns and 200 ns (50 ns each on the wire + 100 ns); at 150 ns the
        // message from src (id 0) precedes the wake-ups (source = waker, id 1), and a zero-delay
        // wake-up comes after the event that scheduled it
        assertEquals(List.of("50:self:w50", "150:in:0", "150:self:w150", "150:self:w150b", "200:in:1",
                "250:self:w250"), log);
    }

    @Test
    void emptyTimeIsSkipped() {
        Graph g = new Graph();
        g.add("src", new TestComponents.Source(1, 1));
        g.add("sink", new TestComponents.Sink());
        g.connect("slow", "src", "out", "sink", "in", new LinkSpec(3_600_000_000_000_000L, 1e9, 0));
        SimResult r = Simulation.run(g, RunOptions.defaults().withPartitions(2));
        // one window to deliver an hour-long flight, not one window per lookahead step
        assertEquals(1, r.host().windows());
        assertEquals(1, r.simulated().get("events").asLong());
    }

    @Test
    void stopsAtTheRequestedTime() {
        Graph g = new Graph();
        g.add("src", new TestComponents.Source(5, 100));
        TestComponents.Sink sink = new TestComponents.Sink();
        g.add("sink", sink);
        g.connect("a", "src", "out", "sink", "in", A);
        SimResult r = Simulation.run(g, RunOptions.defaults().until(350_000));
        assertEquals(List.of(200_000L, 300_000L), sink.times);
        assertEquals(350_000, r.simulated().get("end_time_ps").asLong());
        // a limit past the last event: the run ends with its last event, not at the limit
        Graph g2 = new Graph();
        g2.add("src", new TestComponents.Source(2, 100));
        g2.add("sink", new TestComponents.Sink(), 1.0);
        g2.connect("a", "src", "out", "sink", "in", A);
        SimResult late = Simulation.run(g2, RunOptions.defaults().until(1_000_000_000));
        assertEquals(300_000, late.simulated().get("end_time_ps").asLong());
        assertEquals(300_000.0, late.simulated().get("energy").get("static_pj").asDouble(), 1e-9);
    }

    @Test
    void aComponentThatGoesBackInTimeIsCaught() {
        Component liar = new Component() {
            @Override
            public String kind() {
                return "liar";
            }

            @Override
            public void start(Context ctx) {
                ctx.wakeAfter(-1, "x");
            }

            @Override
            public void receive(Context ctx, int inPort, Object payload) {}

            @Override
            public void report(Stats stats) {}
        };
        Graph g = new Graph();
        g.add("liar", liar);
        assertThrows(IllegalArgumentException.class, () -> Simulation.run(g, RunOptions.defaults()));
    }

    @Test
    void linksMustHavePositiveLatency() {
        assertThrows(IllegalArgumentException.class, () -> new LinkSpec(0, 1e9, 0));
    }
}
