package org.dramatis.cli;

import java.util.ArrayList;
import java.util.List;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import picocli.CommandLine.Option;

/** The {@code --set} overrides shared by every command that loads a topology. */
public final class TopologyOptions {

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "override a topology value, e.g. --set cim.adc_bits=6 (repeatable)")
    List<String> sets = new ArrayList<>();

    public Topology load(String topology) {
        return TopologyLoader.load(topology, sets);
    }
}
