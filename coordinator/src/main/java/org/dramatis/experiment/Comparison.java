package org.dramatis.experiment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Ratios baseline / reference per comparison group and metric: for a time, how many times faster
 * the reference is; for an energy, how many times less it spends. Summarised per baseline and
 * metric by the geometric mean, minimum and maximum over the groups.
 */
public record Comparison(List<Row> rows, List<Summary> summaries) {

    /** One ratio: at one group, one baseline configuration (named by its varied values), one metric. */
    public record Row(Point point, String baseline, String metric, double reference, double value, double ratio) {}

    /** Over every group where both ran: geometric mean, minimum and maximum of the ratio. */
    public record Summary(String baseline, String metric, double geomean, double min, double max, int n) {}

    public static Comparison of(Experiment.Compare c, Collection<Sweep.Outcome> outcomes) {
        return of(c, outcomes, c::group);
    }

    /** Compares within the groups {@code group} makes (a sensitivity study puts its points in one group). */
    public static Comparison of(Experiment.Compare c, Collection<Sweep.Outcome> outcomes, Function<Point, String> group) {
        List<String> labelKeys = labelKeys(c, outcomes);
        Map<String, Sweep.Outcome> reference = new LinkedHashMap<>();
        for (Sweep.Outcome o : outcomes) if (c.isReference(o.point())) reference.put(group.apply(o.point()), o);
        List<Row> rows = new ArrayList<>();
        for (Sweep.Outcome o : outcomes) {
            if (c.isReference(o.point())) continue;
            Sweep.Outcome ref = reference.get(group.apply(o.point()));
            if (ref == null || !ref.ok() || !o.ok()) continue;
            for (String m : c.metrics()) {
                double r = ref.metric(m);
                double v = o.metric(m);
                if (r > 0 && v > 0) rows.add(new Row(o.point(), label(o.point(), labelKeys), m, r, v, v / r));
            }
        }
        Map<String, List<Double>> byBaseline = new LinkedHashMap<>();
        for (Row row : rows) byBaseline.computeIfAbsent(row.baseline() + "\n" + row.metric(), k -> new ArrayList<>()).add(row.ratio());
        List<Summary> summaries = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : byBaseline.entrySet()) {
            String[] k = e.getKey().split("\n", 2);
            List<Double> v = e.getValue();
            double logSum = 0;
            for (double d : v) logSum += Math.log(d);
            summaries.add(new Summary(k[0], k[1], Math.exp(logSum / v.size()),
                    v.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    v.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), v.size()));
        }
        return new Comparison(rows, summaries);
    }

    /**
     * The ratios within one group of points as they ran in a study ({@code ran}, in the order of
     * {@code group}; an ablation changes the reference, or every point): the reference is the
     * outcome in the reference point's place, each baseline is labelled as in the grid. A baseline
     * that ran as the very point the reference became is left out (its ratio is 1 by construction).
     */
    public static List<Row> within(Experiment.Compare c, List<Point> group, List<Sweep.Outcome> ran,
                                   Collection<Sweep.Outcome> grid) {
        List<String> labelKeys = labelKeys(c, grid);
        int refAt = -1;
        for (int i = 0; i < group.size(); i++) if (c.isReference(group.get(i))) refAt = i;
        List<Row> rows = new ArrayList<>();
        if (refAt < 0 || !ran.get(refAt).ok()) return rows;
        Sweep.Outcome ref = ran.get(refAt);
        for (int i = 0; i < group.size(); i++) {
            Sweep.Outcome o = ran.get(i);
            if (i == refAt || !o.ok() || o.point().id().equals(ref.point().id())) continue;
            for (String m : c.metrics()) {
                double r = ref.metric(m);
                double v = o.metric(m);
                if (r > 0 && v > 0) rows.add(new Row(o.point(), label(group.get(i), labelKeys), m, r, v, v / r));
            }
        }
        return rows;
    }

    /** The varied keys that take more than one value here (all of them if none does). */
    static List<String> labelKeys(Experiment.Compare c, Collection<Sweep.Outcome> outcomes) {
        List<String> keys = new ArrayList<>();
        for (String k : c.vary()) {
            Set<String> values = new LinkedHashSet<>();
            for (Sweep.Outcome o : outcomes) values.add(o.point().get(k));
            if (values.size() > 1) keys.add(k);
        }
        return keys.isEmpty() ? c.vary() : keys;
    }

    static String label(Point p, List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) parts.add(p.get(k));
        return String.join("/", parts);
    }

    /** The reference's label, for titles. */
    public static String referenceLabel(Experiment.Compare c) {
        return String.join("/", c.reference().values());
    }
}
