package org.dramatis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dramatis.synthetic.SyntheticGraphs;
import org.junit.jupiter.api.Test;

/** A seeded random graph gives byte-identical results for any threads and partitions. */
class DeterminismTest {

    static Graph randomGraph(long seed, int n) {
        return SyntheticGraphs.random(seed, n, 20);
    }

    @Test
    void identicalForAnyThreadsAndPartitions() {
        String reference = null;
        // one thread runs the window protocol in the caller's thread, more run it on actors: the same
        // windows, the same results
        java.util.Map<Integer, Long> windows = new java.util.HashMap<>();
        for (int threads : new int[] {1, 2, 4}) {
            for (int partitions : new int[] {1, 2, 3, 7}) {
                SimResult r = Simulation.run(randomGraph(42, 1000), RunOptions.defaults()
                        .withThreads(threads).withPartitions(partitions));
                assertTrue(r.simulated().get("events").asLong() > 20_000, "the graph must carry real traffic");
                String json = r.simulatedJson();
                if (reference == null) reference = json;
                else assertEquals(reference, json, "threads=" + threads + " partitions=" + partitions);
                long w = windows.computeIfAbsent(partitions, p -> r.host().windows());
                assertEquals(w, r.host().windows(), "windows, threads=" + threads + " partitions=" + partitions);
            }
        }
        assertTrue(windows.get(7) > 1, "several partitions take several windows");
    }

    @Test
    void differentSeedsGiveDifferentResults() {
        String a = Simulation.run(randomGraph(1, 200), RunOptions.defaults()).simulatedJson();
        String b = Simulation.run(randomGraph(2, 200), RunOptions.defaults()).simulatedJson();
        assertTrue(!a.equals(b), "the determinism test must be able to fail");
    }

    @Test
    void scatteredPartitioningAlsoMatches() {
        Graph g = randomGraph(7, 300);
        int[] owner = new int[g.size()];
        for (int i = 0; i < owner.length; i++) owner[i] = (i * 7919) % 5;
        String scattered = Simulation.run(randomGraph(7, 300), Partitioning.of(owner, 5), RunOptions.defaults()
                .withThreads(2)).simulatedJson();
        String single = Simulation.run(g, RunOptions.defaults()).simulatedJson();
        assertEquals(single, scattered);
    }
}
