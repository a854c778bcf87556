package dev.pretrain.classify.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.classify.fasttext.FastTextReader;
import dev.pretrain.common.output.OutputRefused;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The two files {@code train-classifier} writes: the model ({@code model.bin}) and its report beside
 * it ({@code model.bin.json}), on any Hadoop file system. {@link #claim} runs before anything is read:
 * an existing file is replaced only with {@code --overwrite}, and only if it is what this job writes
 * (a fastText model file, by its magic number; a report, by its {@code format} field), so a mistyped
 * path never costs a user their data. Each file is written under a hidden temporary name beside the
 * target and renamed into place, so a reader never sees half a file.
 */
final class ModelOutput {
  /** The {@code format} field of the report, by which an existing report is recognized. */
  static final String REPORT_FORMAT = "pretrain-pipeline/train-classifier-report";

  private final Path model;
  private final Path report;
  private final FileSystem fs;

  private ModelOutput(Path model, Path report, FileSystem fs) {
    this.model = model;
    this.report = report;
    this.fs = fs;
  }

  /** Where the report of {@code model} goes. */
  static String reportPath(String model) {
    return model + ".json";
  }

  /**
   * Checks that both files may be written.
   *
   * @throws OutputRefused when one is a directory, exists without {@code overwrite}, or exists and is not this job's
   */
  static ModelOutput claim(String modelPath, boolean overwrite, Configuration hadoop) throws IOException {
    Path model = new Path(modelPath);
    Path report = new Path(reportPath(modelPath));
    FileSystem fs = model.getFileSystem(hadoop);
    refuseToReplace(fs, model, overwrite, "a fastText model file", ModelOutput::isFastTextModel);
    refuseToReplace(fs, report, overwrite, "a train-classifier report (\"format\": \"" + REPORT_FORMAT + "\")",
        ModelOutput::isReport);
    return new ModelOutput(model, report, fs);
  }

  /** Writes the model file atomically. */
  void writeModel(Content content) throws IOException {
    write(model, content);
  }

  /** Writes the report atomically. */
  void writeReport(byte[] json) throws IOException {
    write(report, out -> out.write(json));
  }

  String modelPath() {
    return model.toString();
  }

  String reportPath() {
    return report.toString();
  }

  /** What a file holds, written to its stream. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private interface Recognizer {
    boolean recognizes(FileSystem fs, Path path) throws IOException;
  }

  private static void refuseToReplace(FileSystem fs, Path path, boolean overwrite, String kind, Recognizer ours)
      throws IOException {
    if (!fs.exists(path)) {
      return;
    }
    if (fs.getFileStatus(path).isDirectory()) {
      throw new OutputRefused("output " + path + " is a directory; train-classifier writes one file there, e.g. "
          + new Path(path, "model.bin"));
    }
    if (!overwrite) {
      throw new OutputRefused("output " + path + " already exists; pass --overwrite to replace it");
    }
    if (!ours.recognizes(fs, path)) {
      throw new OutputRefused("output " + path + " exists and is not " + kind
          + "; it is never replaced, with or without --overwrite. Choose another path.");
    }
  }

  private static boolean isFastTextModel(FileSystem fs, Path path) throws IOException {
    byte[] head = new byte[4];
    try (InputStream in = fs.open(path)) {
      if (in.readNBytes(head, 0, 4) < 4) {
        return false;
      }
    }
    return ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt() == FastTextReader.MAGIC;
  }

  private static boolean isReport(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      JsonNode json = new ObjectMapper().readTree(in);
      return json != null && REPORT_FORMAT.equals(json.path("format").asText());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return false;
    }
  }

  private void write(Path target, Content content) throws IOException {
    Path dir = target.getParent();
    if (dir != null) {
      fs.mkdirs(dir);
    }
    Path tmp = new Path(dir, "." + target.getName() + "-" + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = fs.create(tmp, false)) {
        content.writeTo(out);
      }
      if (fs.exists(target) && !fs.delete(target, false)) {
        throw new IOException("cannot replace " + target);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
    } finally {
      fs.delete(tmp, false);
    }
  }
}
