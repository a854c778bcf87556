package dev.pretrain.classify.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.classify.fasttext.FastTextReader;
import dev.pretrain.common.output.OutputFile;
import dev.pretrain.common.output.OutputRefused;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The two files {@code train-classifier} writes: the model ({@code model.bin}) and its report beside
 * it ({@code model.bin.json}), on any Hadoop file system. {@link #claim} runs before anything is read:
 * an existing file is replaced only with {@code --overwrite}, and only if it is what this job writes
 * (a fastText model file, by its magic number; a report, by its {@code format} field), so a mistyped
 * path never costs a user their data. Each file is written under a hidden temporary name beside the
 * target and renamed into place, so a reader never sees half a file ({@link OutputFile}).
 */
final class ModelOutput {
  /** The {@code format} field of the report, by which an existing report is recognized. */
  static final String REPORT_FORMAT = "pretrain-pipeline/train-classifier-report";
  private static final OutputFile MODEL =
      new OutputFile("train-classifier", "model.bin", "a fastText model file", ModelOutput::isFastTextModel);
  private static final OutputFile REPORT = new OutputFile("train-classifier", "model.bin.json",
      "a train-classifier report (\"format\": \"" + REPORT_FORMAT + "\")", ModelOutput::isReport);

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
    MODEL.claim(fs, model, overwrite);
    REPORT.claim(fs, report, overwrite);
    return new ModelOutput(model, report, fs);
  }

  /** Writes the model file atomically. */
  void writeModel(OutputFile.Content content) throws IOException {
    OutputFile.write(fs, model, content);
  }

  /** Writes the report atomically. */
  void writeReport(byte[] json) throws IOException {
    OutputFile.write(fs, report, out -> out.write(json));
  }

  String modelPath() {
    return model.toString();
  }

  String reportPath() {
    return report.toString();
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
}
