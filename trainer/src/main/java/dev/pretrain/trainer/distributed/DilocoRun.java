package dev.pretrain.trainer.distributed;

import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.RunLoop;
import dev.pretrain.trainer.sample.CheckpointSamples;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A DiLoCo training run on the driver: {@link DilocoRounds} in a {@link RunLoop}, a line of
 * {@code metrics.jsonl} every round and a round checkpoint every K rounds (and after the last), followed by the
 * lines of {@code samples.jsonl} when it samples.
 */
public final class DilocoRun {

  /**
   * One round's figures. Times are wall-clock seconds on the driver: {@code broadcast} is creating the
   * broadcast plus the slowest task's fetch of it, {@code compute} the slowest task's H steps,
   * {@code aggregation} the rest of the round outside the tasks (scheduling, result transfer, the tree
   * reduction and the outer step).
   */
  public record RoundStats(int round, long step, double loss, double lastLoss, double lr, OptionalDouble valLoss,
                           double tokensPerSec, double roundSeconds, double broadcastSeconds, double computeSeconds,
                           double aggregationSeconds, int freshStates) {
  }

  /** The result of {@link #run}: θ after the last round run, and the last checkpoint written. */
  public record Outcome(float[] theta, int rounds, Optional<Path> lastCheckpoint, List<RoundStats> stats) {
  }

  /** Where the run is persisted; the data set's manifest SHA-256 ties checkpoints to their data. */
  public record Persistence(String runDir, String manifestSha256, int keepCheckpoints) {
  }

  private final Supplier<DilocoRounds> rounds;
  private final InnerTraining inner;
  private final DilocoSettings diloco;
  private final HadoopConf hadoop;
  private final Persistence persistence;
  private final PrintStream console;
  private Optional<CheckpointSamples> sampler = Optional.empty();

  /**
   * @param valRows validation rows evaluated on the driver every {@code eval-interval} rounds; empty: none
   */
  public DilocoRun(JavaSparkContext spark, InnerTraining inner, DilocoSettings diloco, int workers, SliceSource data,
                   HadoopConf hadoop, Persistence persistence, int[] valRows, PrintStream console) {
    if (workers < 1) {
      throw new IllegalArgumentException("need at least one worker, got " + workers);
    }
    this.rounds = () -> new DilocoRounds(spark, inner, diloco, workers, data, hadoop, persistence.manifestSha256(),
        valRows);
    this.inner = inner;
    this.diloco = diloco;
    this.hadoop = hadoop;
    this.persistence = persistence;
    this.console = console;
  }

  /** Generates text from θ on the driver after every round checkpoint, into {@code samples.jsonl}. */
  public DilocoRun sampling(CheckpointSamples newSampler) {
    this.sampler = Optional.of(newSampler);
    return this;
  }

  /** Rounds of the whole run: ⌈totalSteps / H⌉. */
  public int totalRounds() {
    return diloco.rounds(inner.train().maxSteps());
  }

  /**
   * Runs rounds until {@code stopAfter} are complete (a checkpoint is written there), starting from the
   * newest round checkpoint when {@code resume}, else from the seeded initial weights.
   */
  public Outcome run(int stopAfter, boolean resume, boolean allowOtherData) {
    return run(stopAfter, resume, allowOtherData, () -> { });
  }

  /**
   * As {@link #run(int, boolean, boolean)}, calling {@code started} once the run is known to start or
   * resume (a resume that is refused never calls it), before the first round.
   */
  public Outcome run(int stopAfter, boolean resume, boolean allowOtherData, Runnable started) {
    RunLoop.requireStop(stopAfter, totalRounds(), "round", "");
    DilocoRounds advance = rounds.get();
    RunDirectory run = RunDirectory.existing(new Path(persistence.runDir()), hadoop.get());
    RunLoop.Cadence cadence = new RunLoop.Cadence(1, diloco.evalInterval(), diloco.checkpointInterval());
    try (RunLoop<RoundState> loop = new RunLoop<>(run, persistence.keepCheckpoints(), advance, cadence,
        persistence.manifestSha256(), console)) {
      sampler.ifPresent(loop::sampling);
      Optional<Path> last = loop.open(resume, allowOtherData, started).runUntil(stopAfter);
      return new Outcome(advance.theta(), stopAfter, last, List.copyOf(advance.stats()));
    }
  }
}
