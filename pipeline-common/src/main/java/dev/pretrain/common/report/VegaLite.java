package dev.pretrain.common.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Vega-Lite specs (https://vega.github.io/vega-lite/docs/) for the charts of the reports. The data
 * is always inline and pre-binned by the job, so a chart's size grows with its bins, not with the
 * corpus. Every mark has a tooltip with the exact values.
 */
public final class VegaLite {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final int WIDTH = 520;
  static final int HEIGHT = 220;

  private VegaLite() {}

  /** A new empty array of data rows. */
  public static ArrayNode rows() {
    return F.arrayNode();
  }

  /**
   * Horizontal bars of one or more quantities per category, in the rows' order; with several
   * quantities the bars of a category stand side by side, coloured by quantity.
   */
  public static ObjectNode bars(String title, ArrayNode values, String category, List<String> quantities,
      String quantityTitle, boolean log) {
    ObjectNode spec = base(title, values);
    spec.put("height", Math.max(60, Math.min(40, 18 * quantities.size()) * values.size()));
    ObjectNode enc = spec.putObject("encoding");
    String value = quantities.size() == 1 ? quantities.get(0) : "value";
    if (quantities.size() > 1) {
      fold(spec, quantities, "measure", "value");
      enc.set("yOffset", field("measure", "nominal").put("sort", F.nullNode()));
      enc.set("color", field("measure", "nominal").put("title", "").set("sort", strings(quantities)));
    }
    enc.set("y", field(category, "nominal").put("title", "").set("sort", F.nullNode()));
    ObjectNode x = field(value, "quantitative").put("title", quantityTitle);
    if (log) {
      x.putObject("scale").put("type", "symlog");
    }
    enc.set("x", x);
    ArrayNode tooltip = enc.putArray("tooltip");
    tooltip.add(field(category, "nominal"));
    if (quantities.size() > 1) {
      tooltip.add(field("measure", "nominal"));
    }
    tooltip.add(field(value, "quantitative").put("format", ","));
    spec.putObject("mark").put("type", "bar").put("tooltip", true);
    return spec;
  }

  /**
   * A histogram of pre-binned rows {@code {start, end, <counts...>}}: each bin a bar from start to end,
   * its counts stacked (e.g. passed and dropped), and an optional vertical rule at {@code threshold}.
   *
   * @param logX a log axis for the measured value (symlog when a bin starts at or below 0)
   * @param logY a log axis for the counts (symlog, so empty bins stay drawable)
   */
  public static ObjectNode histogram(String title, ArrayNode values, String xTitle, List<String> counts,
      String countTitle, boolean logX, boolean logY, Double threshold) {
    return histogram(title, values, xTitle, counts, countTitle, logX, logY, threshold, true);
  }

  /**
   * As {@link #histogram(String, ArrayNode, String, List, String, boolean, boolean, Double)}; with
   * {@code stacked} false the series overlap, half transparent (e.g. lengths before and after).
   */
  public static ObjectNode histogram(String title, ArrayNode values, String xTitle, List<String> counts,
      String countTitle, boolean logX, boolean logY, Double threshold, boolean stacked) {
    ObjectNode spec = base(title, null);
    spec.put("height", HEIGHT);
    ArrayNode layers = spec.putArray("layer");
    ObjectNode bars = layers.addObject();
    bars.putObject("data").set("values", values);
    String value = counts.size() == 1 ? counts.get(0) : "count";
    if (counts.size() > 1) {
      fold(bars, counts, "series", "count");
    }
    bars.putObject("mark").put("type", "bar").put("tooltip", true).put("stroke", "white").put("strokeWidth", 0.5);
    ObjectNode enc = bars.putObject("encoding");
    ObjectNode x = field("start", "quantitative").put("title", xTitle);
    // Pre-binned: without this a bar with x and x2 is drawn as a horizontal range, one pixel high.
    x.putObject("bin").put("binned", true);
    boolean nonPositive = false;
    for (var row : values) {
      nonPositive |= row.path("start").asDouble() <= 0;
    }
    if (logX) {
      x.putObject("scale").put("type", nonPositive ? "symlog" : "log");
    }
    enc.set("x", x);
    enc.set("x2", F.objectNode().put("field", "end"));
    ObjectNode y = field(value, "quantitative").put("title", countTitle);
    if (logY) {
      y.putObject("scale").put("type", "symlog");
    }
    if (counts.size() > 1) {
      if (stacked) {
        y.put("stack", "zero");
      } else {
        y.putNull("stack");
        ((ObjectNode) bars.get("mark")).put("opacity", 0.55);
      }
      enc.set("color", field("series", "nominal").put("title", "").set("sort", strings(counts)));
    }
    enc.set("y", y);
    ArrayNode tooltip = enc.putArray("tooltip");
    tooltip.add(field("start", "quantitative").put("title", "from"));
    tooltip.add(field("end", "quantitative").put("title", "to"));
    if (counts.size() > 1) {
      tooltip.add(field("series", "nominal"));
    }
    tooltip.add(field(value, "quantitative").put("format", ","));
    if (threshold != null) {
      ObjectNode rule = layers.addObject();
      rule.putObject("data").putArray("values").addObject().put("threshold", threshold);
      ObjectNode mark = rule.putObject("mark").put("type", "rule").put("color", "#222").put("strokeWidth", 2)
          .put("tooltip", true);
      mark.putArray("strokeDash").add(5).add(3);
      ObjectNode ruleEnc = rule.putObject("encoding");
      ruleEnc.set("x", field("threshold", "quantitative"));
      ruleEnc.putArray("tooltip").add(field("threshold", "quantitative"));
    }
    return spec;
  }

  /**
   * Lines of {@code fields} against {@code x}, one colour per field; rows lacking a field (e.g.
   * validation loss between evaluations) leave that line's point out.
   */
  public static ObjectNode lines(String title, ArrayNode values, String x, List<String> fields, String yTitle,
      boolean logY) {
    ObjectNode spec = base(title, values);
    spec.put("height", HEIGHT);
    fold(spec, fields, "series", "value");
    ((ArrayNode) spec.get("transform")).addObject().put("filter", "isValid(datum.value)");
    spec.putObject("mark").put("type", "line").put("point", values.size() <= 200).put("tooltip", true);
    ObjectNode enc = spec.putObject("encoding");
    enc.set("x", field(x, "quantitative"));
    ObjectNode y = field("value", "quantitative").put("title", yTitle);
    // A log scale never includes zero; Vega-Lite warns in the console when told "zero" with one.
    if (logY) {
      y.putObject("scale").put("type", "log");
    } else {
      y.putObject("scale").put("zero", false);
    }
    enc.set("y", y);
    enc.set("color", field("series", "nominal").put("title", "").set("sort", strings(fields)));
    ArrayNode tooltip = enc.putArray("tooltip");
    tooltip.add(field(x, "quantitative"));
    tooltip.add(field("series", "nominal"));
    tooltip.add(field("value", "quantitative").put("format", ".4~g"));
    return spec;
  }

  private static ObjectNode base(String title, ArrayNode values) {
    ObjectNode spec = F.objectNode();
    spec.put("title", title);
    spec.put("width", WIDTH);
    if (values != null) {
      spec.putObject("data").set("values", values);
    }
    return spec;
  }

  private static void fold(ObjectNode spec, List<String> fields, String key, String value) {
    ArrayNode transform = spec.withArray("transform");
    ObjectNode fold = transform.addObject();
    fold.set("fold", strings(fields));
    fold.putArray("as").add(key).add(value);
  }

  private static ObjectNode field(String name, String type) {
    return F.objectNode().put("field", name).put("type", type);
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode out = F.arrayNode();
    values.forEach(out::add);
    return out;
  }
}
