package org.dramatis.components.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dramatis.components.noc.NocTest.Injector;
import org.dramatis.components.noc.NocTest.Multicaster;
import org.dramatis.components.noc.NocTest.Sink;
import org.dramatis.engine.Graph;
import org.dramatis.engine.LinkSpec;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;
import org.junit.jupiter.api.Test;

/** A device's crossbar between its external link and its parts, against hand-computed timings. */
class CrossbarTest {

    /** The device's external link: 4 GB/s, 90 ns, 1 pJ/bit. */
    static final LinkSpec EXTERNAL = new LinkSpec(90_000, 4e9, 1.0);
    /** Crossbar to part: 32 GB/s, 1 ns, no energy. */
    static final LinkSpec INTERNAL = new LinkSpec(1_000, 32e9, 0);

    /** {@code host} on the crossbar's {@code up}, the given parts on {@code down[0..]}; 2 ns per traversal. */
    static void device(Graph g, List<String> parts) {
        g.add("xbar", new Crossbar(new Crossbar.Params(2_000, 0.5, 0)));
        g.connectBoth("ext", "host", "noc", "xbar", "up", EXTERNAL);
        for (int i = 0; i < parts.size(); i++) {
            g.connectBoth("int" + i, "xbar", "down[" + i + "]", parts.get(i), "noc", INTERNAL);
        }
    }

    @Test
    void aBroadcastCrossesTheExternalLinkOnceAndIsCopiedToEachPart() {
        List<Sink> sinks = List.of(new Sink(), new Sink(), new Sink());
        List<NocAddress> dsts = List.of(new NocAddress(0, 0), new NocAddress(1, 0), new NocAddress(2, 0));
        Graph g = new Graph();
        g.add("host", new Multicaster(dsts, 3_968));
        for (int i = 0; i < 3; i++) g.add("p" + i, sinks.get(i));
        device(g, List.of("p0", "p1", "p2"));
        SimResult r = Simulation.run(g, RunOptions.defaults());
        // 8 B header + 3 x 8 B descriptors + 3,968 B = 4,000 B: 1 us on the 4 GB/s link, tail at the
        // crossbar at 1,090 ns, head at 90 ns. Each part's 3,976 B copy (124.25 ns on its 32 GB/s link)
        // starts with the head, 2 ns later, but cannot end before the tail leaves (1,092 ns): every
        // part has it 1 ns later, at 1,093 ns. Three separate messages would take 3 us on the link.
        for (Sink s : sinks) {
            assertEquals(List.of(1_093_000L), s.times);
            assertEquals(List.of(Crossbar.UPSTREAM), s.sources);
        }
        assertEquals(List.of("a"), sinks.get(0).payloads);
        assertEquals(List.of("c"), sinks.get(2).payloads);
        JsonNode links = r.simulated().get("links");
        assertEquals(4_000, links.get("host->xbar").get("bytes").asLong());
        assertEquals(1, links.get("host->xbar").get("messages").asLong());
        assertEquals(3_976, links.get("xbar->p1").get("bytes").asLong());
        JsonNode xbar = r.simulated().get("components").get("xbar");
        assertEquals(3, xbar.get("packets").asLong());
        assertEquals(3 * 3_976 * 8 * 0.5, xbar.get("energy_pj").get("crossbar").asDouble(), 1e-9);
    }

    @Test
    void partsAnsweringAtOnceQueueForTheExternalLink() {
        // two parts send 31,992 + 8 = 32,000 B up at time 0: 1 us on their own links, tails at the
        // crossbar at 1,001 ns (heads at 1 ns); the first holds the 4 GB/s link from 3 ns for 8 us,
        // the second waits until 8,003 ns: the host has them at 8,093 and 16,093 ns
        Graph g = new Graph();
        Sink host = new Sink();
        g.add("host", host);
        g.add("p0", new Injector(Crossbar.UPSTREAM, 31_992, 0));
        g.add("p1", new Injector(Crossbar.UPSTREAM, 31_992, 0));
        device(g, List.of("p0", "p1"));
        Simulation.run(g, RunOptions.defaults());
        assertEquals(List.of(8_093_000L, 16_093_000L), host.times);
    }

    @Test
    void aPartTheCrossbarDoesNotHaveIsAnError() {
        Graph g = new Graph();
        g.add("host", new Injector(new NocAddress(2, 0), 8, 0));
        g.add("p0", new Sink());
        g.add("p1", new Sink());
        device(g, List.of("p0", "p1"));
        assertThrows(IllegalStateException.class, () -> Simulation.run(g, RunOptions.defaults()));
    }
}
