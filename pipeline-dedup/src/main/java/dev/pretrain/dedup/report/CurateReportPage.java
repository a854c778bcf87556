package dev.pretrain.dedup.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pretrain.common.report.JsonTables;
import dev.pretrain.common.report.Numbers;
import dev.pretrain.common.report.ReportPage;
import dev.pretrain.common.report.Table;
import dev.pretrain.common.report.VegaLite;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code report.html} of a curate output, made from its {@code report.json} alone, so it can be
 * rebuilt for any output ({@code pipeline report}). The run's {@code details} (funnel, filter
 * histograms, examples, lengths, languages, clusters) are drawn when the report has them; a report
 * written before they existed shows what it has (the rejection counts, the largest clusters) and
 * says what it lacks. Every number shown is one of report.json's, or a sum or share of them.
 */
public final class CurateReportPage {
  public static final String FILE_NAME = "report.html";
  /** Stages of {@code rejected_by_stage} in the job's order; others (corpus stages) follow dedup. */
  private static final List<String> DOCUMENT_STAGES = List.of("read", "clean", "filter");
  private static final int TOP_REASONS = 25;
  private static final int TOP_LANGUAGES = 30;
  private static final int EXAMPLES_PER_RULE = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CurateReportPage() {}

  /** As {@link #html(JsonNode, String)} for report.json's text. */
  public static String html(String reportJson, String where) {
    try {
      return html(JSON.readTree(reportJson), where);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("report.json of " + where + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** @param where the output's path, shown under the title */
  public static String html(JsonNode report, String where) {
    ReportPage page = new ReportPage("Curate report", where);
    JsonNode details = report.path("details");
    summary(page, report);
    funnel(page, report, details.path("funnel"));
    filters(page, report, details.path("filters"));
    examples(page, details.path("rejection_examples"));
    lengths(page, details.path("lengths"));
    languages(page, details.path("languages"));
    clusters(page, report, details.path("clusters"));
    corpusStages(page, report);
    time(page, report.path("seconds_by_phase"), report.has("cpu_seconds_by_phase") ? report.path("cpu_seconds_by_phase") : details.path("cpu_seconds_by_phase"));
    inputs(page, report);
    return page.render();
  }

  private static void summary(ReportPage page, JsonNode r) {
    long in = r.path("records_in").asLong();
    long kept = r.path("kept").asLong();
    Map<String, String> figures = new LinkedHashMap<>();
    figures.put("records in", Numbers.count(in));
    figures.put("text in", Numbers.bytes(r.path("bytes_in").asLong()));
    figures.put("kept", Numbers.count(kept) + " (" + Numbers.percent(in == 0 ? 0 : (double) kept / in) + ")");
    figures.put("text kept", Numbers.bytes(r.path("bytes_out").asLong()));
    figures.put("rejected", Numbers.count(r.path("rejected").asLong()));
    long duplicates = 0;
    for (JsonNode n : r.path("duplicates_removed")) {
      duplicates += n.asLong();
    }
    figures.put("duplicates removed", Numbers.count(duplicates));
    page.section("summary", "Summary").figures(figures);
  }

  private static void funnel(ReportPage page, JsonNode r, JsonNode funnel) {
    page.section("funnel", "Funnel");
    ArrayNode rows = VegaLite.rows();
    Table table;
    if (funnel.isArray() && !funnel.isEmpty()) {
      table = Table.of("step", "documents", "text", "removed documents", "removed text");
      for (JsonNode step : funnel) {
        table.row(step.path("step").asText(), step.path("documents").asLong(),
            Table.Cell.bytes(step.path("bytes").asLong()), step.path("removed_documents").asLong(),
            Table.Cell.bytes(step.path("removed_bytes").asLong()));
        rows.addObject().put("step", step.path("step").asText()).put("documents", step.path("documents").asLong())
            .put("bytes", step.path("bytes").asLong());
      }
      page.chart(VegaLite.bars("Documents after each step", rows, "step", List.of("documents"), "documents", false))
          .chart(VegaLite.bars("Text after each step (bytes)", rows, "step", List.of("bytes"), "bytes", false))
          .table(table);
      return;
    }
    // An older report: the steps' document counts follow from the rejections and duplicates.
    table = Table.of("step", "documents", "removed documents");
    long left = r.path("records_in").asLong();
    table.row("records in", left, null);
    rows.addObject().put("step", "records in").put("documents", left);
    Map<String, Long> removals = new LinkedHashMap<>();
    JsonNode byStage = r.path("rejected_by_stage");
    DOCUMENT_STAGES.forEach(s -> {
      if (byStage.has(s)) {
        removals.put(s, byStage.get(s).asLong());
      }
    });
    r.path("duplicates_removed").fields().forEachRemaining(e -> removals.put("duplicates: " + e.getKey(),
        e.getValue().asLong()));
    byStage.fields().forEachRemaining(e -> removals.putIfAbsent(e.getKey(), e.getValue().asLong()));
    for (Map.Entry<String, Long> step : removals.entrySet()) {
      left -= step.getValue();
      table.row(step.getKey(), left, step.getValue());
      rows.addObject().put("step", step.getKey()).put("documents", left);
    }
    page.chart(VegaLite.bars("Documents after each step", rows, "step", List.of("documents"), "documents", false))
        .table(table)
        .note("This report.json has no details.funnel (written before it existed): the steps' counts are derived"
            + " from its rejections and duplicates; text sizes are known only in ("
            + Numbers.bytes(r.path("bytes_in").asLong()) + ") and out (" + Numbers.bytes(r.path("bytes_out").asLong())
            + ").");
  }

  private static void filters(ReportPage page, JsonNode r, JsonNode filters) {
    page.section("filters", "Filters and rejection rules");
    if (filters.isArray() && !filters.isEmpty()) {
      Table overview = Table.of("filter", "measure", "threshold", "reached", "dropped", "share dropped");
      for (JsonNode f : filters) {
        overview.row(f.path("filter").asText(), f.path("measure").asText(), threshold(f),
            f.path("reached").asLong(), f.path("dropped").asLong(), Table.Cell.percent(f.path("dropped_share").asDouble()));
      }
      page.table(overview);
      for (JsonNode f : filters) {
        ArrayNode bins = VegaLite.rows();
        f.path("bins").forEach(b -> bins.addObject().put("start", b.path("start").asDouble())
            .put("end", b.path("end").asDouble()).put("passed", b.path("passed").asLong())
            .put("dropped", b.path("dropped").asLong()));
        Double threshold = f.path("threshold").isNumber() ? f.path("threshold").asDouble() : null;
        String title = f.path("title").asText(f.path("measure").asText());
        page.chart(VegaLite.histogram(title + " — " + Numbers.percent(f.path("dropped_share").asDouble()) + " dropped",
            bins, f.path("measure").asText(), List.of("passed", "dropped"), "documents",
            "log".equals(f.path("scale").asText()), false, threshold));
      }
    } else {
      page.note("This report.json has no details.filters (written before they existed): no histograms of the"
          + " measured values; the rejections per rule follow.");
    }
    reasons(page, r);
  }

  private static Object threshold(JsonNode f) {
    if (f.path("threshold").isNumber()) {
      return f.path("threshold").asDouble();
    }
    JsonNode byLanguage = f.path("thresholds_by_language");
    if (byLanguage.isObject() && !byLanguage.isEmpty()) {
      List<String> parts = new ArrayList<>();
      byLanguage.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + Numbers.number(e.getValue().asDouble())));
      return "by language: " + String.join(", ", parts);
    }
    return null;
  }

  private static void reasons(ReportPage page, JsonNode r) {
    long in = r.path("records_in").asLong();
    List<Object[]> reasons = new ArrayList<>();
    r.path("rejected_by_reason").fields().forEachRemaining(stage -> stage.getValue().fields().forEachRemaining(
        reason -> reasons.add(new Object[] {stage.getKey(), reason.getKey(), reason.getValue().asLong()})));
    reasons.sort((a, b) -> Long.compare((Long) b[2], (Long) a[2]));
    Table table = Table.of("stage", "rule", "documents", "share of records in");
    ArrayNode rows = VegaLite.rows();
    for (Object[] reason : reasons) {
      long n = (Long) reason[2];
      table.row(reason[0], reason[1], n, Table.Cell.percent(in == 0 ? 0 : (double) n / in));
      if (rows.size() < TOP_REASONS) {
        rows.addObject().put("rule", reason[0] + " / " + reason[1]).put("documents", n);
      }
    }
    page.heading("Rejections per rule");
    if (reasons.isEmpty()) {
      page.note("No record was rejected.");
      return;
    }
    page.chart(VegaLite.bars("Top rejection rules", rows, "rule", List.of("documents"), "documents", false))
        .table(table);
  }

  private static void examples(ReportPage page, JsonNode examples) {
    page.section("examples", "Rejected examples");
    if (!examples.isArray() || examples.isEmpty()) {
      page.note("This report.json has no details.rejection_examples (written before they existed); the"
          + " rejected/ directory of the output holds every rejected record with its text.");
      return;
    }
    for (JsonNode rule : examples) {
      page.heading(rule.path("stage").asText() + " / " + rule.path("reason").asText() + " ("
          + Numbers.count(rule.path("count").asLong()) + " documents)");
      Table table = Table.of("id", "opening");
      int n = 0;
      for (JsonNode e : rule.path("examples")) {
        if (n++ == EXAMPLES_PER_RULE) {
          break;
        }
        table.row(e.path("id").asText(), Table.Cell.snippet(e.path("snippet").asText()));
      }
      page.table(table);
    }
  }

  private static void lengths(ReportPage page, JsonNode lengths) {
    page.section("lengths", "Document length per source");
    JsonNode sources = lengths.path("sources");
    if (!sources.isArray() || sources.isEmpty()) {
      page.note("This report.json has no details.lengths (written before they existed).");
      return;
    }
    String unit = lengths.path("unit").asText("bytes");
    boolean log = "log".equals(lengths.path("scale").asText());
    for (JsonNode source : sources) {
      // Before and after share their bins when the job binned both alike; a bin only one has counts 0 in the other.
      Map<List<Double>, long[]> bins = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
          ? Double.compare(a.get(1), b.get(1)) : Double.compare(a.get(0), b.get(0)));
      addBins(bins, source.path("before"), 0);
      addBins(bins, source.path("after"), 1);
      ArrayNode rows = VegaLite.rows();
      bins.forEach((range, counts) -> rows.addObject().put("start", range.get(0)).put("end", range.get(1))
          .put("before", counts[0]).put("after", counts[1]));
      page.chart(VegaLite.histogram(source.path("source").asText() + ": length before and after", rows,
          "length (" + unit + ")", List.of("before", "after"), "documents", log, false, null, false));
    }
  }

