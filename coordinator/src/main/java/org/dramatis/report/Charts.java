package org.dramatis.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.GraphicsState;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.AttributedCharacterIterator;
import java.text.CharacterIterator;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dramatis.common.Outputs;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Report plots drawn with JFreeChart, saved as PNG and SVG side by side (headless: no display is
 * needed). JFreeChart draws its labels with {@code drawString}, so the SVG (VectorGraphics2D) keeps
 * them as {@code <text>}. Everything that shapes a picture is fixed here (colours, shapes, logical
 * font names, number formats in {@link Locale#ROOT}, rendering hints), and neither output holds a
 * time or an id: the same chart gives the same bytes.
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
        // JFreeChart draws turned labels (the y title, slanted categories) as a TextLayout by
        // default, a workaround for a Java 1.4 bug that an SVG gets as glyph outlines; drawString
        // turns them as well and keeps them text
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** A chart and the size in pixels it is drawn at. */
    public record Chart(JFreeChart chart, int width, int height) {}

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xd0d0d0);
    private static final Color AXIS = new Color(0x555555);
    /** Series colours in order (the Tableau 10 palette), then their darker shades for series 11 to 20. */
    private static final Color[] BASE = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
        new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac)};

    private Charts() {}

    /** Bars per category, stacked by series; {@code series} maps a series name to one value per category. */
    public static Chart stackedBars(String title, String yTitle, List<String> categories,
                                    Map<String, List<Double>> series) {
        return bars(title, yTitle, categories, series, true);
    }

    /** Bars per category side by side, one per series (values that do not add up, such as shares). */
    public static Chart groupedBars(String title, String yTitle, List<String> categories,
                                    Map<String, List<Double>> series) {
        return bars(title, yTitle, categories, series, false);
    }

    private static Chart bars(String title, String yTitle, List<String> categories, Map<String, List<Double>> series,
                              boolean stacked) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            for (int i = 0; i < categories.size(); i++) data.addValue(s.getValue().get(i), s.getKey(), categories.get(i));
        }
        CategoryAxis x = new CategoryAxis(null);
        boolean slanted = categories.size() > 4;
        x.setCategoryLabelPositions(slanted
                ? CategoryLabelPositions.createUpRotationLabelPositions(SLANT) : CategoryLabelPositions.STANDARD);
        x.setMaximumCategoryLabelLines(2);
        x.setCategoryMargin(0.2);
        NumberAxis y = numberAxis(yTitle);
        BarRenderer r = stacked ? new StackedBarRenderer() : new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.05);
        r.setMaximumBarWidth(0.12);
        CategoryPlot p = new CategoryPlot(data, x, y, r);
        p.setOrientation(PlotOrientation.VERTICAL);
        p.setDomainGridlinesVisible(false);
        style(p);
        p.setRangeGridlinePaint(GRID);
        p.setRangeGridlineStroke(new BasicStroke(0.8f));
        style(x);
        JFreeChart c = chart(title, p);
        if (slanted) c.setPadding(new RectangleInsets(8, Math.max(8, reach(categories)), 8, 8));
        return new Chart(c, 1000, 560);
    }

    /** How far category labels are turned from the horizontal when there are more than four. */
    private static final double SLANT = Math.PI / 6;

    /**
     * The room slanted category labels want left of the chart's edge: each ends at its category's
     * middle and reaches down to the left, the first ones past the y axis when they are long. An
     * estimate from the labels' widths in the tick font, with the y axis taken as 50 pixels wide and
     * the categories as sharing 700.
     */
    private static int reach(List<String> categories) {
        FontRenderContext frc = new FontRenderContext(null, true, true);
        double step = 700.0 / categories.size();
        double reach = 0;
        for (int i = 0; i < categories.size(); i++) {
            Rectangle2D b = TICK.getStringBounds(categories.get(i), frc);
            double left = b.getWidth() * Math.cos(SLANT) + b.getHeight() * Math.sin(SLANT);
            reach = Math.max(reach, left - 50 - step * (i + 0.5));
        }
        return (int) Math.ceil(reach);
    }

    /**
     * Lines of y against x, one per series, with a marker at each point; {@code logX} for an axis
     * of token counts that spans decades (context lengths of 1K to 1M).
     */
    public static Chart lines(String title, String xTitle, String yTitle, Map<String, double[][]> series, boolean logX) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[][]> s : series.entrySet()) {
            XYSeries xy = new XYSeries(s.getKey(), false, true);
            double[] xs = s.getValue()[0];
            double[] ys = s.getValue()[1];
            for (int i = 0; i < xs.length; i++) xy.add(xs[i], ys[i]);
            data.addSeries(xy);
        }
        ValueAxis x;
        if (logX) {
            LogAxis log = new TextLogAxis(xTitle);
            log.setBase(10);
            log.setNumberFormatOverride(format("#,##0.###"));
            log.setSmallestValue(1e-9);
            log.setTickUnit(new NumberTickUnit(1)); // a label per power of ten
            log.setMinorTickCount(9); // and a mark at each multiple of it
            log.setMinorTickMarksVisible(true);
            // from a whole decade to a whole decade, each one labelled
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (double[][] s : series.values()) {
                for (double v : s[0]) {
                    if (v > 0) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (hi > 0) {
                double from = Math.floor(Math.log10(lo));
                log.setRange(Math.pow(10, from), Math.pow(10, Math.max(from + 1, Math.ceil(Math.log10(hi)))));
            }
            x = log;
        } else {
            NumberAxis n = numberAxis(xTitle);
            n.setAutoRangeIncludesZero(false);
            x = n;
        }
        NumberAxis y = numberAxis(yTitle);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDefaultStroke(new BasicStroke(2f));
        r.setAutoPopulateSeriesStroke(false);
        XYPlot p = new XYPlot(data, x, y, r);
        p.setOrientation(PlotOrientation.VERTICAL);
        style(p);
        p.setDomainGridlinePaint(GRID);
        p.setDomainGridlineStroke(new BasicStroke(0.8f));
        p.setRangeGridlinePaint(GRID);
        p.setRangeGridlineStroke(new BasicStroke(0.8f));
        style(x);
        return new Chart(chart(title, p), 900, 520);
    }

    /** Writes {@code base.png} and {@code base.svg} (each atomically). */
    public static void save(Chart chart, Path base) {
        Outputs.writeBytes(Path.of(base + ".png"), png(chart));
        Outputs.writeBytes(Path.of(base + ".svg"), svg(chart));
    }

    /** The chart as a PNG image of its size. */
    static byte[] png(Chart c) {
        BufferedImage image = new BufferedImage(c.width(), c.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(c, g);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not throw
        }
        return out.toByteArray();
    }

    /** The chart as an SVG document whose labels are {@code <text>} elements. */
    static byte[] svg(Chart c) {
        VectorGraphics2D g = new VectorGraphics2D();
        draw(c, g);
        g.dispose();
        Document doc = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, c.width(), c.height()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            doc.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not throw
        }
        return tidy(out.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private static final Pattern CLIP_ID = Pattern.compile("(?<=id=\"|url\\(#)clip-?[0-9]+");
    private static final Pattern FAMILY = Pattern.compile("font-family:&quot;([^&]*)&quot;;");

    /**
     * Three things VectorGraphics2D's SVG needs for the same chart to give the same document, read
     * the same in any viewer. Clip paths are named by their shape's {@code hashCode}, which is the
     * object's identity for the turned clips of turned labels: they get numbers in order. The font
     * family and size of its default font (Dialog 12) are left out of each {@code <text>}, so a
     * browser would draw those at its own 16px: the root gives them. And each family it names (the
     * physical one behind SansSerif, such as DejaVu Sans) is followed by the generic
     * {@code sans-serif}, for a viewer without it: every font here is SansSerif.
     */
    private static String tidy(String svg) {
        Map<String, String> ids = new LinkedHashMap<>();
        Matcher m = CLIP_ID.matcher(svg);
        StringBuilder out = new StringBuilder(svg.length());
        while (m.find()) m.appendReplacement(out, ids.computeIfAbsent(m.group(), k -> "clip" + (ids.size() + 1)));
        m.appendTail(out);
        svg = FAMILY.matcher(out).replaceAll("font-family:&quot;$1&quot;,sans-serif;");
        Font d = GraphicsState.DEFAULT_FONT;
        return svg.replaceFirst("<svg ", "<svg font-family=\"sans-serif\" font-size=\"" + d.getSize() + "px\" ");
    }

    private static void draw(Chart c, Graphics2D g) {
        g.setRenderingHints(hints());
        c.chart().draw(g, new Rectangle2D.Double(0, 0, c.width(), c.height()), null);
    }

    /** Anti-aliased shapes and text, pure strokes, fractional font metrics: set, not left to the platform. */
    private static RenderingHints hints() {
        RenderingHints h = new RenderingHints(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        h.put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        h.put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        h.put(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        h.put(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return h;
    }

    private static JFreeChart chart(String title, Plot p) {
        JFreeChart c = new JFreeChart(title, TITLE, p, true);
        c.setBackgroundPaint(Color.WHITE);
        c.setPadding(new RectangleInsets(8, 8, 8, 8));
        c.setRenderingHints(hints());
        TextTitle t = c.getTitle();
        t.setPaint(Color.BLACK);
        t.setMargin(0, 0, 6, 0);
        LegendTitle l = c.getLegend();
        l.setPosition(RectangleEdge.RIGHT);
        l.setItemFont(LEGEND);
        l.setItemPaint(Color.BLACK);
        l.setBackgroundPaint(Color.WHITE);
        l.setFrame(new BlockBorder(GRID));
        l.setMargin(0, 8, 0, 0);
        return c;
    }

    private static NumberAxis numberAxis(String title) {
        NumberAxis a = new NumberAxis(title);
        a.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        style(a);
        return a;
    }

    private static void style(Axis a) {
        a.setLabelFont(LABEL);
        a.setLabelPaint(Color.BLACK);
        a.setTickLabelFont(TICK);
        a.setTickLabelPaint(Color.BLACK);
        a.setAxisLinePaint(AXIS);
        a.setTickMarkPaint(AXIS);
    }

    private static void style(Plot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setOutlinePaint(AXIS);
        p.setOutlineStroke(new BasicStroke(1f));
        p.setDrawingSupplier(new DefaultDrawingSupplier(palette(), palette(), palette(),
                new Stroke[] {new BasicStroke(2f)}, new Stroke[] {new BasicStroke(1f)},
                DefaultDrawingSupplier.createStandardSeriesShapes())); // markers 6 pixels across, a fixed list
    }

    private static Paint[] palette() {
        Paint[] p = new Paint[2 * BASE.length];
        for (int i = 0; i < BASE.length; i++) {
            p[i] = BASE[i];
            p[BASE.length + i] = new Color(BASE[i].getRed() * 6 / 10, BASE[i].getGreen() * 6 / 10, BASE[i].getBlue() * 6 / 10);
        }
        return p;
    }

    /**
     * A log axis whose tick labels are strings: LogAxis makes them AttributedStrings (for
     * superscript powers), which JFreeChart lays out as a TextLayout, so that an SVG would hold
     * them as glyph outlines.
     */
    private static final class TextLogAxis extends LogAxis {

        TextLogAxis(String label) {
            super(label);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            List<Tick> out = new ArrayList<>();
            for (Object o : super.refreshTicks(g2, state, dataArea, edge)) {
                ValueTick t = (ValueTick) o;
                String label = t.getText();
                if (t instanceof LogTick l && l.getAttributedLabel() != null) {
                    StringBuilder b = new StringBuilder();
                    AttributedCharacterIterator it = l.getAttributedLabel().getIterator();
                    for (char c = it.first(); c != CharacterIterator.DONE; c = it.next()) b.append(c);
                    label = b.toString();
                }
                out.add(new NumberTick(t.getTickType(), t.getValue(), label == null ? "" : label, t.getTextAnchor(),
                        t.getRotationAnchor(), t.getAngle()));
            }
            return out;
        }
    }

    private static DecimalFormat format(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
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
