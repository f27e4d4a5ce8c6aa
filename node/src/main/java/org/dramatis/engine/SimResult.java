package org.dramatis.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of a run in two parts: {@code simulated}, everything the simulation computed (a pure
 * function of the inputs, byte-identical for any threads, partitions or nodes), and {@code host},
 * how the run went on this machine (not deterministic).
 */
public final class SimResult {

    /** How the run went on the host; {@code eventsByPartition} shows how well the cut balanced the work. */
    public record Host(double wallSeconds, int threads, int partitions, int nodes, long events, long windows,
                       long lookaheadPs, int cutChannels, long[] eventsByPartition) {

        public double eventsPerSecond() {
            return wallSeconds > 0 ? events / wallSeconds : 0;
        }
    }

    /**
     * Totals of every component of one kind (links under {@code "link"}): how many, their energy
     * (static part apart), busy time, and energy by category.
     */
    public record KindTotals(long count, double energyPj, double staticPj, long busyPs,
                             Map<String, Double> energyByCategoryPj) {

        public double dynamicPj() {
            return energyPj - staticPj;
        }

        /** Busy time over the run's time, per component of the kind. */
        public double utilisation(long endPs) {
            return endPs > 0 ? (double) busyPs / ((double) endPs * count) : 0.0;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final long endTimePs;
    private final long events;
    private final double energyPj;
    private final double staticEnergyPj;
    private final Map<String, KindTotals> byKind;
    private final boolean perComponent;
    private final Host host;
    private final List<Report> reports;
    private ObjectNode simulated;

    private SimResult(long endTimePs, long events, double energyPj, double staticEnergyPj, Map<String, KindTotals> byKind,
                      boolean perComponent, Host host, List<Report> reports) {
        this.endTimePs = endTimePs;
        this.events = events;
        this.energyPj = energyPj;
        this.staticEnergyPj = staticEnergyPj;
        this.byKind = byKind;
        this.perComponent = perComponent;
        this.host = host;
        this.reports = reports;
    }

    /** Builds the result from every component's report (in id order); {@code host} may be null. */
    public static SimResult of(long endPs, long events, List<Report> reports, boolean perComponent, Host host) {
        double total = 0;
        double statics = 0;
        Map<String, Totals> kinds = new TreeMap<>();
        for (Report r : reports) {
            double e = r.stats().totalEnergyPj();
            total += e;
            statics += r.stats().staticEnergyPj();
            kinds.computeIfAbsent(r.kind(), k -> new Totals()).add(e, r.stats().staticEnergyPj(), r.stats().busyPs(),
                    r.stats().energyPj());
            for (Report.LinkReport l : r.links()) {
                total += l.energyPj();
                kinds.computeIfAbsent("link", k -> new Totals()).add(l.energyPj(), 0, l.busyPs(),
                        Map.of("transfer", l.energyPj()));
            }
        }
        Map<String, KindTotals> byKind = new TreeMap<>();
        kinds.forEach((k, t) -> byKind.put(k, new KindTotals(t.count, t.energyPj, t.staticPj, t.busyPs,
                Collections.unmodifiableMap(t.byCategory))));
        return new SimResult(endPs, events, total, statics, Collections.unmodifiableMap(byKind), perComponent, host,
                reports);
    }

    /** Simulated time at which the last event was handled. */
    public long endTimePs() {
        return endTimePs;
    }

    public long events() {
        return events;
    }

    /** Energy of every component and link, static included. */
    public double energyPj() {
        return energyPj;
    }

    public double staticEnergyPj() {
        return staticEnergyPj;
    }

    /** Totals per kind, in name order. */
    public Map<String, KindTotals> byKind() {
        return byKind;
    }

    /** The deterministic part as a JSON tree (built on first use: the run's edge, not its working form). */
    public synchronized ObjectNode simulated() {
        if (simulated == null) simulated = json();
        return simulated;
    }

    private ObjectNode json() {
        ObjectNode sim = JSON.createObjectNode();
        sim.put("end_time_ps", endTimePs);
        sim.put("events", events);
        sim.put("energy_pj", energyPj);
        split(sim.putObject("energy"), energyPj, staticEnergyPj);
        ObjectNode kinds = sim.putObject("by_kind");
        for (Map.Entry<String, KindTotals> k : byKind.entrySet()) {
            KindTotals t = k.getValue();
            ObjectNode o = kinds.putObject(k.getKey());
            o.put("count", t.count());
            o.put("energy_pj", t.energyPj());
            split(o.putObject("energy"), t.energyPj(), t.staticPj());
            o.put("busy_ps", t.busyPs());
            o.put("utilisation", t.utilisation(endTimePs));
            ObjectNode cats = o.putObject("energy_by_category_pj");
            for (Map.Entry<String, Double> c : t.energyByCategoryPj().entrySet()) cats.put(c.getKey(), c.getValue());
        }
        if (perComponent) {
            ObjectNode comps = sim.putObject("components");
            ObjectNode links = sim.putObject("links");
            for (Report r : reports) {
                ObjectNode c = comps.putObject(r.name());
                c.put("kind", r.kind());
                for (Map.Entry<String, Object> v : r.stats().values().entrySet()) {
                    if (v.getValue() instanceof Long l) c.put(v.getKey(), l);
                    else c.put(v.getKey(), (Double) v.getValue());
                }
                c.put("busy_ps", r.stats().busyPs());
                ObjectNode en = c.putObject("energy_pj");
                for (Map.Entry<String, Double> v : r.stats().energyPj().entrySet()) en.put(v.getKey(), v.getValue());
                for (Report.LinkReport l : r.links()) {
                    ObjectNode ln = links.putObject(l.from() + "->" + l.to());
                    ln.put("link", l.link());
                    ln.put("messages", l.messages());
                    ln.put("bytes", l.bytes());
                    ln.put("busy_ps", l.busyPs());
                    ln.put("energy_pj", l.energyPj());
                }
            }
        }
        return sim;
    }

    public Host host() {
        return host;
    }

    /** Reports of every component in id order, for callers that derive their own figures. */
    public List<Report> reports() {
        return reports;
    }

    /** The deterministic part as JSON text; two runs of the same inputs give the same bytes. */
    public String simulatedJson() {
        try {
            return JSON.writeValueAsString(simulated());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code host} part as a JSON tree. */
    public ObjectNode hostJson() {
        ObjectNode h = JSON.createObjectNode();
        h.put("wall_time_s", host.wallSeconds());
        h.put("threads", host.threads());
        h.put("partitions", host.partitions());
        h.put("nodes", host.nodes());
        h.put("events", host.events());
        h.put("events_per_second", host.eventsPerSecond());
        h.put("windows", host.windows());
        h.put("lookahead_ps", host.lookaheadPs() == Long.MAX_VALUE ? -1 : host.lookaheadPs());
        h.put("cut_channels", host.cutChannels());
        ArrayNode byPartition = h.putArray("events_by_partition");
        for (long e : host.eventsByPartition()) byPartition.add(e);
        return h;
    }

    /** Energy split into what the work drew and what the time drew. */
    private static void split(ObjectNode o, double totalPj, double staticPj) {
        o.put("dynamic_pj", totalPj - staticPj);
        o.put("static_pj", staticPj);
    }

    /** Accumulates one kind's totals. */
    private static final class Totals {
        long count;
        double energyPj;
        double staticPj;
        long busyPs;
        final Map<String, Double> byCategory = new TreeMap<>();

        void add(double e, double statics, long busy, Map<String, Double> categories) {
            count++;
            energyPj += e;
            staticPj += statics;
            busyPs += busy;
            for (Map.Entry<String, Double> c : categories.entrySet()) byCategory.merge(c.getKey(), c.getValue(), Double::sum);
        }
    }
}
