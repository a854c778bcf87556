package dev.pretrain.jobs.report;

import dev.pretrain.common.read.InputNotFound;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.dedup.report.CurateReportPage;
import dev.pretrain.tokenize.report.TokenStatistics;
import dev.pretrain.tokenize.report.TokenizeReportPage;
import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.report.TrainReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * Rebuilds the {@code report.html} of a curate output, a token dataset or a training run from its JSON
 * files alone, telling them apart by those files: {@code manifest.json} (tokenize, with its
 * {@code report.json} when it has one), {@code report.json} (curate), {@code metrics.jsonl} (train). Works on outputs written before reports existed.
 */
public final class OutputReports {
  static final String CURATE_REPORT = "report.json";

  private OutputReports() {}

  /** What kind of output a directory is. */
  public enum Kind { CURATE, TOKENIZE, TRAIN }

  public static Kind kind(FileSystem fs, Path dir) throws IOException {
    // A token dataset has a report.json too (its statistics): its manifest tells it apart.
    if (fs.isFile(new Path(dir, Manifest.FILE_NAME))) {
      return Kind.TOKENIZE;
    }
    if (fs.isFile(new Path(dir, CURATE_REPORT))) {
      return Kind.CURATE;
    }
    if (fs.isFile(new Path(dir, TrainReport.METRICS))) {
      return Kind.TRAIN;
    }
    throw new InputNotFound(dir + " is not a curate output, a token dataset or a training run: it holds no "
        + CURATE_REPORT + ", " + Manifest.FILE_NAME + " or " + TrainReport.METRICS);
  }

  /** Writes {@code dir/report.html}; returns its path. */
  public static Path write(String dir, Configuration hadoop) throws IOException {
    Path path = new Path(dir);
    // Local disk without Hadoop's .crc side files, as the run directories are written.
    FileSystem fs = RunDirectory.fileSystem(path, hadoop);
    if (!fs.exists(path) || !fs.getFileStatus(path).isDirectory()) {
      throw new InputNotFound(dir + " is not a directory");
    }
    return switch (kind(fs, path)) {
      case CURATE -> writeText(fs, new Path(path, CurateReportPage.FILE_NAME),
          CurateReportPage.html(read(fs, new Path(path, CURATE_REPORT)), dir));
      case TOKENIZE -> writeText(fs, new Path(path, TokenizeReportPage.FILE_NAME),
          TokenizeReportPage.html(read(fs, new Path(path, Manifest.FILE_NAME)),
              fs.isFile(new Path(path, TokenStatistics.FILE_NAME))
                  ? Optional.of(read(fs, new Path(path, TokenStatistics.FILE_NAME))) : Optional.empty(), dir));
      case TRAIN -> TrainReport.write(fs, path);
    };
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Path writeText(FileSystem fs, Path file, String text) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
