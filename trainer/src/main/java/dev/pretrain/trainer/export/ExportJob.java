package dev.pretrain.trainer.export;

import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.output.OutputLayout;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.Checkpoints;
import dev.pretrain.trainer.model.ParameterLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code pipeline export}: a checkpoint's weights (checksum verified, model shape from its state.json)
 * as a Hugging Face GPT-2 directory ({@link SafetensorsExport}), written atomically: the files appear
 * together, and an earlier export is replaced only when asked.
 */
public final class ExportJob {
  private ExportJob() {}

  /** What an export directory holds besides its marker and {@code _SUCCESS}. */
  public static final OutputLayout LAYOUT =
      OutputLayout.atomic("export", List.of(SafetensorsExport.WEIGHTS_FILE, SafetensorsExport.CONFIG_FILE));

  /** Returns the written {@code model.safetensors}. */
  public static Path run(String checkpointDir, String outputDir, boolean overwrite) {
    Path checkpoint = Path.of(checkpointDir);
    CheckpointState state = Checkpoints.readState(checkpoint);
    try {
      AtomicOutput out = AtomicOutput.begin(outputDir, LAYOUT, List.of(checkpointDir), overwrite, new Configuration());
      try {
        INDArray theta = Nd4j.create(DataType.FLOAT, new ParameterLayout(state.model()).size());
        // Exporting does not need the dataset, so the manifest check is waived.
        Checkpoints.load(checkpoint, Map.of(Trainer.PARAMETERS_FILE, theta), state.manifestSha256(), true);
        SafetensorsExport.write(state.model(), theta, Path.of(out.staging()));
        out.commit(LAYOUT.names());
      } catch (RuntimeException | IOException e) {
        out.abort();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export to " + outputDir, e);
    }
    return Path.of(outputDir).resolve(SafetensorsExport.WEIGHTS_FILE);
  }
}
