package org.dramatis.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.dramatis.common.Outputs;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.LatencyPartitioner;

/** What {@code dramatis describe} reports about a topology, as JSON with stable keys. */
public final class Describe {

    private Describe() {}

    public static ObjectNode of(Topology t) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Long> actors = new TreeMap<>();
        Map<String, Double> macs = new TreeMap<>();
        long capacity = 0;
        double internal = 0;
        double external = 0;
        for (Topology.Instance i : t.instances()) {
            ComponentParams p = i.componentParams();
            counts.merge(i.kind().name(), 1L, Long::sum);
            actors.merge(i.kind().name(), 1L, Long::sum);
            for (Map.Entry<String, Long> c : p.contains().entrySet()) counts.merge(c.getKey(), c.getValue(), Long::sum);
            capacity += p.capacityBytes();
            internal += p.peakInternalBytesPerSecond();
            external += p.peakExternalBytesPerSecond();
            if (p.peakMacsPerSecond() > 0) macs.merge(i.kind().name(), p.peakMacsPerSecond(), Double::sum);
        }
        counts.merge("link", (long) t.links().size(), Long::sum);
        ObjectNode o = Outputs.JSON.createObjectNode();
        o.put("name", t.name());
        o.put("description", t.description());
        ObjectNode comps = o.putObject("components");
        counts.forEach(comps::put);
        // the engine's components by kind, beside the parts they model: a pim_channel actor
        // models its banks inside itself, so components.bank counts banks no actor stands for
        ObjectNode act = o.putObject("actors");
        actors.forEach(act::put);
        o.put("capacity_bytes", capacity);
        o.put("peak_internal_bw_gbps", internal / 1e9);
        o.put("peak_external_bw_gbps", external / 1e9);
        ObjectNode m = o.putObject("peak_macs_per_second");
        macs.forEach(m::put);
        long lookahead = LatencyPartitioner.maxLookahead(t.toGraph());
        o.put("lookahead_ps", lookahead == Long.MAX_VALUE ? -1 : lookahead);
        long missing = 0;
        for (Topology.Instance i : t.instances()) missing += i.provenance().values().stream().filter(v -> v == null).count();
        for (Topology.Link l : t.links()) missing += l.provenance().values().stream().filter(v -> v == null).count();
        o.put("values_without_source", missing);
        return o;
    }
}
