package dev.pretrain.trainer.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code metrics.jsonl} of a distributed run, one JSON object per round. Object stores cannot append,
 * so the lines are kept in memory (a few per round) and the file is rewritten after each round.
 */
final class RoundLog {

  static final String FILE_NAME = "metrics.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path file;
  private final List<String> lines = new ArrayList<>();

  /** Opens the log of {@code runDir}, keeping the existing lines of rounds up to {@code keepThroughRound}. */
  RoundLog(String runDir, Configuration hadoop, int keepThroughRound) {
    this.file = new Path(runDir, FILE_NAME);
    try {
      this.fs = file.getFileSystem(hadoop);
      if (keepThroughRound > 0 && fs.exists(file)) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank() && JSON.readTree(line).path("round").asLong(Long.MAX_VALUE) <= keepThroughRound) {
              lines.add(line);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  void log(DilocoRun.RoundStats s) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("round", s.round());
    line.put("step", s.step());
    line.put("loss", s.loss());
    line.put("last_loss", s.lastLoss());
    line.put("lr", s.lr());
    line.put("tokens_per_sec", s.tokensPerSec());
    if (s.valLoss().isPresent()) {
      line.put("val_loss", s.valLoss().getAsDouble());
      line.put("val_perplexity", Math.exp(s.valLoss().getAsDouble()));
    }
    line.put("round_s", s.roundSeconds());
    line.put("broadcast_s", s.broadcastSeconds());
    line.put("compute_s", s.computeSeconds());
    line.put("aggregation_s", s.aggregationSeconds());
    line.put("fresh_worker_states", s.freshStates());
    try {
      lines.add(JSON.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize metrics", e);
    }
    try (OutputStream out = fs.create(file, true)) {
      for (String l : lines) {
        out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
