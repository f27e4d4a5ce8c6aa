package org.dramatis.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dramatis.common.Outputs;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** Report plots drawn with XChart, saved as PNG and SVG side by side (headless: no display is needed). */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** Bars per category, stacked by series; {@code series} maps a series name to one value per category. */
    public static CategoryChart stackedBars(String title, String yTitle, List<String> categories,
                                            Map<String, List<Double>> series) {
        CategoryChart c = new CategoryChartBuilder().width(1000).height(560).title(title).yAxisTitle(yTitle).build();
        c.getStyler().setStacked(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisLabelRotation(categories.size() > 4 ? 30 : 0);
        c.getStyler().setOverlapped(false);
        for (Map.Entry<String, List<Double>> s : series.entrySet()) c.addSeries(s.getKey(), categories, s.getValue());
        return c;
    }

    /** Bars per category side by side, one per series (values that do not add up, such as shares). */
    public static CategoryChart groupedBars(String title, String yTitle, List<String> categories,
                                            Map<String, List<Double>> series) {
        CategoryChart c = stackedBars(title, yTitle, categories, series);
        c.getStyler().setStacked(false);
        return c;
    }

    /**
     * Lines of y against x, one per series; {@code logX} for an axis of token counts that spans
     * decades (context lengths of 1K to 1M).
     */
    public static XYChart lines(String title, String xTitle, String yTitle, Map<String, double[][]> series, boolean logX) {
        XYChart c = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setMarkerSize(6);
        for (Map.Entry<String, double[][]> s : series.entrySet()) c.addSeries(s.getKey(), s.getValue()[0], s.getValue()[1]);
        return c;
    }

    /** Writes {@code base.png} and {@code base.svg} (each atomically). */
    public static void save(Chart<?, ?> chart, Path base) {
        try {
            Outputs.writeBytes(Path.of(base + ".png"), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            Outputs.writeBytes(Path.of(base + ".svg"), svg.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + base + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps the {@code keep} series with the largest totals and sums the rest into "other", so a
     * stacked bar stays readable when a model has dozens of operators.
     */
    public static Map<String, List<Double>> top(Map<String, List<Double>> series, int keep) {
        List<String> order = series.keySet().stream()
                .sorted((a, b) -> Double.compare(sum(series.get(b)), sum(series.get(a)))).toList();
        Map<String, List<Double>> out = new LinkedHashMap<>();
        Double[] other = null;
        for (int i = 0; i < order.size(); i++) {
            List<Double> v = series.get(order.get(i));
            if (i < keep || order.size() == keep + 1) {
                out.put(order.get(i), v);
                continue;
            }
            if (other == null) {
                other = new Double[v.size()];
                java.util.Arrays.fill(other, 0.0);
            }
            for (int j = 0; j < v.size(); j++) other[j] += v.get(j);
        }
        if (other != null) out.put("other", List.of(other));
        return out;
    }

    private static double sum(List<Double> v) {
        double s = 0;
        for (double d : v) s += d;
        return s;
    }
}
