package dev.pretrain.trainer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pretrain.trainer.checkpoint.CheckpointKind;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.CheckpointStore;
import dev.pretrain.trainer.checkpoint.FloatArrays;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Single-process training advanced one optimizer step at a time: a {@link Trainer} over the dataset's
 * batches from the trainer's data cursor on; its checkpoints hold θ, the AdamW
 * moments and the cursor ({@link CheckpointState}).
 */
final class TrainSteps implements RunAdvance<CheckpointState>, AutoCloseable {

  private final Trainer trainer;
  private final TrainSettings settings;
  private final Function<Cursor, BatchSource> openBatches;
  private final int[] valRows;
  private final String manifestSha256;
  private final double flopsPerToken;
  private BatchSource batches;

  /**
   * @param openBatches the train batches from a data cursor on, opened at the first step (after a resume)
   * @param valRows     the fixed validation rows
   */
  TrainSteps(Trainer trainer, TrainSettings settings, Function<Cursor, BatchSource> openBatches, int[] valRows,
             String manifestSha256) {
    this.flopsPerToken = ModelFlops.perToken(settings.model(), settings.blockSize());
    this.trainer = trainer;
    this.settings = settings;
    this.openBatches = openBatches;
    this.valRows = valRows;
    this.manifestSha256 = manifestSha256;
  }

  @Override
  public Plan<CheckpointState> plan() {
    return new Plan<>(CheckpointKind.STEP, settings.model(), settings.maxSteps());
  }

  @Override
  public long done() {
    return trainer.step();
  }

  @Override
  public void requireCompatible(Path checkpoint, CheckpointState state) {
    // A step checkpoint holds nothing else a resume must keep: the model and the data are the loop's checks.
  }

  @Override
  public String resume(CheckpointStore<CheckpointState> checkpoints, Path checkpoint, CheckpointState state) {
    for (Map.Entry<String, INDArray> e : trainer.arrays().entrySet()) {
      checkpoints.read(checkpoint, state, e.getKey(), FloatArrays.Elements.of(e.getValue()));
    }
    trainer.restore(state.step(), state.tokensSeen(), state.cursor());
    return "at step " + state.step() + ", data cursor " + state.cursor();
  }

  @Override
  public Step advance(Optional<Path> checkpoint) {
    if (batches == null) {
      batches = openBatches.apply(trainer.cursor());
    }
    return new Step(trainer.step(batches));
  }

  @Override
  public OptionalDouble evaluate() {
    return OptionalDouble.of(trainer.evaluate(valRows));
  }

  @Override
  public long step() {
    return trainer.step();
  }

  @Override
  public void copyParameters(INDArray into) {
    into.assign(trainer.parameters());
  }

  @Override
  public Path checkpoint(CheckpointStore<CheckpointState> checkpoints) {
    CheckpointState state = new CheckpointState(CheckpointState.VERSION, trainer.step(), trainer.tokensSeen(),
        trainer.cursor(), settings.seed(), manifestSha256, settings.model(), Map.of());
    Map<String, FloatArrays.Elements> arrays = new LinkedHashMap<>();
    trainer.arrays().forEach((name, array) -> arrays.put(name, FloatArrays.Elements.of(array)));
    return checkpoints.commit(trainer.step(), state, arrays);
  }

  @Override
  public void close() {
    if (batches != null) {
      batches.close();
    }
  }

  /** A logged step's line of {@code metrics.jsonl} (docs/formats.md). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"step", "loss", "lr", "grad_norm", "tokens_per_sec", "mfu", "val_loss", "val_perplexity"})
  record StepLine(long step, double loss, double lr, @JsonProperty("grad_norm") double gradNorm,
                  @JsonProperty("tokens_per_sec") double tokensPerSec, double mfu,
                  @JsonProperty("val_loss") Double valLoss, @JsonProperty("val_perplexity") Double valPerplexity) {
  }

  /** One optimizer step's line. */
  private final class Step implements Unit {
    private final Trainer.StepResult r;

    Step(Trainer.StepResult r) {
      this.r = r;
    }

    @Override
    public long tokens() {
      return settings.tokensPerStep();
    }

    @Override
    public StepLine metrics(double tokensPerSec, OptionalDouble valLoss) {
      MetricsLog.Validation val = MetricsLog.Validation.of(valLoss);
      return new StepLine(r.step(), r.loss(), r.learningRate(), r.gradNorm(), tokensPerSec, mfu(tokensPerSec),
          val.loss(), val.perplexity());
    }

    @Override
    public String progress(long stop, double tokensPerSec, OptionalDouble valLoss) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
          "step %d/%d  loss %.4f  lr %.2e  grad_norm %.3f  %,.0f tok/s  mfu %.1f%%", r.step(), stop, r.loss(),
          r.learningRate(), r.gradNorm(), tokensPerSec, 100 * mfu(tokensPerSec)));
      if (valLoss.isPresent()) {
        line.append(String.format(Locale.ROOT, "  val_loss %.4f (ppl %.1f)", valLoss.getAsDouble(),
            Math.exp(valLoss.getAsDouble())));
      }
      return line.toString();
    }

    private double mfu(double tokensPerSec) {
      return flopsPerToken * tokensPerSec / settings.peakFlops();
    }
  }
}
