package org.dramatis.report;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dramatis.topology.Names;
import org.dramatis.topology.Topology;

/**
 * The parameters of a topology as tables for a report: instances of one kind that share their
 * provenance form one row group; each parameter shows its value (or "varies" when the instances
 * differ, such as mesh coordinates) and the source the topology file gives for it.
 */
public final class Parameters {

    private static final int LIST_SHOWN = 8;

    private Parameters() {}

    /** Markdown tables of every component and link parameter with its provenance. */
    public static String markdown(Topology t) {
        StringBuilder b = new StringBuilder();
        Map<String, List<Topology.Instance>> groups = new LinkedHashMap<>();
        for (Topology.Instance i : t.instances()) {
            groups.computeIfAbsent(i.kind().name() + "\n" + i.provenance(), k -> new ArrayList<>()).add(i);
        }
        for (List<Topology.Instance> g : groups.values()) {
            Topology.Instance first = g.get(0);
            b.append("\n**").append(first.kind().name()).append("** `").append(first.path()).append('`');
            if (g.size() > 1) b.append(" and ").append(g.size() - 1).append(" more of the same kind and sources");
            b.append("\n\n| parameter | value | source |\n|---|---|---|\n");
            List<Map<String, String>> values = new ArrayList<>();
            for (Topology.Instance i : g) values.add(flatten(i.params()));
            for (Map.Entry<String, String> e : values.get(0).entrySet()) {
                String key = e.getKey();
                boolean same = values.stream().allMatch(v -> e.getValue().equals(v.get(key)));
                b.append("| ").append(key).append(" | ").append(same ? e.getValue() : "varies per instance").append(" | ")
                        .append(source(first.provenance(), key)).append(" |\n");
            }
        }
        if (!t.links().isEmpty()) {
            b.append("\n**links**\n\n| link | latency (ps) | bandwidth (GB/s) | energy (pJ/bit) | sources |\n|---|---|---|---|---|\n");
            Map<String, List<Topology.Link>> links = new LinkedHashMap<>();
            for (Topology.Link l : t.links()) {
                links.computeIfAbsent(l.spec() + "\n" + l.provenance(), k -> new ArrayList<>()).add(l);
            }
            for (List<Topology.Link> g : links.values()) {
                Topology.Link l = g.get(0);
                b.append("| `").append(l.name()).append('`').append(g.size() > 1 ? " (x" + g.size() + ")" : "").append(" | ")
                        .append(l.spec().latencyPs()).append(" | ").append(fmt(l.spec().gbps())).append(" | ")
                        .append(fmt(l.spec().pjPerBit())).append(" | ");
                List<String> sources = new ArrayList<>();
                l.provenance().forEach((k, v) -> sources.add(k + ": " + (v == null ? "no source given" : v)));
                b.append(cell(String.join("; ", sources))).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String source(Map<String, String> provenance, String key) {
        if (!provenance.containsKey(key)) return "default of the component kind";
        String s = provenance.get(key);
        return s == null ? "no source given" : cell(s);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** Every scalar of a record, nested records and lists included, by snake_case path. */
    static Map<String, String> flatten(Record r) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(r, "", out);
        return out;
    }

    private static void flatten(Object v, String path, Map<String, String> out) {
        if (v instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object value;
                try {
                    value = c.getAccessor().invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getName(), e);
                }
                flatten(value, path.isEmpty() ? Names.snake(c.getName()) : path + "." + Names.snake(c.getName()), out);
            }
        } else if (v instanceof List<?> list) {
            if (list.size() > LIST_SHOWN) {
                out.put(path, "[" + list.size() + " items]");
            } else if (list.stream().allMatch(x -> x instanceof Record)) {
                for (int i = 0; i < list.size(); i++) flatten(list.get(i), path + "[" + i + "]", out);
            } else {
                out.put(path, cell(list.toString()));
            }
        } else if (v instanceof Double || v instanceof Float) {
            out.put(path, fmt(((Number) v).doubleValue()));
        } else {
            out.put(path, cell(String.valueOf(v)));
        }
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return (Math.abs(d) >= 1e6 || Math.abs(d) < 1e-3) ? String.format(Locale.ROOT, "%.4g", d) : String.format(Locale.ROOT, "%.6g", d);
    }
}