  private static void addBins(Map<List<Double>, long[]> bins, JsonNode list, int which) {
    for (JsonNode b : list) {
      bins.computeIfAbsent(List.of(b.path("start").asDouble(), b.path("end").asDouble()), k -> new long[2])[which] +=
          b.path("count").asLong();
    }
  }

  private static void languages(ReportPage page, JsonNode languages) {
    page.section("languages", "Languages");
    if (!languages.isArray() || languages.isEmpty()) {
      page.note("This report.json has no details.languages (written before they existed).");
      return;
    }
    long reached = 0;
    long kept = 0;
    for (JsonNode l : languages) {
      reached += l.path("reached").asLong();
      kept += l.path("kept").asLong();
    }
    Table table = Table.of("language", "reached the language step", "kept", "share of kept");
    ArrayNode rows = VegaLite.rows();
    for (JsonNode l : languages) {
      long k = l.path("kept").asLong();
      table.row(l.path("lang").asText(), l.path("reached").asLong(), k, Table.Cell.percent(kept == 0 ? 0 : (double) k / kept));
      if (rows.size() < TOP_LANGUAGES) {
        rows.addObject().put("lang", l.path("lang").asText()).put("reached", l.path("reached").asLong()).put("kept", k);
      }
    }
    page.chart(VegaLite.bars("Documents per language", rows, "lang", List.of("reached", "kept"), "documents", true))
        .table(table);
  }

