package dev.pretrain.trainer;

import dev.pretrain.common.error.JobStopped;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.Checkpoints;
import dev.pretrain.trainer.data.BatchSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The training loop around a {@link Trainer}: steps until a given step, evaluating on the fixed
 * validation rows every {@code eval-interval} steps, writing {@code metrics.jsonl} and a console
 * progress line every {@code log-interval} steps, and a checkpoint every {@code checkpoint-interval}
 * steps and at the end. A NaN/Inf loss stops the run naming the step and the last good checkpoint.
 */
final class TrainRun {

  private final Trainer trainer;
  private final TrainSettings settings;
  private final int[] valRows;
  private final String manifestSha256;
  private final Checkpoints checkpoints;
  private final MetricsLog metrics;
  private final PrintStream console;
  private final double flopsPerToken;
  private Optional<Path> lastCheckpoint;

  TrainRun(Trainer trainer, TrainSettings settings, int[] valRows, String manifestSha256, Checkpoints checkpoints,
           MetricsLog metrics, PrintStream console, Optional<Path> resumedFrom) {
    this.trainer = trainer;
    this.settings = settings;
    this.valRows = valRows;
    this.manifestSha256 = manifestSha256;
    this.checkpoints = checkpoints;
    this.metrics = metrics;
    this.console = console;
    this.flopsPerToken = ModelFlops.perToken(settings.model(), settings.blockSize());
    this.lastCheckpoint = resumedFrom;
  }

  /** Trains until {@code stopStep} steps are complete; returns the final checkpoint. */
  Path runUntil(long stopStep, BatchSource batches) {
    long firstStep = trainer.step();
    long runNanos = 0;
    long windowNanos = 0;
    long windowTokens = 0;
    while (trainer.step() < stopStep) {
      long t0 = System.nanoTime();
      Trainer.StepResult r;
      try {
        r = trainer.step(batches);
      } catch (NonFiniteLossException e) {
        throw new JobStopped(e.getMessage() + "; stopping. Last good checkpoint: "
            + lastCheckpoint.map(Path::toString).orElse("none (no checkpoint was written yet)"), e);
      }
      long stepNanos = System.nanoTime() - t0;
      runNanos += stepNanos;
      windowNanos += stepNanos;
      windowTokens += settings.tokensPerStep();
      boolean last = r.step() == stopStep;
      OptionalDouble val = r.step() % settings.evalInterval() == 0 || last
          ? OptionalDouble.of(trainer.evaluate(valRows)) : OptionalDouble.empty();
      // Step 1 is always logged: the untrained loss (about ln V) is the first sanity check.
      if (r.step() == 1 || r.step() % settings.logInterval() == 0 || val.isPresent()) {
        double tokensPerSec = windowTokens / (windowNanos / 1e9);
        double mfu = flopsPerToken * tokensPerSec / settings.peakFlops();
        metrics.log(r.step(), r.loss(), r.learningRate(), r.gradNorm(), tokensPerSec, mfu, val);
        double etaSeconds = runNanos / 1e9 / (r.step() - firstStep) * (stopStep - r.step());
        console.println(progressLine(r, stopStep, tokensPerSec, mfu, val, etaSeconds));
        windowNanos = 0;
        windowTokens = 0;
      }
      if (r.step() % settings.checkpointInterval() == 0 || last) {
        lastCheckpoint = Optional.of(checkpoint());
      }
    }
    return lastCheckpoint.orElseGet(this::checkpoint);
  }

  private Path checkpoint() {
    CheckpointState state = new CheckpointState(CheckpointState.VERSION, trainer.step(), trainer.tokensSeen(),
        trainer.cursor(), settings.seed(), manifestSha256, settings.model(), Map.of());
    return checkpoints.write(state, trainer.arrays());
  }

  private static String progressLine(Trainer.StepResult r, long stopStep, double tokensPerSec, double mfu,
                                     OptionalDouble val, double etaSeconds) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "step %d/%d  loss %.4f  lr %.2e  grad_norm %.3f  %,.0f tok/s  mfu %.1f%%", r.step(), stopStep, r.loss(),
        r.learningRate(), r.gradNorm(), tokensPerSec, 100 * mfu));
    if (val.isPresent()) {
      line.append(String.format(Locale.ROOT, "  val_loss %.4f (ppl %.1f)", val.getAsDouble(),
          Math.exp(val.getAsDouble())));
    }
    long eta = Math.round(etaSeconds);
    line.append(String.format(Locale.ROOT, "  ETA %dh%02dm%02ds", eta / 3600, eta / 60 % 60, eta % 60));
    return line.toString();
  }
}
