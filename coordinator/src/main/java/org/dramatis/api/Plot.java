package org.dramatis.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dramatis.report.Charts;

/** A line plot for scripts: {@code Dramatis.plot("TPOT", "prompt", "ms").series("halo", xs, ys).save("tpot")}. */
public final class Plot {

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final Map<String, double[][]> series = new LinkedHashMap<>();

    Plot(String title, String xTitle, String yTitle) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    public Plot series(String name, double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values, " + y.length + " y values");
        series.put(name, new double[][] {x.clone(), y.clone()});
        return this;
    }

    public Plot series(String name, List<? extends Number> x, List<? extends Number> y) {
        return series(name, x.stream().mapToDouble(Number::doubleValue).toArray(), y.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** Writes {@code base.png} and {@code base.svg}; returns the PNG's path. */
    public Path save(String base) {
        if (series.isEmpty()) throw new IllegalStateException("the plot has no series");
        Charts.save(Charts.lines(title, xTitle, yTitle, series, false), Path.of(base));
        return Path.of(base + ".png");
    }
}