  private static void clusters(ReportPage page, JsonNode r, JsonNode clusters) {
    page.section("clusters", "Duplicate clusters");
    if (clusters.isObject() && clusters.has("size_bins")) {
      ArrayNode rows = VegaLite.rows();
      clusters.path("size_bins").forEach(b -> rows.addObject().put("start", b.path("start").asDouble())
          .put("end", b.path("end").asDouble()).put("clusters", b.path("clusters").asLong())
          .put("members", b.path("members").asLong()));
      page.figures(Map.of("documents without a duplicate", Numbers.count(clusters.path("singletons").asLong())))
          .chart(VegaLite.histogram("Clusters by size (log scales)", rows, "cluster size (documents)",
              List.of("clusters"), "clusters", true, true, null));
      Table largest = Table.of("size", "kept id", "kept: opening", "removed id", "removed: opening").withClass("side-by-side");
      for (JsonNode c : clusters.path("largest")) {
        largest.row(c.path("size").asLong(), c.at("/kept/id").asText(), Table.Cell.snippet(c.at("/kept/opening").asText()),
            c.at("/removed/id").asText(), Table.Cell.snippet(c.at("/removed/opening").asText()));
      }
      page.heading("Largest clusters: the document kept and one removed, side by side").table(largest);
    } else {
      page.note("This report.json has no details.clusters (written before they existed): the largest clusters by"
          + " the id of the document kept follow, without their text.");
      Table largest = Table.of("kept id", "size");
      r.path("largest_clusters").fields().forEachRemaining(e -> largest.row(e.getKey(), e.getValue().asLong()));
      page.table(largest);
    }
    JsonNode buckets = r.path("largest_buckets");
    if (buckets.isArray() && !buckets.isEmpty()) {
      JsonTables.add(page, "Largest LSH buckets (the most repeated content)", buckets);
    }
  }

