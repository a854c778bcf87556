package dev.pretrain.trainer;

import dev.pretrain.common.output.InputOverlap;
import dev.pretrain.common.output.OutputDirectory;
import dev.pretrain.common.output.OutputLayout;
import dev.pretrain.trainer.checkpoint.CheckpointKind;
import dev.pretrain.trainer.checkpoint.CheckpointStore;
import dev.pretrain.trainer.checkpoint.SavedState;
import dev.pretrain.trainer.report.TrainReport;
import dev.pretrain.trainer.report.TrainReportPage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A training run's directory, single-process or DiLoCo, on any Hadoop file system the job's configuration
 * reaches (local, HDFS, S3A): {@code config.conf} and {@code config.json} ({@link RunConfig}),
 * {@code metrics.jsonl} and {@code samples.jsonl} ({@link MetricsLog}), {@code report.html} and {@code checkpoints/} ({@link CheckpointStore}, step or round
 * checkpoints). A run only ever adds to it (and prunes its own old checkpoints); it is refused if it
 * overlaps the dataset or holds anything but a run.
 */
public final class RunDirectory {

  public static final OutputLayout LAYOUT = OutputLayout.growing("train",
      List.of(RunConfig.FILE, RunConfig.SETTINGS_FILE, MetricsLog.FILE_NAME, CheckpointStore.DIR,
          TrainReportPage.FILE_NAME, TrainReport.SAMPLES), List.of(),
      CheckpointStore.DIR);

  private final Path dir;
  private final FileSystem fs;
  private final Configuration hadoop;

  private RunDirectory(Path dir, Configuration hadoop) {
    this.dir = dir;
    this.hadoop = hadoop;
    this.fs = fileSystem(dir, hadoop);
  }

  /**
   * Creates {@code runDir} or accepts it as a run's (an empty directory, or one an earlier run wrote).
   *
   * @throws dev.pretrain.common.output.OutputRefused if it overlaps {@code dataDir} or holds other things
   */
  public static RunDirectory open(String runDir, String dataDir, Configuration hadoop) {
    try {
      InputOverlap.refuse(List.of(dataDir), runDir, hadoop);
      Path dir = new Path(runDir);
      OutputDirectory.adopt(dir.getFileSystem(hadoop), dir, LAYOUT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the run directory " + runDir, e);
    }
    return new RunDirectory(new Path(runDir), hadoop);
  }

  /** A run directory written earlier, to read ({@code sample}, {@code export}). */
  public static RunDirectory existing(Path runDir, Configuration hadoop) {
    return new RunDirectory(runDir, hadoop);
  }

  public Path path() {
    return dir;
  }

  /** The run's checkpoints of one kind, keeping the newest {@code keep} when it writes one. */
  public <S extends SavedState> CheckpointStore<S> checkpoints(CheckpointKind<S> kind, int keep) {
    return new CheckpointStore<>(fs, dir, kind, keep);
  }

  /** The run's {@code metrics.jsonl}, keeping the lines of steps up to {@code keepThroughStep}. */
  public MetricsLog metrics(long keepThroughStep) {
    return new MetricsLog(fs, dir, keepThroughStep);
  }

  /**
   * The run's {@code samples.jsonl} (written by {@code CheckpointSamples}), keeping the lines of steps up to
   * {@code keepThroughStep}: resumed like {@code metrics.jsonl}.
   */
  public MetricsLog samples(long keepThroughStep) {
    return new MetricsLog(fs, dir, TrainReport.SAMPLES, keepThroughStep);
  }

  /** True if the run has a {@code samples.jsonl}. */
  public boolean hasSamples() {
    try {
      return fs.exists(new Path(dir, TrainReport.SAMPLES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }

  /**
   * Rewrites the run's {@code report.html} from its files. A report that cannot be written is a warning
   * on the console: it never stops the training it describes.
   */
  public void writeReport(PrintStream console) {
    try {
      TrainReport.write(fs, dir);
    } catch (IOException | RuntimeException e) {
      console.println("warning: cannot write " + new Path(dir, TrainReportPage.FILE_NAME) + ": " + e);
    }
  }

  /** Writes the run's {@code config.json} and {@code config.conf}. */
  public void writeConfig(RunConfig config, String settingsConf) {
    config.write(dir.toString(), hadoop, settingsConf);
  }

  /**
   * The file system a run's files are written through: the job's, except that local disk is used without
   * Hadoop's {@code .crc} side files. Checkpoints record every file's SHA-256 themselves, and a checksum
   * file that is only rewritten at close would fail readers of a {@code metrics.jsonl} being written.
   */
  public static FileSystem fileSystem(Path path, Configuration hadoop) {
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + path, e);
    }
  }
}
