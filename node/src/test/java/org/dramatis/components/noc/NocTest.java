package org.dramatis.components.noc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dramatis.components.logic.Controller;
import org.dramatis.components.logic.Program;
import org.dramatis.components.logic.VectorUnit;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpClass;
import org.dramatis.engine.Component;
import org.dramatis.engine.Context;
import org.dramatis.engine.Graph;
import org.dramatis.engine.LinkSpec;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;
import org.dramatis.engine.Stats;
import org.junit.jupiter.api.Test;

class NocTest {

    /** Endpoint-to-router link: 0.5 ns, no serialisation, no energy. */
    static final LinkSpec LOCAL = new LinkSpec(500, Double.POSITIVE_INFINITY, 0);

    /** Sends one routed message of {@code payloadBytes} to {@code dst} after {@code delayPs}. */
    static final class Injector implements Component {
        final NocAddress dst;
        final long payloadBytes;
        final long delayPs;

        Injector(NocAddress dst, long payloadBytes, long delayPs) {
            this.dst = dst;
            this.payloadBytes = payloadBytes;
            this.delayPs = delayPs;
        }

        @Override
        public String kind() {
            return "injector";
        }

        @Override
        public void start(Context ctx) {
            ctx.wakeAfter(delayPs, "go");
        }

        @Override
        public void receive(Context ctx, int inPort, Object payload) {
            Routed r = new Routed(dst, null, ctx.name(), payloadBytes);
            ctx.send(ctx.outPort("noc"), r, r.wireBytes());
        }

        @Override
        public void report(Stats stats) {}
    }

    /** Records when each routed message arrives, where it came from and what it carried. */
    static final class Sink implements Component {
        final List<Long> times = new ArrayList<>();
        final List<NocAddress> sources = new ArrayList<>();
        final List<Object> payloads = new ArrayList<>();

        @Override
        public String kind() {
            return "sink";
        }

        @Override
        public void receive(Context ctx, int inPort, Object payload) {
            times.add(ctx.now());
            sources.add(((Routed) payload).src());
            payloads.add(((Routed) payload).payload());
        }

        @Override
        public void report(Stats stats) {}
    }

    @Test
    void xyRoutingTakesTheExpectedHopsBothWays() {
        Graph g = new Graph();
        Controller ctl = new Controller(Controller.Params.of(new Program(List.of(new Program.Task("noc",
                new Compute(1, OpClass.RESIDUAL_ADD, 1, 16_000, 0, 0, 56, 56, null), List.of(), new NocAddress(2, 1), null, -1)))));
        g.add("ctl", ctl);
        g.add("vec", new VectorUnit(VectorUnit.Params.defaults()));
        Mesh mesh = Mesh.build(g, "r", 3, 2, 2_000, 0.1, Links.nocLink());
        mesh.attach(g, "ctl", 0, 0, LOCAL).attach(g, "vec", 2, 1, LOCAL);
        SimResult r = Simulation.run(g, RunOptions.defaults());
        // 56 B + 8 B header = 64 B: 2 ns on each 32 GB/s mesh link, plus 1 ns flight.
        // (0,0) -> (2,1) in XY order: routers (0,0) (1,0) (2,0) (2,1), 3 mesh links; cut-through,
        // so the message serialises once: 0.5 + 4 * 2 + 2 + 3 * 1 + 0.5 = 14 ns (store-and-forward
        // would take 0.5 + 4 * 2 + 3 * (2 + 1) + 0.5 = 18 ns); the add takes 500 ns; the Done comes
        // back (2,1) -> (1,1) -> (0,1) -> (0,0), also 4 routers and 3 links: 14 ns
        assertEquals(14_000 + 500_000 + 14_000, ctl.finishPs());
        JsonNode c = r.simulated().get("components");
        // the request passes r_1_0 and r_2_0, the answer r_1_1 and r_0_1 (x first, then y, both ways)
        long[] packets = {c.get("r_0_0").get("packets").asLong(), c.get("r_1_0").get("packets").asLong(),
                c.get("r_2_0").get("packets").asLong(), c.get("r_0_1").get("packets").asLong(),
                c.get("r_1_1").get("packets").asLong(), c.get("r_2_1").get("packets").asLong()};
        assertArrayEquals(new long[] {2, 1, 1, 1, 1, 2}, packets);
        // energy: 8 router traversals * 512 bit * 0.1 pJ = 409.6; 6 mesh-link crossings * 512 bit *
        // 0.15 pJ = 460.8; vector unit 16000 ops * 1 pJ + (56 + 56) B * 1.25 pJ = 16140; the
        // controller's one instruction 70 pJ + (56 + 56) B through its buffer * 12.5 pJ = 1470
        assertEquals(409.6 + 460.8 + 16_140 + 1_470, r.simulated().get("energy_pj").asDouble(), 1e-6);
    }

