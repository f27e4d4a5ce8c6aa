package org.dramatis.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dramatis.engine.Graph;
import org.dramatis.engine.Partitioning;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;
import org.dramatis.partition.LatencyPartitioner;
import org.dramatis.report.Outputs;
import org.dramatis.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a topology on the engine in this JVM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a topology in this JVM (default: the shipped demo topology).",
        footer = {"", "Examples:", "  dramatis run", "  dramatis run demo --partitions 2 --threads 2 --json out.json",
            "  dramatis run my.yaml --set ring.count=5000"})
public final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TOPOLOGY", arity = "0..1", defaultValue = "demo",
            description = "a topology file, or the name of a shipped one (default: ${DEFAULT-VALUE})")
    String topology;

    @Mixin
    TopologyOptions topologyOptions;

    @Option(names = "--threads", description = "dispatcher threads (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--partitions", description = "partitions, cut on the slowest links (default: ${DEFAULT-VALUE})")
    int partitions = 1;

    @Option(names = "--until-ps", paramLabel = "PS", description = "stop at this simulated time")
    Long untilPs;

    @Option(names = "--per-component", negatable = true, defaultValue = "true",
            description = "list every component and link in the result (default: ${DEFAULT-VALUE})")
    boolean perComponent;

    @Option(names = "--json", paramLabel = "OUT", description = "write the result as JSON")
    Path json;

    @Override
    public Integer call() {
        if (threads < 1) throw new UserError("--threads must be >= 1, got " + threads);
        if (partitions < 1) throw new UserError("--partitions must be >= 1, got " + partitions);
        if (untilPs != null && untilPs <= 0) throw new UserError("--until-ps must be > 0, got " + untilPs);
        Topology t = topologyOptions.load(topology);
        Graph g = t.toGraph();
        Partitioning cut = LatencyPartitioner.partition(g, partitions);
        RunOptions options = RunOptions.defaults().withThreads(threads).perComponent(perComponent)
                .until(untilPs == null ? Long.MAX_VALUE : untilPs);
        SimResult r = Simulation.run(g, cut, options);
        System.out.printf("%s: %,d events, simulated %.3f us, energy %.3f uJ%n", t.name(), r.host().events(),
                r.simulated().get("end_time_ps").asLong() / 1e6, r.simulated().get("energy_pj").asDouble() / 1e6);
        System.out.printf("host: %.3f s wall, %.2f M events/s, %d threads, %d partitions, %d windows, lookahead %s%n",
                r.host().wallSeconds(), r.host().eventsPerSecond() / 1e6, threads, r.host().partitions(),
                r.host().windows(), r.host().lookaheadPs() == Long.MAX_VALUE ? "unbounded" : r.host().lookaheadPs() + " ps");
        if (json != null) {
            ObjectNode root = Outputs.JSON.createObjectNode();
            root.set("simulated", r.simulated());
            root.set("host", r.hostJson());
            Outputs.writeJson(json, root);
        }
        return 0;
    }
}
