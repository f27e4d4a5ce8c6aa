package org.dramatis.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dramatis.common.Outputs;
import org.dramatis.common.UserError;
import org.dramatis.dram.DramConfig;
import org.dramatis.dram.IniFile;
import org.dramatis.dram.Trace;
import org.dramatis.dram.TraceReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Replays a memory trace (DRAMsim3's or Ramulator 2's spelling) on a DRAMsim3 .ini or Ramulator 2 .yaml configuration. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Replay a memory trace on a DRAM configuration for a number of cycles.",
            "The configuration is a DRAMsim3 .ini file, a Ramulator 2 .yaml config (MemorySystem: DRAM: {impl: DDR4|HBM|HBM2, org, timing}),",
            "or the name of a shipped one. Traces: DRAMsim3's '0xADDR READ|WRITE CYCLE' per line (DRAMsim2's P_MEM_RD,",
            "P_MEM_WR, P_FETCH, BOFF too), or Ramulator 2's load/store trace 'LD|ST ADDR' (request i due at cycle i)."},
        footer = {"", "Examples:",
            "  dramatis gen-trace stream --requests 10000 --out stream.trace",
            "  dramatis trace --config HBM2_8Gb_x128 --trace stream.trace --cycles 100000 --json out.json",
            "  dramatis trace --config topologies/dram/HBM2_8Gb_x128.ini --trace stream.trace --cycles 100000",
            "  dramatis trace --config topologies/dram/DDR4_8Gb_x8_2400R.yaml --trace stream.trace --cycles 100000"})
public final class TraceCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE.ini|FILE.yaml|NAME",
            description = "DRAMsim3 .ini or Ramulator 2 .yaml configuration, or a shipped one by name: HBM2_8Gb_x128, "
                    + "DDR4_8Gb_x8_3200, DDR4_8Gb_x8_2400R (Ramulator 2), ...")
    String config;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "trace file")
    Path trace;

    @Option(names = "--cycles", required = true, paramLabel = "N", description = "cycles to simulate")
    long cycles;

    @Option(names = "--json", paramLabel = "OUT", description = "write the result as JSON (- for standard output)")
    Path json;

    @Option(names = "--repeat", paramLabel = "K", description = "replay K times in this JVM and report the median "
            + "wall time (for benchmarks; the simulated result is the same every time) (default: ${DEFAULT-VALUE})")
    int repeat = 1;

    @Override
    public Integer call() {
        Outputs.checkFile(json, "--json");
        if (cycles <= 0) throw new UserError("--cycles must be > 0, got " + cycles);
        if (repeat < 1) throw new UserError("--repeat must be >= 1, got " + repeat);
        DramConfig c;
        Trace t;
        try {
            c = DramConfig.named(config);
            t = Trace.read(trace);
        } catch (IniFile.BadConfig | Trace.BadTrace e) {
            throw new UserError(e.getMessage(), e);
        }
        // the simulated end must stay a picosecond count that fits a long, with room for the drain
        if (cycles > Long.MAX_VALUE / 4 / c.tCkPs()) {
            throw new UserError("--cycles " + cycles + " at tCK " + c.tCkNs + " ns is more simulated time than fits (at most "
                    + Long.MAX_VALUE / 4 / c.tCkPs() + " cycles)");
        }
        double[] walls = new double[repeat];
        TraceReplay.Result r = null;
        for (int i = 0; i < repeat; i++) {
            r = TraceReplay.run(c, t, cycles);
            walls[i] = r.wallSeconds();
        }
        java.util.Arrays.sort(walls);
        double wall = walls[repeat / 2];
        double rate = wall > 0 ? r.requestsIssued() / wall : 0;
        System.out.printf("%s, %d cycles: %d reads, %d writes, %.3f GB/s, read latency %.2f cycles, %d activates, "
                        + "%.1f nJ%n", c.source, r.cycles(), r.reads(), r.writes(), r.bandwidthGbps(),
                r.avgReadLatencyCycles(), r.actCommands(), r.energyPj() / 1e3);
        System.out.printf("host: %.3f s wall%s, %.2f M requests/s%n", wall, repeat > 1 ? " (median of " + repeat + ")" : "",
                rate / 1e6);
        if (json != null) {
            ObjectNode root = Outputs.JSON.createObjectNode();
            ObjectNode sim = root.putObject("simulated");
            sim.put("config", c.source);
            sim.put("cycles", r.cycles());
            sim.put("tck_ns", c.tCkNs);
            sim.put("reads", r.reads());
            sim.put("writes", r.writes());
            sim.put("bandwidth_gbps", r.bandwidthGbps());
            sim.put("avg_read_latency_cycles", r.avgReadLatencyCycles());
            sim.put("act_commands", r.actCommands());
            sim.put("read_commands", r.readCommands());
            sim.put("write_commands", r.writeCommands());
            sim.put("read_row_hit_rate", r.readRowHitRate());
            sim.put("refresh_commands", r.refreshCommands());
            sim.put("energy_pj", r.energyPj());
            sim.put("energy_dramsim3_units", r.energyDramsim3Units());
            ObjectNode host = root.putObject("host");
            host.put("wall_time_s", wall);
            host.put("runs", repeat);
            host.put("requests", r.requestsIssued());
            host.put("requests_per_second", rate);
            host.put("events", r.events());
            ObjectNode p = Provenance.of(java.util.List.of());
            p.put("config", c.source);
            p.put("trace_requests", t.size());
            root.set("provenance", p);
            Outputs.writeJson(json, root);
        }
        return 0;
    }
}
