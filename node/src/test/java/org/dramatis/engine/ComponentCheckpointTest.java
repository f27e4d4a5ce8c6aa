package org.dramatis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.dramatis.components.ComponentKinds;
import org.dramatis.components.cim.CimTile;
import org.dramatis.components.gpu.Gpu;
import org.dramatis.components.hb.HbUnit;
import org.dramatis.components.logic.Controller;
import org.dramatis.components.logic.Program;
import org.dramatis.components.logic.VectorUnit;
import org.dramatis.components.noc.Links;
import org.dramatis.components.noc.Mesh;
import org.dramatis.components.noc.NocAddress;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpClass;
import org.dramatis.components.pim.PimChannel;
import org.dramatis.components.sram.SramPimCore;
import org.dramatis.dram.DramChannel;
import org.dramatis.dram.DramConfig;
import org.dramatis.dram.Trace;
import org.dramatis.dram.TraceFrontEnd;
import org.dramatis.engine.CheckpointTest.Run;
import org.dramatis.engine.CheckpointTest.Saved;
import org.dramatis.wire.KryoCodec;
import org.junit.jupiter.api.Test;

/**
 * Every component kind survives a checkpoint: runs are checkpointed at window boundaries spread
 * over the whole run, each checkpoint goes through Kryo into a graph built afresh, and every
 * resumed run must end with the result of the run that was never interrupted. The graphs keep
 * every kind busy across the checkpoints: queued ops, CiM weights resident in LRU order, PIM and
 * DRAM bank timing, refreshes, controller programs half done, packets in the NoC.
 */
class ComponentCheckpointTest {

    /** Window boundaries checkpointed per run, spread evenly. */
    private static final int CHECKPOINTS = 40;

    /** Cut links: 500 ns, 64 GB/s, 1 pJ/bit (test assumptions: long windows, transfers that queue). */
    private static final LinkSpec CUT = new LinkSpec(500_000, 64e9, 1.0);

    @Test
    void everyComputeKindAndTheControllerAndNocResume() {
        assertEveryCheckpointResumes(ComponentCheckpointTest::computeGraph, computeCut(), Long.MAX_VALUE,
                KryoCodec.SHARED, Set.of("controller", "router", "cim_tile", "vector_unit", "gpu", "hb_unit",
                        "sram_pim_core", "pim_channel"));
    }

    @Test
    void dramChannelsResume() {
        DramConfig c = DramConfig.named("HBM_4Gb_x128");
        Trace trace = trace(c);
        // the last requests, then a refresh interval more
        long untilPs = (trace.cycle(trace.size() - 1) + c.tREFI) * c.tCkPs();
        int[] owner = new int[1 + c.channels];
        for (int ch = 0; ch < c.channels; ch++) owner[1 + ch] = 1 + ch * 2 / c.channels;
        // the trace front end is a tool of the trace command, not a kind: this test registers it
        List<Class<?>> types = new ArrayList<>(ComponentKinds.wireTypes());
        types.addAll(List.of(TraceFrontEnd.class, Trace.class));
        assertEveryCheckpointResumes(() -> dramGraph(c, trace), Partitioning.of(owner, 3), untilPs,
                new KryoCodec(types), Set.of("dram_channel"));
    }

    /**
     * Checkpoints a run at about {@link #CHECKPOINTS} window boundaries and resumes each in a graph
     * built afresh. Every kind in {@code kinds} must have worked both before and after the middle
     * checkpoint, so that the checkpoints carry live state of each.
     */
    private static void assertEveryCheckpointResumes(Supplier<Graph> build, Partitioning parts, long untilPs,
                                                     KryoCodec codec, Set<String> kinds) {
        SimResult whole = Simulation.run(build.get(), parts, RunOptions.defaults().until(untilPs).withThreads(2));
        String uninterrupted = whole.simulatedJson();
        long windows = whole.host().windows();
        assertTrue(windows >= 2 * CHECKPOINTS, "the run must have windows to checkpoint between: " + windows);

        Graph g = build.get();
        Set<String> present = new TreeSet<>();
        for (int c = 0; c < g.size(); c++) present.add(g.component(c).kind());
        assertTrue(present.containsAll(kinds), "the graph must hold every kind under test: " + present);
        Run first = new Run(g, parts, untilPs);
        first.start();
        List<Report> before = first.reports();
        for (int i = 1; i < CHECKPOINTS; i++) {
            long w = windows * i / CHECKPOINTS;
            assertTrue(first.runWindows(w), "checkpoint at window " + w + " must fall mid-run");
            Saved saved = first.save(codec);
            if (i == CHECKPOINTS / 2) {
                // a copy of its own: a DRAM channel's report retires the requests completed by then
                Run probe = Run.resume(build.get(), parts, untilPs, saved, codec);
                assertLiveOnBothSides(kinds, before, probe.reports(), whole.reports());
            }
            Run resumed = Run.resume(build.get(), parts, untilPs, saved, codec);
            resumed.runWindows(Long.MAX_VALUE);
            assertEquals(uninterrupted, resumed.result(), "resumed from the checkpoint at window " + w + " of " + windows);
        }
        first.runWindows(Long.MAX_VALUE);
        assertEquals(uninterrupted, first.result(), "taking checkpoints must not disturb the run");
    }

