package dev.pretrain.trainer.export;

import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.output.OutputLayout;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.model.ParameterLayout;
import dev.pretrain.trainer.trained.RunDataset;
import dev.pretrain.trainer.trained.TrainedCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code pipeline export}: a checkpoint's weights (or a run's newest checkpoint's, {@link TrainedCheckpoint})
 * as a Hugging Face GPT-2 folder ({@link SafetensorsExport}) with the tokenizer of the run's dataset beside
 * them ({@link TokenizerExport}), so transformers loads model and tokenizer from one folder. Written
 * atomically: the files appear together, and an earlier export is replaced only when asked.
 */
public final class ExportJob {
  private ExportJob() {}

  /** What an export directory holds besides its marker and {@code _SUCCESS}. */
  public static final OutputLayout LAYOUT = OutputLayout.atomic("export", List.of(SafetensorsExport.WEIGHTS_FILE,
      SafetensorsExport.CONFIG_FILE, TokenizerExport.TOKENIZER_FILE, TokenizerExport.CONFIG_FILE,
      TokenizerExport.SPECIAL_TOKENS_FILE));

  /**
   * @param checkpoint  the checkpoint exported
   * @param files       the files written into the output directory
   * @param noTokenizer why no tokenizer files were written, when they were not
   */
  public record Exported(org.apache.hadoop.fs.Path checkpoint, List<String> files, Optional<String> noTokenizer) {
  }

  /**
   * @param checkpointDir a checkpoint directory, or a run directory for its newest checkpoint
   * @param hadoop        the job's Hadoop configuration: the checkpoint and the run's dataset may be on any
   *                      Hadoop file system it reaches
   */
  public static Exported run(String checkpointDir, String outputDir, boolean overwrite, Configuration hadoop) {
    TrainedCheckpoint checkpoint = TrainedCheckpoint.locate(checkpointDir, hadoop);
    RunDataset.Lookup lookup = RunDataset.of(checkpoint.runDir(), hadoop);
    Optional<RunDataset> dataset = lookup.dataset();
    Optional<byte[]> tokenizerJson = dataset.flatMap(d -> d.tokenizerJson(hadoop));
    OptionalInt endOfText = dataset.map(d -> OptionalInt.of(d.manifest().tokenizer().eotId()))
        .orElse(OptionalInt.empty());
    List<String> inputs = new ArrayList<>(List.of(checkpoint.dir().toString()));
    dataset.flatMap(RunDataset::tokenizerLocation).ifPresent(inputs::add);
    GptConfig model = checkpoint.model();
    List<String> files = new ArrayList<>(List.of(SafetensorsExport.WEIGHTS_FILE, SafetensorsExport.CONFIG_FILE));
    try {
      AtomicOutput out = AtomicOutput.begin(outputDir, LAYOUT, inputs, overwrite, hadoop);
      try {
        INDArray theta = Nd4j.create(DataType.FLOAT, new ParameterLayout(model).size());
        checkpoint.readParameters(theta);
        Path staging = Path.of(out.staging());
        SafetensorsExport.write(model, theta, endOfText, staging);
        if (tokenizerJson.isPresent()) {
          TokenizerExport.write(tokenizerJson.get(), dataset.get().endOfText(), model.blockSize(), staging);
          files.addAll(TokenizerExport.FILES);
        }
        out.commit(files);
      } catch (RuntimeException | IOException e) {
        out.abort();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export to " + outputDir, e);
    }
    return new Exported(checkpoint.dir(), files,
        tokenizerJson.isPresent() ? Optional.empty() : Optional.of(whyNoTokenizer(lookup)));
  }

  private static String whyNoTokenizer(RunDataset.Lookup lookup) {
    if (lookup.dataset().isEmpty()) {
      return "no tokenizer files, and no bos/eos ids in config.json: " + lookup.problem();
    }
    RunDataset dataset = lookup.dataset().get();
    String source = dataset.manifest().tokenizer().source();
    String ids = "; config.json has its end-of-text id " + dataset.manifest().tokenizer().eotId() + " as bos/eos";
    if (dataset.tiktoken()) {
      return "no tokenizer files: the dataset was tokenized with " + source + ", a tiktoken vocabulary, which has"
          + " no tokenizer.json to copy (load it with tiktoken)" + ids;
    }
    return "no tokenizer files: the dataset " + dataset.location() + " was tokenized with " + source
        + " before datasets carried a copy of their tokenizer, so there is none to copy" + ids;
  }
}
