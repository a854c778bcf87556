package dev.pretrain.trainer.export;

import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.Checkpoints;
import dev.pretrain.trainer.model.ParameterLayout;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code pipeline export}: a checkpoint's weights (checksum verified, model shape from its state.json)
 * as a Hugging Face GPT-2 directory ({@link SafetensorsExport}).
 */
public final class ExportJob {
  private ExportJob() {}

  /** Returns the written {@code model.safetensors}. */
  public static Path run(String checkpointDir, String outputDir) {
    Path checkpoint = Path.of(checkpointDir);
    CheckpointState state = Checkpoints.readState(checkpoint);
    INDArray theta = Nd4j.create(DataType.FLOAT, new ParameterLayout(state.model()).size());
    // Exporting does not need the dataset, so the manifest check is waived.
    Checkpoints.load(checkpoint, Map.of(Trainer.PARAMETERS_FILE, theta), state.manifestSha256(), true);
    Path out = Path.of(outputDir);
    SafetensorsExport.write(state.model(), theta, out);
    return out.resolve(SafetensorsExport.WEIGHTS_FILE);
  }
}
