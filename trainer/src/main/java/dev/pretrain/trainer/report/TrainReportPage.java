package dev.pretrain.trainer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pretrain.common.report.Numbers;
import dev.pretrain.common.report.ReportPage;
import dev.pretrain.common.report.Table;
import dev.pretrain.common.report.VegaLite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code report.html} of a training run, made from its {@code metrics.jsonl} (the fields of
 * {@code TrainSteps.StepLine} and {@code DilocoRounds.RoundLine}, docs/formats.md), its
 * {@code samples.jsonl} when there is one, and its {@code config.conf}: loss and validation loss,
 * learning rate, gradient norm, tokens/s and MFU against steps. The run loop rewrites it at every
 * checkpoint, so a running job's report is current; {@code pipeline report} rebuilds it.
 */
public final class TrainReportPage {
  public static final String FILE_NAME = "report.html";
  /** Points drawn per chart at most; longer logs are thinned evenly (evaluations and the last line kept). */
  static final int MAX_POINTS = 2000;
  /** Each chart: its title, the fields it draws, the y axis title, and whether that axis is logarithmic. */
  private static final List<Object[]> CHARTS = List.of(
      new Object[] {"Loss", List.of("loss", "val_loss"), "loss (nats)", false},
      new Object[] {"Learning rate", List.of("lr"), "learning rate", false},
      new Object[] {"Gradient norm (before clipping)", List.of("grad_norm"), "L2 norm", true},
      new Object[] {"Throughput", List.of("tokens_per_sec"), "tokens / s", false},
      new Object[] {"Model FLOPs utilisation", List.of("mfu"), "MFU", false});

  private TrainReportPage() {}

  /**
   * @param metrics the lines of metrics.jsonl, in order
   * @param samples the lines of samples.jsonl ({@code step}, {@code prompt}, {@code text}), maybe none
   * @param settings the run's config.conf, if it has one
   */
  public static String html(List<JsonNode> metrics, List<JsonNode> samples, Optional<String> settings, String where) {
    ReportPage page = new ReportPage("Training report", where);
    page.section("summary", "Summary");
    if (metrics.isEmpty()) {
      page.note("metrics.jsonl holds no line yet: the run has not logged its first step.");
    } else {
      JsonNode last = metrics.get(metrics.size() - 1);
      Map<String, String> figures = new LinkedHashMap<>();
      figures.put("last logged step", Numbers.count(last.path("step").asLong()));
      figures.put("loss", Numbers.number(last.path("loss").asDouble()));
      lastWith(metrics, "val_loss").ifPresent(v -> figures.put("validation loss (step " + Numbers.count(
          v.path("step").asLong()) + ")", Numbers.number(v.path("val_loss").asDouble())));
      figures.put("lines in metrics.jsonl", Numbers.count(metrics.size()));
      page.figures(figures);
      ArrayNode points = thinned(metrics);
      if (points.size() < metrics.size()) {
        page.note("The charts draw " + points.size() + " of the " + metrics.size() + " lines, evenly spaced"
            + " (every evaluation and the last line included); metrics.jsonl holds all of them.");
      }
      page.section("curves", "Curves against steps");
      for (Object[] chart : CHARTS) {
        @SuppressWarnings("unchecked")
        List<String> fields = ((List<String>) chart[1]).stream().filter(f -> has(metrics, f)).toList();
        if (!fields.isEmpty()) {
          page.chart(VegaLite.lines((String) chart[0], points, "step", fields, (String) chart[2], (Boolean) chart[3]));
        }
      }
      List<String> missing = new ArrayList<>();
      for (String f : List.of("val_loss", "grad_norm", "mfu")) {
        if (!has(metrics, f)) {
          missing.add(f);
        }
      }
      if (!missing.isEmpty()) {
        page.note("metrics.jsonl has no " + String.join(", ", missing)
            + " (a DiLoCo run logs no gradient norm or MFU; validation loss appears at the first evaluation).");
      }
    }
    page.section("samples", "Samples at checkpoints");
    if (samples.isEmpty()) {
      page.note("No samples.jsonl in this run (no train.sample-prompts were set).");
    } else {
      Table table = Table.of("step", "prompt", "generated");
      samples.forEach(s -> table.row(s.path("step").asLong(), Table.Cell.snippet(s.path("prompt").asText()),
          Table.Cell.snippet(s.path("text").asText())));
      page.table(table);
    }
    page.section("settings", "Settings");
    settings.ifPresentOrElse(page::preformatted, () -> page.note("This run has no config.conf."));
    return page.render();
  }

  /** The lines to draw: all of them, or at most {@link #MAX_POINTS} evenly spaced plus evaluations and the last. */
  static ArrayNode thinned(List<JsonNode> metrics) {
    ArrayNode points = VegaLite.rows();
    int every = Math.max(1, (metrics.size() + MAX_POINTS - 1) / MAX_POINTS);
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode line = metrics.get(i);
      if (i % every == 0 || i == metrics.size() - 1 || line.has("val_loss")) {
        ObjectNode point = points.addObject();
        line.fields().forEachRemaining(e -> {
          if (e.getValue().isNumber()) {
            point.set(e.getKey(), e.getValue());
          }
        });
      }
    }
    return points;
  }

  private static boolean has(List<JsonNode> metrics, String field) {
    return metrics.stream().anyMatch(m -> m.path(field).isNumber());
  }

  private static Optional<JsonNode> lastWith(List<JsonNode> metrics, String field) {
    for (int i = metrics.size() - 1; i >= 0; i--) {
      if (metrics.get(i).path(field).isNumber()) {
        return Optional.of(metrics.get(i));
      }
    }
    return Optional.empty();
  }
}
