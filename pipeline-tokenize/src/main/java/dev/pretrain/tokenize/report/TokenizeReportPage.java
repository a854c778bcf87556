package dev.pretrain.tokenize.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.pretrain.common.report.JsonTables;
import dev.pretrain.common.report.Numbers;
import dev.pretrain.common.report.ReportPage;
import dev.pretrain.common.report.Table;
import dev.pretrain.common.report.VegaLite;
import dev.pretrain.common.shards.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code report.html} of a token dataset, made from its {@code manifest.json} alone (so
 * {@code pipeline report} rebuilds it for any dataset): totals, tokens per document, the splits, the
 * shards' sizes, the tokenizer and, when the manifest lists its {@code sources}, the mix as planned
 * (weights) and as written (tokens). What the manifest does not record is named, not guessed.
 */
public final class TokenizeReportPage {
  public static final String FILE_NAME = "report.html";
  /** Shards drawn one bar each; a dataset with more shows a histogram of their sizes. */
  static final int SHARD_BARS = 400;
  private static final int SIZE_BINS = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  private TokenizeReportPage() {}

  public static String html(String manifestJson, String where) {
    return html(manifestJson, Optional.empty(), where);
  }

  /** @param statisticsJson the dataset's report.json ({@link TokenStatistics}), absent before it was written */
  public static String html(String manifestJson, Optional<String> statisticsJson, String where) {
    JsonNode manifest = parse(manifestJson, Manifest.FILE_NAME, where);
    return html(manifest, statisticsJson.map(s -> parse(s, TokenStatistics.FILE_NAME, where))
        .orElse(MissingNode.getInstance()), where);
  }

  private static JsonNode parse(String json, String file, String where) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " of " + where + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String html(JsonNode manifest, String where) {
    return html(manifest, MissingNode.getInstance(), where);
  }

  public static String html(JsonNode manifest, JsonNode statistics, String where) {
    ReportPage page = new ReportPage("Tokenize report", where);
    JsonNode totals = manifest.path("totals");
    long documents = totals.path("documents").asLong();
    long rejected = totals.path("rejected_documents").asLong();
    long tokens = totals.path("tokens").asLong();
    Map<String, String> figures = new LinkedHashMap<>();
    figures.put("documents", Numbers.count(documents));
    figures.put("tokens", Numbers.count(tokens));
    long encoded = documents - rejected;
    figures.put("tokens per document (mean)", Numbers.number(encoded == 0 ? 0 : Math.round(10.0 * tokens / encoded) / 10.0));
    figures.put("rows of seq_len + 1 = " + (manifest.path("seq_len").asInt() + 1) + " ids", Numbers.count(totals.path("rows").asLong()));
    figures.put("dropped tokens", Numbers.count(totals.path("dropped_tokens").asLong()));
    figures.put("documents that could not be encoded", Numbers.count(rejected));
    page.section("summary", "Summary").figures(figures)
        .note("The mean above is the manifest's tokens / encoded documents (end-of-text ids included); the"
            + " distribution, per source, is under \"Tokens per document\" when the dataset has a "
            + TokenStatistics.FILE_NAME + ".");

    splits(page, manifest.path("splits"));
    sources(page, manifest.path("sources"), totals);
    statistics(page, statistics);
    page.section("tokenizer", "Tokenizer and input");
    JsonTables.add(page, null, manifest.path("tokenizer"));
    Table input = Table.of("field", "value");
    input.row("input fingerprint", manifest.path("input_fingerprint").asText());
    input.row("shuffle seed", manifest.path("shuffle_seed").asLong());
    input.row("format", manifest.path("format").asText() + " v" + manifest.path("format_version").asInt());
    page.table(input);
    return page.render();
  }

  private static void splits(ReportPage page, JsonNode splits) {
    page.section("splits", "Splits and shards");
    Table table = Table.of("split", "documents", "rows", "shards", "smallest shard (rows)", "largest shard (rows)");
    splits.fields().forEachRemaining(e -> {
      long min = Long.MAX_VALUE;
      long max = 0;
      for (JsonNode shard : e.getValue().path("shards")) {
        min = Math.min(min, shard.path("rows").asLong());
        max = Math.max(max, shard.path("rows").asLong());
      }
      int shards = e.getValue().path("shards").size();
      table.row(e.getKey(), e.getValue().path("documents").asLong(), e.getValue().path("rows").asLong(), shards,
          shards == 0 ? null : min, shards == 0 ? null : max);
    });
    page.table(table);
    splits.fields().forEachRemaining(e -> {
      JsonNode shards = e.getValue().path("shards");
      if (shards.isEmpty()) {
        return;
      }
      if (shards.size() <= SHARD_BARS) {
        ArrayNode rows = VegaLite.rows();
        for (JsonNode shard : shards) {
          rows.addObject().put("shard", shard.path("path").asText()).put("rows", shard.path("rows").asLong());
        }
        page.chart(VegaLite.bars(e.getKey() + ": rows per shard", rows, "shard", List.of("rows"), "rows", false));
      } else {
        page.chart(VegaLite.histogram(e.getKey() + ": shards by rows", sizeHistogram(shards), "rows per shard",
            List.of("shards"), "shards", false, true, null));
      }
    });
  }

