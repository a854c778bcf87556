package dev.pretrain.trainer;

import dev.pretrain.common.output.InputOverlap;
import dev.pretrain.common.output.OutputDirectory;
import dev.pretrain.common.output.OutputLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A training run's directory, single-process or DiLoCo: {@code config.conf} and {@code config.json}
 * ({@link RunConfig}), {@code metrics.jsonl}, {@code checkpoints/}. A run only ever adds to it (and prunes its own old checkpoints); it is
 * refused if it overlaps the dataset or holds anything but a run.
 */
public final class RunDirectory {
  private RunDirectory() {}

  public static final OutputLayout LAYOUT = OutputLayout.growing("train",
      List.of(RunConfig.FILE, RunConfig.SETTINGS_FILE, "metrics.jsonl", "checkpoints"), List.of(), "checkpoints");

  /**
   * Creates {@code runDir} or accepts it as a run's (an empty directory, or one an earlier run wrote).
   *
   * @throws dev.pretrain.common.output.OutputRefused if it overlaps {@code dataDir} or holds other things
   */
  public static void open(String runDir, String dataDir, Configuration hadoop) {
    try {
      InputOverlap.refuse(List.of(dataDir), runDir, hadoop);
      Path dir = new Path(runDir);
      OutputDirectory.adopt(dir.getFileSystem(hadoop), dir, LAYOUT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the run directory " + runDir, e);
    }
  }
}
