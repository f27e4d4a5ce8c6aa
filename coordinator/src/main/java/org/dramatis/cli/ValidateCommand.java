package org.dramatis.cli;

import java.util.concurrent.Callable;
import org.dramatis.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Checks a topology without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a topology file (syntax, kinds, parameters, wiring, connectivity) without running it.",
        footer = {"", "Examples:", "  dramatis validate my.yaml", "  dramatis validate halo --set cim.adc_bits=6"})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TOPOLOGY", completionCandidates = Candidates.Topologies.class, description = "a topology file, or the name of a shipped one")
    String topology;

    @Mixin
    TopologyOptions topologyOptions;

    @Override
    public Integer call() {
        Topology t = topologyOptions.load(topology);
        t.toGraph();
        System.out.printf("%s: ok (%d components, %d links)%n", topology, t.instances().size(), t.links().size());
        return 0;
    }
}
