package dev.pretrain.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainReportPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> metrics(int lines, int evalEvery) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (int step = 1; step <= lines; step++) {
      String val = step % evalEvery == 0 ? String.format(Locale.ROOT, ",\"val_loss\":%.3f,\"val_perplexity\":9.0",
          5.0 - step / 1000.0) : "";
      out.add(JSON.readTree(String.format(Locale.ROOT, "{\"step\":%d,\"loss\":%.4f,\"lr\":%.6f,\"grad_norm\":%.3f,"
          + "\"tokens_per_sec\":%d,\"mfu\":%.3f%s}", step, 6.0 - step / 1000.0, 1e-3, 1.5, 12000 + step, 0.31, val)));
    }
    return out;
  }

  @Test
  void chartsDrawTheMetricsLinesAndSamplesAreText() throws Exception {
    List<JsonNode> metrics = metrics(50, 10);
    List<JsonNode> samples = List.of(JSON.readTree(
        "{\"step\":50,\"prompt\":\"Once\",\"text\":\"Once </div><script>alert(1)</script>\"}"));
    Document doc = Jsoup.parse(TrainReportPage.html(metrics, samples, Optional.of("train { lr = 1e-3 }"), "run/"));
    var specs = doc.select("script[data-chart]");
    assertEquals(5, specs.size(), "loss, lr, grad norm, tokens/s, MFU");
    JsonNode loss = JSON.readTree(specs.get(0).data());
    assertEquals(List.of("loss", "val_loss"), List.of(loss.at("/transform/0/fold/0").asText(),
        loss.at("/transform/0/fold/1").asText()));
    for (int i = 0; i < metrics.size(); i++) {
      assertEquals(metrics.get(i).get("loss").asDouble(), loss.at("/data/values/" + i + "/loss").asDouble());
      assertEquals(metrics.get(i).path("val_loss").isNumber(), loss.at("/data/values/" + i + "/val_loss").isNumber());
    }
    assertEquals("Once </div><script>alert(1)</script>", doc.getElementById("samples").select("pre.snippet").get(1).text());
    assertEquals(3 + 5 + 1, doc.select("script").size());
    assertTrue(doc.getElementById("settings").text().contains("lr = 1e-3"));
  }

  @Test
  void aLongRunIsThinnedKeepingEvaluationsAndTheLastLineAndStaysSmall() throws Exception {
    List<JsonNode> metrics = metrics(100_000, 5_000);
    var points = TrainReportPage.thinned(metrics);
    assertTrue(points.size() <= TrainReportPage.MAX_POINTS + 20, "points " + points.size());
    assertEquals(100_000, points.get(points.size() - 1).get("step").asLong());
    long evaluations = 0;
    for (JsonNode p : points) {
      evaluations += p.has("val_loss") ? 1 : 0;
    }
    assertEquals(20, evaluations);
    String html = TrainReportPage.html(metrics, List.of(), Optional.empty(), "run/");
    assertTrue(html.length() < 5_000_000, "size " + html.length());
  }

  @Test
  void writesTheReportOfARunDirectoryEvenMidLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(TrainReport.METRICS), "{\"step\":1,\"loss\":6.2,\"lr\":0.001}\n{\"step\":2,\"lo");
    TrainReport.write(FileSystem.getLocal(new Configuration()).getRaw(), new org.apache.hadoop.fs.Path(dir.toString()));
    Document doc = Jsoup.parse(dir.resolve(TrainReportPage.FILE_NAME).toFile());
    assertEquals(1, JSON.readTree(doc.selectFirst("script[data-chart]").data()).at("/data/values").size());
    assertTrue(doc.getElementById("samples").text().contains("No samples.jsonl"));
  }
}
