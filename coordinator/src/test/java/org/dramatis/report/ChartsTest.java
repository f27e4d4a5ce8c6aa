package org.dramatis.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static final Pattern TEXT = Pattern.compile("<text[^>]*>([^<]*)</text>");
    private static final List<String> CATEGORIES = List.of("prefill", "decode 1K", "decode 4K", "decode 16K", "decode 64K");

    private static List<String> texts(String svg) {
        List<String> out = new ArrayList<>();
        for (Matcher m = TEXT.matcher(svg); m.find(); ) out.add(m.group(1));
        return out;
    }

    private static String svg(Charts.Chart chart) {
        return new String(Charts.svg(chart), StandardCharsets.UTF_8);
    }

    private static Charts.Chart bars() {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("matmul", List.of(3.0, 4.5, 1.0, 2.0, 7.0));
        series.put("softmax & norm", List.of(0.5, 0.25, 0.75, 1.0, 0.1));
        // five categories: the x labels are drawn turned by 30 degrees, the y title by 90
        return Charts.stackedBars("Energy per token", "energy (µJ)", CATEGORIES, series);
    }

    private static Charts.Chart lines() {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("cent", new double[][] {{1024, 4096, 16384, 65536}, {0.6, 0.7, 1.1, 2.5}});
        series.put("hpim", new double[][] {{1024, 4096, 16384, 65536}, {0.4, 0.5, 0.9, 3.0}});
        return Charts.lines("Token latency", "context (tokens), log scale", "latency (ms)", series, true);
    }

    @Test
    void svgKeepsTitlesAxisTitlesAndLegendAsText() {
        List<String> bars = texts(svg(bars()));
        for (String t : List.of("Energy per token", "energy (µJ)", "matmul", "softmax &amp; norm")) {
            assertTrue(bars.contains(t), t + " in " + bars);
        }
        List<String> lines = texts(svg(lines()));
        for (String t : List.of("Token latency", "context (tokens), log scale", "latency (ms)", "cent", "hpim")) {
            assertTrue(lines.contains(t), t + " in " + lines);
        }
        // the log axis labels its decades with plain numbers
        assertTrue(lines.contains("10,000"), lines::toString);
    }

    @Test
    void everyLabelOfTheBarChartIsText() {
        String svg = svg(bars());
        List<String> texts = texts(svg);
        for (String c : CATEGORIES) assertTrue(texts.contains(c), c + " in " + texts);
        // y tick labels are numbers
        assertTrue(texts.stream().anyMatch(t -> t.matches("[0-9.]+")), texts::toString);
        // no glyph was left as a path: what remains are bars, axes, grid lines and legend boxes
        assertFalse(Pattern.compile("<path d=\"[^\"]*[QC]").matcher(svg).find(), "curved segments are glyph outlines");
        assertFalse(Pattern.compile("<path d=\"[^\"]{2000,}").matcher(svg).find(), "no long path left");
    }

    @Test
    void textCarriesASizeAndAGenericFamily() {
        for (Charts.Chart chart : List.of(bars(), lines())) {
            String svg = svg(chart);
            // the size and family VectorGraphics2D leaves out (its default font's) are on the root
            Matcher root = Pattern.compile("<svg [^>]*>").matcher(svg);
            assertTrue(root.find(), svg.substring(0, 400));
            assertTrue(root.group().contains(" font-family=\"sans-serif\" font-size=\"12px\""), root.group());
            // and a family named on a text is followed by the generic one
            Matcher m = Pattern.compile("<text[^>]*>").matcher(svg);
            while (m.find()) {
                String t = m.group();
                assertTrue(!t.contains("font-family:") || t.contains(",sans-serif;"), t);
            }
        }
    }

    @Test
    void svgIsSmall() {
        for (Charts.Chart chart : List.of(bars(), lines())) {
            int n = Charts.svg(chart).length;
            assertTrue(n < 100_000, n + " bytes");
        }
    }

    @Test
    void sameChartSameBytes(@TempDir Path dir) throws Exception {
        assertArrayEquals(Charts.svg(bars()), Charts.svg(bars()));
        assertArrayEquals(Charts.png(bars()), Charts.png(bars()));
        Charts.save(lines(), dir.resolve("a"));
        Charts.save(lines(), dir.resolve("b"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.svg")), Files.readAllBytes(dir.resolve("b.svg")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.png")), Files.readAllBytes(dir.resolve("b.png")));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("a.png").toFile());
        assertTrue(png.getWidth() == 900 && png.getHeight() == 520, png.getWidth() + "x" + png.getHeight());
    }
}