    /**
     * Each kind has a component whose counters moved before {@code mid} and again after it (the
     * reports of a run with an end time are all taken at that end, so they compare).
     */
    private static void assertLiveOnBothSides(Set<String> kinds, List<Report> start, List<Report> mid, List<Report> end) {
        Set<String> live = new TreeSet<>();
        for (int c = 0; c < mid.size(); c++) {
            assertEquals(mid.get(c).name(), end.get(c).name());
            Object s = counters(start.get(c)), m = counters(mid.get(c)), e = counters(end.get(c));
            if (!s.equals(m) && !m.equals(e)) live.add(mid.get(c).kind());
        }
        assertTrue(live.containsAll(kinds), "kinds busy across the middle checkpoint: " + live + ", wanted " + kinds);
    }

    private static Object counters(Report r) {
        return List.of(r.stats().values(), r.stats().energyPj(), r.stats().busyPs());
    }

    // ---------------------------------------------------------------- a controller over every compute kind

    /**
     * A controller runs one chain of ops per unit (each op waits for the one before it), the first
     * two ops of each chain together so that units queue. A CiM tile of 8 crossbars runs weights
     * A, B, A, C, A, B of 4 crossbars each: C must evict B, the least recently used, A then hits
     * and B evicts C. The chains are about equally long, so every unit works on both sides of
     * the middle checkpoint.
     * A vector unit sits behind a 2 x 1 mesh. The controller, the mesh and the meshed unit share a
     * partition; the other units are spread over four more, behind {@link #CUT} links.
     */
    static Graph computeGraph() {
        List<Program.Task> tasks = new ArrayList<>();
        long[] id = {0};
        List<Integer> tails = new ArrayList<>();
        tails.add(chain(tasks, "cim", null, 6, i -> {
            String key = "w" + "ABACAB".charAt(i);
            return new Compute(++id[0], OpClass.GEMV, 2, 64, 16, 2 * 16 * 64, 2 * 2 * 16, 2 * 2 * 64, key);
        }));
        tails.add(chain(tasks, "vec", null, 45, i -> new Compute(++id[0], i % 2 == 0 ? OpClass.SOFTMAX : OpClass.RMS_NORM,
                1, 6_400, 0, 0, 12_800, 12_800, null)));
        tails.add(chain(tasks, "gpu", null, 18, i -> new Compute(++id[0], OpClass.GEMV, 1, 1024, 1024, 2L << 20,
                2048, 2048, null)));
        tails.add(chain(tasks, "hb", null, 30, i -> i % 3 == 2
                ? new Compute(++id[0], OpClass.SOFTMAX, 1, 4096, 0, 0, 8192, 8192, null)
                : new Compute(++id[0], OpClass.GEMV, 1, 128, 256, 64 << 10, 512, 256, null)));
        tails.add(chain(tasks, "sram", null, 24, i -> switch (i % 4) {
            case 0 -> new Compute(++id[0], OpClass.GEMM, 64, 64, 256, 32 << 10, 32 << 10, 8 << 10, null);
            case 1 -> new Compute(++id[0], OpClass.GEMV, 1, 1024, 1024, 2L << 20, 2048, 2048, null);
            case 2 -> new Compute(++id[0], OpClass.TOP_K, 1, 1024, 8, 0, 2048, 16, null);
            default -> new Compute(++id[0], OpClass.ROPE, 1, 4096, 0, 0, 8192, 8192, null);
        }));
        tails.add(chain(tasks, "pim", null, 8, i -> switch (i % 4) {
            case 0 -> new Compute(++id[0], OpClass.GEMV, 1, 1024, 1024, 2L << 20, 2048, 2048, null);
            case 1 -> new Compute(++id[0], OpClass.GEMM, 8, 512, 512, 512 << 10, 8 * 1024, 8 * 1024, null);
            case 2 -> new Compute(++id[0], OpClass.STORE, 1, 32 << 10, 0, 0, 64 << 10, 0, null);
            default -> new Compute(++id[0], OpClass.LOAD, 1, 32 << 10, 0, 0, 0, 64 << 10, null);
        }));
        tails.add(chain(tasks, "noc", new NocAddress(1, 0), 40, i -> new Compute(++id[0], OpClass.RESIDUAL_ADD, 1,
                64_000, 0, 0, 1024, 1024, null)));
        tasks.add(Program.Task.join(tails, "end", tails.size()));

        Graph g = new Graph();
        g.add("host", new Controller(Controller.Params.of(new Program(tasks))));
        Mesh mesh = Mesh.build(g, "noc", 2, 1, 2_000, 0.1, Links.nocLink());
        g.add("vec2", new VectorUnit(VectorUnit.Params.defaults()));
        mesh.attach(g, "host", 0, 0, Links.nocLink()).attach(g, "vec2", 1, 0, Links.nocLink());
        g.add("cim", new CimTile(CimTile.Params.isaac()));
        g.add("vec", new VectorUnit(VectorUnit.Params.defaults()));
        g.add("gpu", new Gpu(Gpu.Params.a100Hbm3()));
        g.add("hb", new HbUnit(HbUnit.Params.defaults()));
        g.add("sram", new SramPimCore(SramPimCore.Params.hpim()));
        g.add("pim", new PimChannel(PimChannel.Params.hbm3PimAttAcc()));
        for (String unit : new String[] {"cim", "vec", "gpu", "hb", "sram", "pim"}) {
            g.connectBoth("to_" + unit, "host", unit, unit, "ctl", CUT);
        }
        g.connectBoth("weights", "cim", "fetch", "host", "cim_fetch", CUT);
        return g;
    }

