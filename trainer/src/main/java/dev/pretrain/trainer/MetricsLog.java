package dev.pretrain.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * A run's {@code metrics.jsonl}: one JSON object per logged step or DiLoCo round, each with the run's
 * {@code step} (and, kept the same way, its {@code samples.jsonl}: the text generated at each checkpoint). A run resumed from a checkpoint drops the lines after the checkpoint's step (it logs those
 * steps again), so the file reads as one uninterrupted run. Where the file system can flush a file being
 * written (local disk, HDFS) each line is visible when logged; object stores cannot append or flush, so
 * there the file is rewritten with every line (the lines are kept: a few per checkpoint interval).
 */
public final class MetricsLog implements Closeable {

  public static final String FILE_NAME = "metrics.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path file;
  private final List<String> lines = new ArrayList<>();
  private FSDataOutputStream out;

  /** Opens the log of {@code runDir}, keeping the lines of steps up to {@code keepThroughStep}. */
  MetricsLog(FileSystem fs, Path runDir, long keepThroughStep) {
    this(fs, runDir, FILE_NAME, keepThroughStep);
  }

  /** Opens the JSON-lines file {@code fileName} of {@code runDir}, keeping the lines of steps up to {@code keepThroughStep}. */
  MetricsLog(FileSystem fs, Path runDir, String fileName, long keepThroughStep) {
    this.fs = fs;
    this.file = new Path(runDir, fileName);
    try {
      if (keepThroughStep > 0 && fs.exists(file)) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank() && JSON.readTree(line).path("step").asLong(Long.MAX_VALUE) <= keepThroughStep) {
              lines.add(line);
            }
          }
        }
      }
      out = rewrite();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  /**
   * The {@code val_loss} and {@code val_perplexity} of a line, both null (and left out of the line) when the
   * unit was not evaluated.
   */
  public record Validation(Double loss, Double perplexity) {
    public static Validation of(OptionalDouble valLoss) {
      return valLoss.isPresent() ? new Validation(valLoss.getAsDouble(), Math.exp(valLoss.getAsDouble()))
          : new Validation(null, null);
    }
  }

  /** Appends one line: a record whose properties are the line's fields, in their order. */
  public void log(Object fields) {
    String line;
    try {
      line = JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize metrics", e);
    }
    lines.add(line);
    try {
      if (out != null) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.hflush();
      } else {
        rewrite();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes the whole file; returns it still open if the file system can flush it line by line. */
  private FSDataOutputStream rewrite() throws IOException {
    FSDataOutputStream stream = fs.create(file, true);
    try {
      for (String l : lines) {
        stream.write((l + "\n").getBytes(StandardCharsets.UTF_8));
      }
      if (stream.hasCapability(StreamCapabilities.HFLUSH)) {
        stream.hflush();
        return stream;
      }
      stream.close();
      return null;
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