  /** Tokens per document and bytes per token, by source and by language, from report.json. */
  private static void statistics(ReportPage page, JsonNode statistics) {
    page.section("documents", "Tokens per document, bytes per token");
    if (!statistics.has("by_source")) {
      page.note("This dataset has no " + TokenStatistics.FILE_NAME + " (written before it was recorded): no tokens"
          + " per document or bytes per token by source and language to show.");
      return;
    }
    page.note("Each input document counted once, as encoded (its end-of-text id included); a source is the"
        + " documents' source column, or the mix's source name.");
    for (String key : List.of("source", "lang")) {
      JsonNode rows = statistics.path(key.equals("source") ? "by_source" : "by_language");
      Table table = Table.of(key.equals("source") ? "source" : "language", "documents", "tokens",
          "tokens per document", "text bytes", "bytes per token");
      ArrayNode chart = VegaLite.rows();
      for (JsonNode r : rows) {
        long documents = r.path("documents").asLong();
        long tokens = r.path("tokens").asLong();
        double perDocument = documents == 0 ? 0 : Math.round(10.0 * tokens / documents) / 10.0;
        table.row(r.path(key).asText(), documents, tokens, perDocument, Table.Cell.bytes(r.path("text_bytes").asLong()),
            r.path("bytes_per_token").asDouble());
        chart.addObject().put(key, r.path(key).asText()).put("bytes per token", r.path("bytes_per_token").asDouble());
      }
      page.chart(VegaLite.bars("Bytes per token by " + (key.equals("source") ? "source" : "language"), chart, key,
          List.of("bytes per token"), "UTF-8 bytes per token", false)).table(table);
    }
    for (JsonNode histogram : statistics.path("tokens_per_document")) {
      ArrayNode bins = VegaLite.rows();
      histogram.path("bins").forEach(b -> bins.addObject().put("start", b.path("start").asLong())
          .put("end", b.path("end").asLong()).put("documents", b.path("documents").asLong()));
      page.chart(VegaLite.histogram(histogram.path("source").asText() + ": documents by tokens", bins,
          "tokens per document", List.of("documents"), "documents", true, false, null));
    }
  }

  /** Shards binned by row count: equal-width bins over [smallest, largest]. */
  static ArrayNode sizeHistogram(JsonNode shards) {
    long min = Long.MAX_VALUE;
    long max = 0;
    for (JsonNode s : shards) {
      min = Math.min(min, s.path("rows").asLong());
      max = Math.max(max, s.path("rows").asLong());
    }
    long width = Math.max(1, (max - min + SIZE_BINS) / SIZE_BINS);
    long[] counts = new long[(int) ((max - min) / width) + 1];
    for (JsonNode s : shards) {
      counts[(int) ((s.path("rows").asLong() - min) / width)]++;
    }
    ArrayNode rows = VegaLite.rows();
    for (int i = 0; i < counts.length; i++) {
      rows.addObject().put("start", min + i * width).put("end", min + (i + 1) * width).put("shards", counts[i]);
    }
    return rows;
  }

  private static void sources(ReportPage page, JsonNode sources, JsonNode totals) {
    page.section("mix", "Sources and mix");
    if (!sources.isArray() || sources.isEmpty()) {
      page.note("This manifest lists no sources (a dataset of one input, or written before manifests listed"
          + " them): no mix to show.");
      return;
    }
    double weights = 0;
    long tokens = 0;
    for (JsonNode s : sources) {
      weights += s.path("weight").asDouble();
      tokens += s.path("tokens").asLong();
    }
    boolean hasBytes = false;
    for (JsonNode s : sources) {
      hasBytes |= s.has("bytes") || s.has("text_bytes");
    }
    Table table = hasBytes
        ? Table.of("source", "input", "weight", "planned share", "written share", "documents", "tokens",
            "tokens per document", "epochs", "bytes per token")
        : Table.of("source", "input", "weight", "planned share", "written share", "documents", "tokens",
            "tokens per document", "epochs");
    ArrayNode mix = VegaLite.rows();
    ArrayNode perDocument = VegaLite.rows();
    for (JsonNode s : sources) {
      double planned = weights == 0 ? 0 : s.path("weight").asDouble() / weights;
      double written = tokens == 0 ? 0 : (double) s.path("tokens").asLong() / tokens;
      long docs = s.path("documents").asLong();
      double perDoc = docs == 0 ? 0 : Math.round(10.0 * s.path("tokens").asLong() / docs) / 10.0;
      Object[] row = {s.path("name").asText(), s.path("input").asText(), s.path("weight").asDouble(),
          Table.Cell.percent(planned), Table.Cell.percent(written), docs, s.path("tokens").asLong(), perDoc,
          s.path("epochs").asDouble()};
      if (hasBytes) {
        long bytes = s.has("bytes") ? s.path("bytes").asLong() : s.path("text_bytes").asLong();
        Object[] withBytes = java.util.Arrays.copyOf(row, row.length + 1);
        withBytes[row.length] = s.path("tokens").asLong() == 0 ? null
            : Math.round(1000.0 * bytes / s.path("tokens").asLong()) / 1000.0;
        row = withBytes;
      }
      table.row(row);
      mix.addObject().put("source", s.path("name").asText()).put("planned", planned).put("written", written);
      perDocument.addObject().put("source", s.path("name").asText()).put("tokens per document", perDoc);
    }
    page.chart(VegaLite.bars("Mix: share of tokens, planned and written", mix, "source", List.of("planned", "written"),
            "share of tokens", false))
        .chart(VegaLite.bars("Tokens per document", perDocument, "source", List.of("tokens per document"), "tokens",
            false))
        .table(table);
    if (!hasBytes) {
      page.note("The manifest's sources record no text bytes: bytes per token of the input documents, by source and"
          + " language, are in the next section when the dataset has a " + TokenStatistics.FILE_NAME + ".");
    }
  }
}
