package dev.pretrain.jobs.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.output.OutputDirectory;
import dev.pretrain.trainer.MetricsLog;
import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.TrainJob;
import dev.pretrain.trainer.TrainSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.pretrain.trainer.report.TrainReportPage;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Trains the tiny GPT on the shards into {@code <output>/run}, starting afresh (an earlier
 * quickstart's run is replaced), and reports the loss before and after from metrics.jsonl.
 */
final class TrainStep implements QuickstartStep {
  static final String OUTPUT = "run";

  private final TrainSettings settings;
  private final String settingsConf;

  /** @param settingsConf the quickstart's {@code train} section as HOCON, kept as the run's config.conf */
  TrainStep(TrainSettings settings, String settingsConf) {
    this.settings = settings;
    this.settingsConf = settingsConf;
  }

  @Override
  public String name() {
    return "train";
  }

  @Override
  public List<String> run(QuickstartRun run) throws Exception {
    Path runDir = run.output().resolve(OUTPUT);
    // An earlier quickstart's run is replaced; a directory that is not a training run is refused.
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(runDir.toUri());
    // The job's Hadoop settings, as the quickstart's Spark stages have them.
    Configuration hadoop = run.spark().sparkContext().hadoopConfiguration();
    OutputDirectory.prepare(dir.getFileSystem(hadoop), dir, RunDirectory.LAYOUT, true);
    String shards = run.output().resolve(TokenizeStep.OUTPUT).toString();
    org.apache.hadoop.fs.Path checkpoint = TrainJob.run(settings, settingsConf, hadoop, shards, runDir.toString(),
        false, false, settings.maxSteps(), System.out);
    List<JsonNode> metrics = readMetrics(runDir.resolve(MetricsLog.FILE_NAME));
    List<String> lines = new ArrayList<>();
    if (!metrics.isEmpty()) {
      JsonNode first = metrics.get(0);
      JsonNode last = metrics.get(metrics.size() - 1);
      lines.add(String.format(Locale.ROOT, "loss: %.3f at step %d -> %.3f at step %d",
          first.get("loss").asDouble(), first.get("step").asLong(), last.get("loss").asDouble(), last.get("step").asLong()));
      metrics.stream().filter(m -> m.has("val_loss")).reduce((a, b) -> b).ifPresent(m -> lines.add(String.format(
          Locale.ROOT, "validation loss: %.3f (perplexity %.1f) at step %d",
          m.get("val_loss").asDouble(), Math.exp(m.get("val_loss").asDouble()), m.get("step").asLong())));
    }
    lines.add("checkpoint: " + checkpoint);
    lines.add("report: " + runDir.resolve(TrainReportPage.FILE_NAME));
    return lines;
  }

  private static List<JsonNode> readMetrics(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(json.readTree(line));
      }
    }
    return out;
  }
}
