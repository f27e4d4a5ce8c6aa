package org.dramatis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dramatis.common.Outputs;
import org.dramatis.topology.Describe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Summarises a topology: component counts, capacity, bandwidth, MAC rates, lookahead. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Summarise a topology: counts per kind, capacity, peak bandwidth and MAC/s, lookahead.",
        footer = {"", "Examples:", "  dramatis describe demo", "  dramatis describe my.yaml --json d.json"})
public final class DescribeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TOPOLOGY", completionCandidates = Candidates.Topologies.class, description = "a topology file, or the name of a shipped one")
    String topology;

    @Mixin
    TopologyOptions topologyOptions;

    @Option(names = "--json", paramLabel = "OUT", description = "write the description as JSON (- for standard output)")
    Path json;

    @Override
    public Integer call() {
        Outputs.checkFile(json, "--json");
        ObjectNode d = Describe.of(topologyOptions.load(topology));
        System.out.println(d.get("name").asText() + (d.get("description").asText().isEmpty() ? ""
                : ": " + d.get("description").asText()));
        System.out.println("components:");
        for (Iterator<Map.Entry<String, JsonNode>> it = d.get("components").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            System.out.printf("  %-14s %,d%n", e.getKey(), e.getValue().asLong());
        }
        StringBuilder actors = new StringBuilder("actors (engine components):");
        d.get("actors").fields().forEachRemaining(e -> actors.append(String.format(" %s %,d,", e.getKey(),
                e.getValue().asLong())));
        System.out.println(actors.substring(0, actors.length() - 1));
        System.out.printf("capacity:               %,d bytes%n", d.get("capacity_bytes").asLong());
        System.out.printf("peak internal bandwidth: %.1f GB/s%n", d.get("peak_internal_bw_gbps").asDouble());
        System.out.printf("peak external bandwidth: %.1f GB/s%n", d.get("peak_external_bw_gbps").asDouble());
        for (Iterator<Map.Entry<String, JsonNode>> it = d.get("peak_macs_per_second").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            System.out.printf("peak MAC/s (%s): %.3e%n", e.getKey(), e.getValue().asDouble());
        }
        long la = d.get("lookahead_ps").asLong();
        System.out.println("lookahead the wiring allows: " + (la < 0 ? "unbounded (graph in pieces)" : la + " ps"));
        if (d.get("values_without_source").asLong() > 0) {
            System.out.println("values without a source: " + d.get("values_without_source").asLong());
        }
        if (json != null) {
            d.set("provenance", Provenance.of(topologyOptions.sets));
            Outputs.writeJson(json, d);
        }
        return 0;
    }
}
