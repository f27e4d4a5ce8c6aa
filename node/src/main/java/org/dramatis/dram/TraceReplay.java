package org.dramatis.dram;

import org.dramatis.engine.Graph;
import org.dramatis.engine.LinkSpec;
import org.dramatis.engine.Report;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;

/**
 * Replays a trace on a DRAM configuration through the engine: one {@link TraceFrontEnd} and one
 * {@link DramChannel} per channel, for a fixed number of cycles.
 */
public final class TraceReplay {

    /**
     * What a replay measured. Reads and writes count requests completed within the run;
     * bandwidth is their bytes (DRAMsim3's request size) over the whole run; read latency runs
     * from the request entering the controller to its data returned.
     */
    public record Result(long cycles, long reads, long writes, double bandwidthGbps, double avgReadLatencyCycles,
                         long actCommands, long readCommands, long writeCommands, long readRowHits,
                         long refreshCommands, double energyPj, double energyDramsim3Units,
                         long requestsIssued, long events, double wallSeconds) {

        /** Row hits among read commands. */
        public double readRowHitRate() {
            return readCommands == 0 ? 0 : (double) readRowHits / readCommands;
        }

    }

    private TraceReplay() {}

    public static Result run(DramConfig c, Trace trace, long cycles) {
        if (cycles <= 0) throw new IllegalArgumentException("cycles must be > 0, got " + cycles);
        long tCk = c.tCkPs();
        Graph g = new Graph();
        g.add("trace", new TraceFrontEnd(trace, c, cycles));
        LinkSpec request = new LinkSpec(TraceFrontEnd.requestLatencyPs(c), Double.POSITIVE_INFINITY, 0);
        LinkSpec status = new LinkSpec(1, Double.POSITIVE_INFINITY, 0);
        for (int ch = 0; ch < c.channels; ch++) {
            String name = "channel" + ch;
            g.add(name, new DramChannel(c, ch));
            g.connect("request" + ch, "trace", "ch" + ch, name, "requests", request);
            g.connect("status" + ch, name, "status", "trace", "status" + ch, status);
        }
        SimResult r = Simulation.run(g, RunOptions.defaults().until(Math.multiplyExact(cycles, tCk)).perComponent(false));
        long reads = 0, writes = 0, latencySum = 0, acts = 0, readCmds = 0, writeCmds = 0, rowHits = 0, refs = 0,
                arrivals = 0;
        double energy = 0;
        for (Report rep : r.reports()) {
            if (!rep.kind().equals("dram_channel")) continue;
            var v = rep.stats().values();
            reads += (Long) v.get("reads");
            writes += (Long) v.get("writes");
            latencySum += (Long) v.get("read_latency_cycles_sum");
            acts += (Long) v.get("act_cmds");
            readCmds += (Long) v.get("read_cmds");
            writeCmds += (Long) v.get("write_cmds");
            rowHits += (Long) v.get("read_row_hits");
            refs += (Long) v.get("ref_cmds") + (Long) v.get("refb_cmds");
            arrivals += (Long) v.get("arrivals");
            energy += rep.stats().totalEnergyPj();
        }
        double seconds = cycles * c.tCkNs * 1e-9;
        double bandwidth = (reads + writes) * (double) c.requestBytes / seconds / 1e9;
        return new Result(cycles, reads, writes, bandwidth, reads == 0 ? 0 : (double) latencySum / reads, acts,
                readCmds, writeCmds, rowHits, refs, energy, energy / c.tCkNs, arrivals, r.host().events(),
                r.host().wallSeconds());
    }
}