  private static void corpusStages(ReportPage page, JsonNode r) {
    page.section("stages", "Dedup and corpus stages");
    JsonTables.add(page, null, r.path("corpus_stages"));
    JsonNode details = r.path("corpus_stage_details");
    if (details.isObject() && !details.isEmpty()) {
      JsonTables.add(page, "Corpus stage details", details);
    }
    JsonNode clean = r.path("clean_counts");
    if (clean.isObject() && !clean.isEmpty()) {
      JsonTables.add(page, "Cleaning (summed over documents)", clean);
    }
  }

  private static void time(ReportPage page, JsonNode wall, JsonNode cpu) {
    page.section("time", "Time per phase");
    boolean withCpu = cpu.isObject() && !cpu.isEmpty();
    Table table = withCpu ? Table.of("phase", "wall clock", "CPU") : Table.of("phase", "wall clock");
    ArrayNode rows = VegaLite.rows();
    for (Iterator<Map.Entry<String, JsonNode>> it = wall.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ObjectNode row = rows.addObject().put("phase", e.getKey()).put("wall seconds", e.getValue().asDouble());
      if (withCpu) {
        row.put("CPU seconds", cpu.path(e.getKey()).asDouble());
        table.row(e.getKey(), Table.Cell.seconds(e.getValue().asDouble()), Table.Cell.seconds(cpu.path(e.getKey()).asDouble()));
      } else {
        table.row(e.getKey(), Table.Cell.seconds(e.getValue().asDouble()));
      }
    }
    page.chart(VegaLite.bars("Seconds per phase", rows, "phase",
        withCpu ? List.of("wall seconds", "CPU seconds") : List.of("wall seconds"), "seconds", false)).table(table);
    if (!withCpu) {
      page.note("This report.json records no CPU time per phase (cpu_seconds_by_phase; runs before it was recorded).");
    }
  }

  private static void inputs(ReportPage page, JsonNode r) {
    page.section("inputs", "Inputs and configuration");
    JsonNode fingerprint = firstOf(r, "input_fingerprint");
    if (fingerprint != null) {
      page.figures(Map.of("input fingerprint (SHA-256 of the inputs' paths, sizes and times)", fingerprint.asText()));
    }
    JsonTables.add(page, "Input files", r.path("input_files"));
    JsonNode config = firstOf(r, "config");
    if (config != null) {
      page.heading("Resolved configuration").preformatted(config.isTextual() ? config.asText() : config.toPrettyString());
    }
    if (fingerprint == null || config == null) {
      page.note("This report.json does not record " + (fingerprint == null ? "the input fingerprint" : "")
          + (fingerprint == null && config == null ? " nor " : "") + (config == null ? "the resolved configuration" : "")
          + ".");
    }
  }

  /** A field at the top of report.json or in its details (both places are read). */
  private static JsonNode firstOf(JsonNode r, String field) {
    JsonNode node = r.has(field) ? r.get(field) : r.path("details").get(field);
    return node == null || node.isNull() ? null : node;
  }
}
