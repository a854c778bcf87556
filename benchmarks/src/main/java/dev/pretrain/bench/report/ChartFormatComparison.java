package dev.pretrain.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pretrain.common.report.ChartScripts;
import dev.pretrain.common.report.VegaLite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The comparison behind the reports' chart library (docs/reports.md): the same charts as an SVG
 * written by XChart (a JVM library) and as a Vega-Lite spec drawn in the page by the inlined
 * vega scripts. Prints each chart's bytes both ways, the fixed cost of the inlined scripts, and what
 * each format shows: tooltips, a log axis over counts that include zero.
 * {@code bench ChartFormatComparison}
 */
public final class ChartFormatComparison {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChartFormatComparison() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("chart-formats");
    System.out.println("chart                              XChart SVG   Vega-Lite spec");
    for (int bars : new int[] {20, 100}) {
      List<String> names = new ArrayList<>();
      List<Long> values = new ArrayList<>();
      ArrayNode rows = VegaLite.rows();
      for (int i = 0; i < bars; i++) {
        names.add("rule-" + i);
        values.add(1000L + 37L * i * i);
        rows.addObject().put("rule", "rule-" + i).put("documents", 1000L + 37L * i * i);
      }
      CategoryChart chart = new CategoryChartBuilder().width(520).height(300).title(bars + " bars").build();
      chart.addSeries("documents", names, values);
      long svg = svgBytes(chart, dir.resolve("bars-" + bars));
      long spec = JSON.writeValueAsBytes(VegaLite.bars(bars + " bars", rows, "rule", List.of("documents"), "documents",
          false)).length;
      print(bars + " bars", svg, spec);
    }
    for (int points : new int[] {300, 2000}) {
      double[] x = new double[points];
      double[] y = new double[points];
      ArrayNode rows = VegaLite.rows();
      for (int i = 0; i < points; i++) {
        x[i] = i + 1;
        y[i] = 7.6 * Math.exp(-i / (points / 4.0)) + 2 + 0.05 * Math.sin(i);
        rows.addObject().put("step", x[i]).put("loss", y[i]);
      }
      XYChart chart = new XYChartBuilder().width(520).height(220).title("loss").build();
      chart.addSeries("loss", x, y);
      long svg = svgBytes(chart, dir.resolve("line-" + points));
      long spec = JSON.writeValueAsBytes(VegaLite.lines("loss", rows, "step", List.of("loss"), "loss", false)).length;
      print("line of " + points + " points", svg, spec);
    }
    long scripts = 0;
    for (String s : ChartScripts.scripts()) {
      scripts += s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    System.out.printf(Locale.ROOT, "inlined vega + vega-lite + vega-embed scripts: %,d B per page (fixed)%n", scripts);
    showCapabilities(dir);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  /** What each format can show, measured on the files themselves: tooltips and log axes with zero counts. */
  private static void showCapabilities(Path dir) throws Exception {
    CategoryChart tips = new CategoryChartBuilder().width(520).height(300).title("tooltips").build();
    tips.getStyler().setToolTipsEnabled(true);
    tips.addSeries("documents", List.of("a", "b", "c"), List.of(1234, 5678, 91011));
    System.out.println("XChart SVG with setToolTipsEnabled(true): " + outcome(tips, dir.resolve("tooltips")));
    tips.getStyler().setToolTipsEnabled(false);
    svgBytes(tips, dir.resolve("plain"));
    String svg = Files.readString(dir.resolve("plain.svg"));
    System.out.printf(Locale.ROOT, "XChart SVG as written: %d <title> (tooltip) elements, %d <script>, %d <text>"
        + " (labels are glyph outlines), %d <path>%n", count(svg, "<title"), count(svg, "<script"), count(svg, "<text"),
        count(svg, "<path"));
    XYChart log = new XYChartBuilder().width(520).height(220).title("log").build();
    log.getStyler().setYAxisLogarithmic(true);
    log.addSeries("documents", new double[] {1, 2, 3}, new double[] {10, 0, 1000});
    System.out.println("XChart log y axis with an empty bin (a count of 0): " + outcome(log, dir.resolve("log")));
    ArrayNode bins = VegaLite.rows();
    bins.addObject().put("start", 1).put("end", 2).put("documents", 10);
    bins.addObject().put("start", 2).put("end", 3).put("documents", 0);
    var spec = VegaLite.histogram("log", bins, "x", List.of("documents"), "documents", false, true, null);
    System.out.println("Vega-Lite log count axis with an empty bin: scale "
        + spec.path("layer").path(0).path("encoding").path("y").path("scale")
        + ", tooltip on every mark: " + spec.path("layer").path(0).path("mark").path("tooltip"));
  }

  private static String outcome(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
    try {
      return "written, " + svgBytes(chart, file) + " B";
    } catch (Exception e) {
      return "fails: " + e;
    }
  }

  private static int count(String text, String tag) {
    int n = 0;
    for (int i = text.indexOf(tag); i >= 0; i = text.indexOf(tag, i + 1)) {
      n++;
    }
    return n;
  }

  private static long svgBytes(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws Exception {
    VectorGraphicsEncoder.saveVectorGraphic(chart, file.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    return Files.size(Path.of(file + ".svg"));
  }

  private static void print(String chart, long svg, long spec) {
    System.out.printf(Locale.ROOT, "%-32s %,12d B %,12d B%n", chart, svg, spec);
  }
}