    @Test
    void aLongMessageSerialisesOnceOverManyHops() {
        // 1 x 6 row, 31,992 + 8 = 32,000 B from (0,0) to (5,0): 1 us on each 32 GB/s link. Cut-through:
        // 0.5 + 6 routers * 2 + 1000 (once) + 5 links * 1 + 0.5 = 1018 ns; store-and-forward would
        // serialise on every one of the 5 links: 0.5 + 6 * 2 + 5 * (1000 + 1) + 0.5 = 5018 ns
        Graph g = new Graph();
        g.add("a", new Injector(new NocAddress(5, 0), 31_992, 0));
        Sink sink = new Sink();
        g.add("sink", sink);
        Mesh.build(g, "r", 6, 1, 2_000, 0.1, Links.nocLink()).attach(g, "a", 0, 0, LOCAL).attach(g, "sink", 5, 0, LOCAL);
        Simulation.run(g, RunOptions.defaults());
        assertEquals(List.of(1_018_000L), sink.times);
    }

    @Test
    void twoFlowsOnOneMeshLinkQueue() {
        // 1 x 3 row: A at (0,0) and B at (1,0) both send 31,992 + 8 = 32,000 B to the sink at (2,0);
        // both need the link (1,0) -> (2,0), where a message takes 32000 B / 32 GB/s = 1 us.
        // A reaches r_1_0 at 0.5 + 2 + 1000 + 1 = 1003.5 ns; B is injected at 1003 ns so that it
        // reaches r_1_0 at the same time: both are ready for the shared link at 1005.5 ns.
        Graph g = new Graph();
        g.add("a", new Injector(new NocAddress(2, 0), 31_992, 0));
        g.add("b", new Injector(new NocAddress(2, 0), 31_992, 1_003_000));
        Sink sink = new Sink();
        g.add("sink", sink);
        Mesh mesh = Mesh.build(g, "r", 3, 1, 2_000, 0.1, Links.nocLink());
        mesh.attach(g, "a", 0, 0, LOCAL).attach(g, "b", 1, 0, LOCAL).attach(g, "sink", 2, 0, LOCAL);
        SimResult r = Simulation.run(g, RunOptions.defaults());
        // the first leaves at 1005.5 ns, arrives at r_2_0 at 2006.5 ns, +2 ns router, +0.5 ns:
        // 2009 ns; the second waits for the link until 2005.5 ns: one serialisation (1 us) later
        assertEquals(List.of(2_009_000L, 3_009_000L), sink.times);
        // both arrive at r_1_0 at 1003.5 ns; the engine's tie-break (time, destination, source id)
        // hands over b's message (from b, id 1) before a's (from r_0_0, id 3), so b's wins the link
        assertEquals(List.of(new NocAddress(1, 0), new NocAddress(0, 0)), sink.sources);
        JsonNode shared = r.simulated().get("links").get("r_1_0->r_2_0");
        assertEquals(2, shared.get("messages").asLong());
        assertEquals(2_000_000, shared.get("busy_ps").asLong());
    }

    /** Sends one multicast of {@code sharedBytes} to {@code dsts}, payload i being the letter 'a' + i. */
    static final class Multicaster implements Component {
        final List<NocAddress> dsts;
        final long sharedBytes;

        Multicaster(List<NocAddress> dsts, long sharedBytes) {
            this.dsts = dsts;
            this.sharedBytes = sharedBytes;
        }

        @Override
        public String kind() {
            return "multicaster";
        }

