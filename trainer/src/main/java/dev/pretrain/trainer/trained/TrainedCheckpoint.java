package dev.pretrain.trainer.trained;

import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.Checkpoints;
import dev.pretrain.trainer.distributed.RoundCheckpoints;
import dev.pretrain.trainer.distributed.RoundState;
import dev.pretrain.trainer.model.GptConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checkpoint a person names to {@code sample} or {@code export}: a checkpoint directory of a
 * single-process run ({@code checkpoints/step-NNNNNNN/}, with {@code state.json}) or of a DiLoCo run
 * ({@code checkpoints/round-NNNNNNN/}, with {@code round.json}), or a run directory, which stands for its
 * newest complete checkpoint. Both kinds hold θ in {@code params.f32} with its SHA-256 and the model's
 * shape in their state file; the optimizer state beside it is not read.
 *
 * @param dir    the checkpoint directory
 * @param runDir the run it belongs to (the directory above {@code checkpoints/}), if it lies in one
 * @param model  the model's shape
 * @param round  true for a DiLoCo round checkpoint
 */
public record TrainedCheckpoint(Path dir, Optional<Path> runDir, GptConfig model, boolean round) {

  /**
   * @param given a checkpoint or run directory, as the person wrote it
   * @throws IllegalArgumentException if it is neither, or a run without a complete checkpoint
   */
  public static TrainedCheckpoint locate(String given) {
    Path path = Path.of(given).toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException(given + ": no such directory");
    }
    if (Files.isRegularFile(path.resolve(CheckpointState.FILE_NAME))) {
      return step(path);
    }
    if (Files.isRegularFile(path.resolve(RoundState.FILE_NAME))) {
      return round(path);
    }
    if (!Files.isDirectory(path.resolve(Checkpoints.DIR))) {
      throw new IllegalArgumentException(given + " is neither a checkpoint (it has no " + CheckpointState.FILE_NAME
          + " or " + RoundState.FILE_NAME + ") nor a run directory (it has no " + Checkpoints.DIR + "/)");
    }
    // Listing never prunes, so any number to keep will do.
    List<Path> steps = new Checkpoints(path, 1).list();
    List<org.apache.hadoop.fs.Path> rounds = new RoundCheckpoints(path.toString(), new Configuration(), 1).list();
    if (!steps.isEmpty() && !rounds.isEmpty()) {
      throw new IllegalArgumentException("run directory " + given + " holds both step and round checkpoints;"
          + " name the checkpoint directory itself");
    }
    if (!steps.isEmpty()) {
      return step(steps.get(steps.size() - 1));
    }
    if (!rounds.isEmpty()) {
      return round(Path.of(rounds.get(rounds.size() - 1).toUri().getPath()));
    }
    throw new IllegalArgumentException("run directory " + given + " has no complete checkpoint yet");
  }

  /** Reads θ, checksum verified, into {@code into}: a flat array of the model's parameter count. */
  public void readParameters(INDArray into) {
    if (!round) {
      // The dataset is not needed to read weights, so the manifest check is waived.
      Checkpoints.load(dir, Map.of(Trainer.PARAMETERS_FILE, into), Checkpoints.readState(dir).manifestSha256(), true);
      return;
    }
    RoundCheckpoints checkpoints = roundCheckpoints(dir);
    org.apache.hadoop.fs.Path checkpoint = new org.apache.hadoop.fs.Path(dir.toUri());
    RoundState state = checkpoints.readState(checkpoint);
    float[] theta = new float[Math.toIntExact(into.length())];
    checkpoints.load(checkpoint, state, theta, new float[0]);
    into.assign(Nd4j.createFromArray(theta));
  }

  private static TrainedCheckpoint step(Path dir) {
    return new TrainedCheckpoint(dir, runOf(dir), Checkpoints.readState(dir).model(), false);
  }

  private static TrainedCheckpoint round(Path dir) {
    RoundState state = roundCheckpoints(dir).readState(new org.apache.hadoop.fs.Path(dir.toUri()));
    return new TrainedCheckpoint(dir, runOf(dir), state.model(), true);
  }

  /** Reads the round checkpoint {@code dir}: only the file system of the run it names is used. */
  private static RoundCheckpoints roundCheckpoints(Path dir) {
    return new RoundCheckpoints(runOf(dir).orElse(dir.getParent()).toString(), new Configuration(), 1);
  }

  private static Optional<Path> runOf(Path checkpoint) {
    Path parent = checkpoint.getParent();
    return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(Checkpoints.DIR)
        ? Optional.ofNullable(parent.getParent()) : Optional.empty();
  }
}
