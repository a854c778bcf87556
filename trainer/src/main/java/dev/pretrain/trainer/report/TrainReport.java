package dev.pretrain.trainer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a run directory's JSON files and writes its {@code report.html} ({@link TrainReportPage});
 * on any Hadoop file system, while the run goes on or after it ended.
 */
public final class TrainReport {
  public static final String METRICS = "metrics.jsonl";
  public static final String SAMPLES = "samples.jsonl";
  public static final String SETTINGS = "config.conf";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrainReport() {}

  /** Writes {@code report.html} into {@code runDir}; returns its path. */
  public static Path write(FileSystem fs, Path runDir) throws IOException {
    String html = TrainReportPage.html(lines(fs, new Path(runDir, METRICS)), lines(fs, new Path(runDir, SAMPLES)),
        text(fs, new Path(runDir, SETTINGS)), runDir.toString());
    Path report = new Path(runDir, TrainReportPage.FILE_NAME);
    try (OutputStream out = fs.create(report, true)) {
      out.write(html.getBytes(StandardCharsets.UTF_8));
    }
    return report;
  }

  /** A JSON-lines file's objects; none if it does not exist. A last line cut short by a writer is left out. */
  static List<JsonNode> lines(FileSystem fs, Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!fs.exists(file)) {
      return out;
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          try {
            out.add(JSON.readTree(line));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            if (in.ready()) {
              throw new IOException(file + " holds a line that is not JSON: " + e.getOriginalMessage(), e);
            }
          }
        }
      }
    }
    return out;
  }

  private static Optional<String> text(FileSystem fs, Path file) throws IOException {
    if (!fs.exists(file)) {
      return Optional.empty();
    }
    try (var in = fs.open(file)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