        @Override
        public void start(Context ctx) {
            List<Object> payloads = new ArrayList<>();
            for (int i = 0; i < dsts.size(); i++) payloads.add(String.valueOf((char) ('a' + i)));
            Multicast m = new Multicast(dsts, payloads, null, sharedBytes);
            ctx.send(ctx.outPort("noc"), m, m.wireBytes());
        }

        @Override
        public void receive(Context ctx, int inPort, Object payload) {}

        @Override
        public void report(Stats stats) {}
    }

    @Test
    void aMulticastSplitsWhereTheXyRoutesPart() {
        Graph g = new Graph();
        g.add("src", new Multicaster(List.of(new NocAddress(1, 0), new NocAddress(2, 0), new NocAddress(1, 1)), 40));
        Sink[] sinks = {new Sink(), new Sink(), new Sink()};
        g.add("s10", sinks[0]);
        g.add("s20", sinks[1]);
        g.add("s11", sinks[2]);
        Mesh.build(g, "r", 3, 2, 2_000, 0.1, Links.nocLink()).attach(g, "src", 0, 0, LOCAL)
                .attach(g, "s10", 1, 0, LOCAL).attach(g, "s20", 2, 0, LOCAL).attach(g, "s11", 1, 1, LOCAL);
        SimResult r = Simulation.run(g, RunOptions.defaults());
        // 8 B header + 3 x 8 B descriptors + 40 B = 72 B: 2.25 ns on a 32 GB/s link, + 1 ns flight.
        // r_0_0 gets it at 0.5 ns, its head leaves east at 2.5 ns; r_1_0 has the tail at 5.75 ns
        // (the head at 3.5 ns). The tail leaves 2 ns after it came, at 7.75 ns: (1,0) gets its own
        // 48 B message 0.5 ns later, 8.25 ns; the one-destination copies of 56 B (1.75 ns) east and
        // north start with the head at 5.5 ns but end with the tail at 7.75 ns, reach their routers
        // at 8.75 ns (heads at 7 ns) and their endpoints when the tail is through: 8.75 + 2 + 0.5 = 11.25 ns
        assertEquals(List.of(8_250L), sinks[0].times);
        assertEquals(List.of(11_250L), sinks[1].times);
        assertEquals(List.of(11_250L), sinks[2].times);
        assertEquals(List.of("a"), sinks[0].payloads);
        assertEquals(List.of("b"), sinks[1].payloads);
        assertEquals(List.of("c"), sinks[2].payloads);
        JsonNode links = r.simulated().get("links");
        assertEquals(72, links.get("r_0_0->r_1_0").get("bytes").asLong());
        assertEquals(56, links.get("r_1_0->r_2_0").get("bytes").asLong());
        assertEquals(56, links.get("r_1_0->r_1_1").get("bytes").asLong());
    }

    /** A controller at (0,0) of a 3 x 2 mesh running one operator over the five vector units. */
    static Graph broadcastMesh(boolean sharedInput) {
        return broadcastMesh(sharedInput, true);
    }

