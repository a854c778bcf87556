package dev.pretrain.trainer;

import dev.pretrain.trainer.checkpoint.CheckpointKind;
import dev.pretrain.trainer.checkpoint.CheckpointStore;
import dev.pretrain.trainer.checkpoint.SavedState;
import dev.pretrain.trainer.model.GptConfig;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a training run moves forward, one unit at a time: an optimizer step in this JVM ({@code TrainSteps},
 * step checkpoints) or a DiLoCo round over Spark tasks ({@code DilocoRounds}, round checkpoints). The
 * {@link RunLoop} around it is the same for both: resuming, progress, metrics, evaluation and checkpoint
 * cadence, stopping.
 *
 * @param <S> the state its checkpoints carry
 */
public interface RunAdvance<S extends SavedState> {

  /**
   * What is advanced.
   *
   * @param kind  the kind of its checkpoints
   * @param model the model it trains: a checkpoint of another shape is refused
   * @param total units (steps or rounds) of the whole run; the schedule runs over them
   */
  record Plan<S extends SavedState>(CheckpointKind<S> kind, GptConfig model, long total) {
  }

  Plan<S> plan();

  /** Units done. */
  long done();

  /**
   * Refuses a checkpoint this run cannot continue for a reason of its own kind (the model shape and the
   * dataset are checked by the loop).
   *
   * @throws IllegalArgumentException naming the checkpoint and what differs
   */
  void requireCompatible(Path checkpoint, S state);

  /** Continues from {@code checkpoint}: its arrays and counters; returns where, for the console. */
  String resume(CheckpointStore<S> checkpoints, Path checkpoint, S state);

  /**
   * Advances one unit.
   *
   * @param checkpoint the prepared directory of the checkpoint that follows this unit, if one does: work that
   *                   runs elsewhere (DiLoCo's workers) writes its part of it there
   * @throws NonFiniteLossException if the loss or gradient went NaN or infinite
   */
  Unit advance(Optional<Path> checkpoint);

  /** The validation loss of the current weights, or empty when the run has no validation rows. */
  OptionalDouble evaluate();

  /**
   * The run's step as its checkpoints and {@code metrics.jsonl} record it: optimizer steps, or for DiLoCo
   * rounds × inner steps.
   */
  long step();

  /** Copies the current weights θ into {@code into}, a flat array of the model's parameter count. */
  void copyParameters(INDArray into);

  /** Writes the checkpoint prepared for {@link #done()} units and returns it. */
  Path checkpoint(CheckpointStore<S> checkpoints);

  /** What one unit did, as a line of {@code metrics.jsonl} and of the console. */
  interface Unit {
    /** Train tokens it consumed. */
    long tokens();

    /**
     * Its line of {@code metrics.jsonl}: a record whose properties are the line's fields, in their order.
     *
     * @param tokensPerSec train tokens per second over the units since the last line
     */
    Object metrics(double tokensPerSec, OptionalDouble valLoss);

    /** The console's progress line, without the ETA. */
    String progress(long stop, double tokensPerSec, OptionalDouble valLoss);
  }
}
