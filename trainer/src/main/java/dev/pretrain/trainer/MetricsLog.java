package dev.pretrain.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** {@code metrics.jsonl}: one JSON object per logged step, appended and flushed line by line. */
public final class MetricsLog implements Closeable {

  public static final String FILE_NAME = "metrics.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter out;

  public MetricsLog(Path runDir) {
    try {
      this.out = Files.newBufferedWriter(runDir.resolve(FILE_NAME), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + runDir.resolve(FILE_NAME), e);
    }
  }

  /**
   * Drops the lines of steps after {@code step}: a run resumed from a checkpoint at {@code step} logs
   * those steps again, and the file then reads as one uninterrupted run.
   */
  public static void dropAfter(Path runDir, long step) {
    Path file = runDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      List<String> kept = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && JSON.readTree(line).path("step").asLong(Long.MAX_VALUE) <= step) {
          kept.add(line);
        }
      }
      Path tmp = runDir.resolve(FILE_NAME + ".tmp");
      Files.write(tmp, kept, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot trim " + file + " to step " + step, e);
    }
  }

  /** Appends one line; {@code valLoss} only when this step was evaluated. */
  public void log(long step, double loss, double lr, double gradNorm, double tokensPerSec, double mfu,
                  OptionalDouble valLoss) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", step);
    line.put("loss", loss);
    line.put("lr", lr);
    line.put("grad_norm", gradNorm);
    line.put("tokens_per_sec", tokensPerSec);
    line.put("mfu", mfu);
    if (valLoss.isPresent()) {
      line.put("val_loss", valLoss.getAsDouble());
      line.put("val_perplexity", Math.exp(valLoss.getAsDouble()));
    }
    try {
      out.write(JSON.writeValueAsString(line));
      out.write('\n');
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize metrics", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + FILE_NAME, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + FILE_NAME, e);
    }
  }
}