    /** ... with the controller's multicast switched on or off. */
    static Graph broadcastMesh(boolean sharedInput, boolean multicast) {
        Graph g = new Graph();
        List<Program.Task> tasks = new ArrayList<>();
        int id = 0;
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                if (x + y == 0) continue;
                g.add("v" + x + y, new VectorUnit(VectorUnit.Params.defaults()));
                tasks.add(new Program.Task("noc", new Compute(id++, OpClass.RESIDUAL_ADD, 1, 1024, 0, 0, 4096, 256, null),
                        List.of(), new NocAddress(x, y), "op", 0, sharedInput));
            }
        }
        Controller.Params p = Controller.Params.of(new Program(tasks));
        g.add("ctl", new Controller(new Controller.Params(p.sramBytes(), p.issueIntervalPs(), p.pjPerInstruction(),
                p.bufferPjPerByte(), p.staticPowerW(), multicast, p.program())));
        Mesh mesh = Mesh.build(g, "r", 3, 2, 2_000, 0.1, Links.nocLink());
        mesh.attach(g, "ctl", 0, 0, LOCAL);
        for (int y = 0; y < 2; y++) for (int x = 0; x < 3; x++) if (x + y > 0) mesh.attach(g, "v" + x + y, x, y, LOCAL);
        return g;
    }

    @Test
    void tasksSharingTheirInputTravelAsOneMulticast() {
        JsonNode unicast = Simulation.run(broadcastMesh(false), RunOptions.defaults()).simulated();
        JsonNode multicast = Simulation.run(broadcastMesh(true), RunOptions.defaults()).simulated();
        for (JsonNode r : List.of(unicast, multicast)) assertEquals(5, r.get("components").get("ctl").get("tasks_done").asLong());
        // four of the five units lie east of the controller: four copies of the input on the first
        // link one after the other, or one
        assertEquals(4, unicast.get("links").get("r_0_0->r_1_0").get("messages").asLong());
        assertEquals(1, multicast.get("links").get("r_0_0->r_1_0").get("messages").asLong());
        assertEquals(4 * (4096 + 8), unicast.get("links").get("r_0_0->r_1_0").get("bytes").asLong());
        assertEquals(4096 + 8 + 4 * 8, multicast.get("links").get("r_0_0->r_1_0").get("bytes").asLong());
        assertTrue(multicast.get("end_time_ps").asLong() < unicast.get("end_time_ps").asLong());
        assertTrue(multicast.get("energy_pj").asDouble() < unicast.get("energy_pj").asDouble());
        assertEquals(Simulation.run(broadcastMesh(true), RunOptions.defaults()).simulatedJson(),
                Simulation.run(broadcastMesh(true), RunOptions.defaults().withThreads(2).withPartitions(4)).simulatedJson());
        // a controller with multicast off sends shared inputs as copies: exactly the unicast run
        assertEquals(Simulation.run(broadcastMesh(false), RunOptions.defaults()).simulatedJson(),
                Simulation.run(broadcastMesh(true, false), RunOptions.defaults()).simulatedJson());
    }

    /** A controller on a 3 x 3 mesh driving eight vector units, one task chain per unit plus a join. */
    static Graph busyMesh() {
        Graph g = new Graph();
        List<Program.Task> tasks = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        int id = 0;
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                if (x == 0 && y == 0) continue;
                g.add("v" + x + y, new VectorUnit(VectorUnit.Params.defaults()));
                for (int j = 0; j < 3; j++) {
                    List<Integer> deps = j == 0 ? List.of() : List.of(tasks.size() - 1);
                    all.add(tasks.size());
                    tasks.add(new Program.Task("noc", new Compute(id++, OpClass.SOFTMAX, 1, 1000 * (x + 1) + 10 * y, 0, 0,
                            4096, 2048, null), deps, new NocAddress(x, y), null, -1));
                }
            }
        }
        tasks.add(new Program.Task("noc", new Compute(id, OpClass.RESIDUAL_ADD, 1, 4096, 0, 0, 8192, 8192, null), all,
                new NocAddress(2, 2), null, -1));
        g.add("ctl", new Controller(Controller.Params.of(new Program(tasks))));
        Mesh mesh = Mesh.build(g, "r", 3, 3, 2_000, 0.1, Links.nocLink());
        mesh.attach(g, "ctl", 0, 0, LOCAL);
        for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) if (x + y > 0) mesh.attach(g, "v" + x + y, x, y, LOCAL);
        return g;
    }

    @Test
    void componentsGiveIdenticalResultsForAnyPartitioning() {
        SimResult r = Simulation.run(busyMesh(), RunOptions.defaults());
        assertEquals(25, r.simulated().get("components").get("ctl").get("tasks_done").asLong());
        String one = r.simulatedJson();
        String many = Simulation.run(busyMesh(), RunOptions.defaults().withThreads(2).withPartitions(5)).simulatedJson();
        assertEquals(one, many);
    }

    @Test
    void aDestinationOutsideTheMeshIsAnError() {
        Graph g = new Graph();
        g.add("a", new Injector(new NocAddress(5, 0), 8, 0));
        Mesh.build(g, "r", 2, 1, 2_000, 0.1, Links.nocLink()).attach(g, "a", 0, 0, LOCAL);
        assertThrows(IllegalStateException.class, () -> Simulation.run(g, RunOptions.defaults()));
    }
}
