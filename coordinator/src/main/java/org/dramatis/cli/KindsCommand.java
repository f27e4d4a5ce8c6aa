package org.dramatis.cli;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dramatis.common.UserError;
import org.dramatis.components.ComponentKinds;
import org.dramatis.components.Role;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.mapping.MappingPolicy;
import org.dramatis.topology.Names;
import org.dramatis.topology.ParamBinder;
import org.dramatis.workload.SparseAttention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** What a topology file and a run may name: component kinds with their parameters, mappings, attention policies. */
@Command(name = "kinds", mixinStandardHelpOptions = true,
        description = {"List the component kinds, mappings and attention policies a topology and a run may name.",
            "With a NAME, one kind's parameters (key, type, unit, default) or one mapping. Each parameter's source",
            "is in docs/components.md and in the kind's Params javadoc; a topology file gives its own with each value."},
        footer = {"", "Examples:", "  dramatis kinds", "  dramatis kinds cim_tile", "  dramatis kinds halo"})
public final class KindsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "a component kind or a mapping")
    String name;

    @Override
    public Integer call() {
        if (name == null) {
            System.out.println("component kinds (dramatis kinds KIND for its parameters):");
            ComponentKinds.all().values().forEach(k -> System.out.printf("  %-14s %s%n", k.name(), roles(k)));
            System.out.println("mappings (--mapping; a topology names its default):");
            MappingPolicies.all().forEach(m -> System.out.printf("  %-17s %s%n", m.name(), m.description()));
            System.out.println("  NAME,tp=N,pp=M     any of them with its layers split over the devices: M pipeline stages of N devices");
            System.out.println("attention (--attention): " + String.join(", ", attention()));
            return 0;
        }
        ComponentKinds.Kind<?> kind = ComponentKinds.get(name);
        if (kind != null) {
            printKind(kind);
            return 0;
        }
        for (MappingPolicy m : MappingPolicies.all()) {
            if (m.name().equals(name)) {
                System.out.println(m.name() + ": " + m.description());
                return 0;
            }
        }
        List<String> names = new java.util.ArrayList<>(ComponentKinds.all().keySet());
        MappingPolicies.all().forEach(m -> names.add(m.name()));
        throw new UserError("no component kind or mapping named '" + name + "'" + Names.suggest(name, names)
                + "; kinds: " + String.join(", ", ComponentKinds.all().keySet()));
    }

    private static void printKind(ComponentKinds.Kind<?> kind) {
        Record defaults = ParamBinder.defaults(kind.params());
        System.out.println(kind.name() + " (" + kind.params().getEnclosingClass().getName() + "): " + roles(kind));
        System.out.printf("  %-32s %-8s %-16s %s%n", "key", "type", "unit", defaults == null ? "(every key required)" : "default");
        for (RecordComponent c : kind.params().getRecordComponents()) {
            // what the run fills in (a controller's program) is not a topology key
            if (!c.getType().isPrimitive() && c.getType() != String.class && !c.getType().isEnum()) continue;
            String key = Names.snake(c.getName());
            String value = defaults == null ? "" : String.valueOf(ParamBinder.read(c, defaults));
            System.out.printf("  %-32s %-8s %-16s %s%n", key, type(c), unit(key), value);
        }
        System.out.println("  sources: docs/components.md, section '" + kind.name() + "', and "
                + kind.params().getName().replace('$', '.') + " (javadoc)");
    }

    private static String roles(ComponentKinds.Kind<?> k) {
        StringBuilder sb = new StringBuilder();
        if (!k.traits().serves().isEmpty()) sb.append("serves ").append(lower(k.traits().serves()));
        if (!k.traits().fallbackFor().isEmpty()) sb.append(sb.length() > 0 ? "; " : "").append("stands in for ")
                .append(lower(k.traits().fallbackFor()));
        if (k.traits().holdsWeights()) sb.append(sb.length() > 0 ? "; " : "").append("holds weights");
        if (k.traits().holdsKv()) sb.append(sb.length() > 0 ? "; " : "").append("holds the KV cache");
        return sb.length() == 0 ? "no mapping role" : sb.toString();
    }

    private static String lower(List<Role> roles) {
        return String.join(", ", roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static String type(RecordComponent c) {
        Class<?> t = c.getType();
        if (t == int.class || t == long.class) return "integer";
        if (t == double.class) return "number";
        if (t == boolean.class) return "boolean";
        if (t == String.class) return "text";
        if (t.isEnum()) return "choice";
        return t.getSimpleName();
    }

    /** The unit a key's name states, by the project's naming (time in ps, energy in pJ, ...). */
    static String unit(String key) {
        if (key.endsWith("_ps")) return "ps";
        if (key.endsWith("_hz")) return "Hz";
        if (key.endsWith("_w")) return "W";
        if (key.endsWith("_bytes")) return "B";
        if (key.endsWith("_per_second")) return key.contains("bytes") ? "B/s" : "1/s";
        int pj = key.indexOf("pj_per_");
        if (pj >= 0) return "pJ/" + key.substring(pj + 7).replace("byte", "B").replace('_', ' ');
        if (key.endsWith("_bits")) return "bit";
        if (key.endsWith("_cycles")) return "cycle";
        if (key.endsWith("_flops")) return "FLOP/s";
        return "-";
    }

    private static List<String> attention() {
        return java.util.Arrays.stream(SparseAttention.Policy.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
    }
}