    /** Partitions: host, mesh and vec2 | cim | vec, gpu | hb, sram | pim (components in the order added). */
    static Partitioning computeCut() {
        return Partitioning.of(new int[] {0, 0, 0, 0, 1, 2, 2, 3, 3, 4}, 5);
    }

    /** Appends a chain of {@code n} ops on {@code target}; returns the index of its last task. */
    private static int chain(List<Program.Task> tasks, String target, NocAddress dst, int n,
                             IntFunction<Compute> op) {
        int group = tasks.isEmpty() ? 0 : tasks.get(tasks.size() - 1).group() + 1;
        int prev = -1;
        for (int i = 0; i < n; i++) {
            // the first two ops are issued together: the unit queues the second
            List<Integer> deps = prev < 0 || i == 1 ? List.of() : List.of(prev);
            tasks.add(new Program.Task(target, op.apply(i), deps, dst, target, group));
            prev = tasks.size() - 1;
        }
        return prev;
    }

    // ---------------------------------------------------------------- DRAM channels behind a trace

    /**
     * 3000 requests, 30% writes, over the 8 channels, bursty, to 48 rows' worth of addresses so
     * that rows hit, conflict and requests to one address merge; refreshes fall due mid-run.
     */
    static Trace trace(DramConfig c) {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] rows = new long[48];
        for (int i = 0; i < rows.length; i++) rows[i] = rnd.nextLong(1L << 28) & ~((1L << 12) - 1);
        int n = 3000;
        long[] addr = new long[n];
        long[] cycle = new long[n];
        boolean[] write = new boolean[n];
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(4);
            cycle[i] = t;
            addr[i] = rows[rnd.nextInt(rows.length)] + 64L * rnd.nextInt(64);
            write[i] = rnd.nextInt(10) < 3;
        }
        return Trace.of(addr, write, cycle);
    }

    /** As the trace replay wires it, with links of 10 cycles (test assumption: windows of 10 cycles). */
    static Graph dramGraph(DramConfig c, Trace trace) {
        long tCk = c.tCkPs();
        Graph g = new Graph();
        g.add("trace", new TraceFrontEnd(trace, c, Long.MAX_VALUE));
        LinkSpec request = new LinkSpec(10 * tCk - TraceFrontEnd.DEPART_PS - 1, Double.POSITIVE_INFINITY, 0);
        LinkSpec status = new LinkSpec(10 * tCk, Double.POSITIVE_INFINITY, 0);
        for (int ch = 0; ch < c.channels; ch++) {
            String name = "channel" + ch;
            g.add(name, new DramChannel(c, ch));
            g.connect("request" + ch, "trace", "ch" + ch, name, "requests", request);
            g.connect("status" + ch, name, "status", "trace", "status" + ch, status);
        }
        return g;
    }
}
