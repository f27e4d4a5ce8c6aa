package org.dramatis.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dramatis.common.Outputs;
import org.dramatis.common.UserError;
import org.dramatis.engine.Graph;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;
import org.dramatis.synthetic.SyntheticGraphs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a synthetic graph that exercises the engine; also the engine benchmark's harness. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a synthetic component graph (token ring or seeded random traffic) on the engine.",
        footer = {"", "Examples:",
            "  dramatis demo",
            "  dramatis demo --graph random --components 10000 --threads 2 --partitions 2 --json out.json"})
public final class DemoCommand implements Callable<Integer> {

    enum Shape { ring, random }

    @Option(names = "--graph", description = "ring or random (default: ${DEFAULT-VALUE})")
    Shape shape = Shape.ring;

    @Option(names = "--components", description = "number of components (default: ${DEFAULT-VALUE})")
    int components = 1000;

    @Option(names = "--tokens", description = "ring: tokens started per component (default: ${DEFAULT-VALUE})")
    int tokens = 1;

    @Option(names = "--hops", description = "hops each token travels (default: ${DEFAULT-VALUE})")
    int hops = 1000;

    @Option(names = "--seed", description = "random graph seed (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--threads", description = "dispatcher threads (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--partitions", description = "partitions (default: ${DEFAULT-VALUE})")
    int partitions = 1;

    @Option(names = "--json", paramLabel = "OUT", description = "write the result as JSON (- for standard output)")
    Path json;

    @Override
    public Integer call() {
        Outputs.checkFile(json, "--json");
        if (components < 2) throw new UserError("--components must be >= 2, got " + components);
        if (threads < 1 || partitions < 1) throw new UserError("--threads and --partitions must be >= 1");
        if (hops < 0 || tokens < 0) throw new UserError("--hops and --tokens must be >= 0");
        Graph g = shape == Shape.ring ? SyntheticGraphs.ring(components, tokens, hops)
                : SyntheticGraphs.random(seed, components, hops);
        SimResult r = Simulation.run(g, RunOptions.defaults().withThreads(threads).withPartitions(partitions)
                .perComponent(false));
        System.out.printf("%s graph, %d components: %d events, simulated %.3f us, energy %.1f nJ%n", shape,
                components, r.host().events(), r.simulated().get("end_time_ps").asLong() / 1e6,
                r.simulated().get("energy_pj").asDouble() / 1e3);
        System.out.printf("host: %.3f s wall, %.2f M events/s, %d threads, %d partitions, %d windows%n",
                r.host().wallSeconds(), r.host().eventsPerSecond() / 1e6, threads, r.host().partitions(),
                r.host().windows());
        if (json != null) {
            ObjectNode root = Outputs.JSON.createObjectNode();
            root.set("simulated", r.simulated());
            root.set("host", r.hostJson());
            root.set("provenance", Provenance.of(java.util.List.of()));
            Outputs.writeJson(json, root);
        }
        return 0;
    }
}
