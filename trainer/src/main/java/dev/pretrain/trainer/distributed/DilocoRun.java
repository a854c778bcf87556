package dev.pretrain.trainer.distributed;

import dev.pretrain.common.output.OutputRefused;
import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.trainer.Trainer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The driver's loop of DiLoCo rounds (Douillard et al. 2023) with Spark as the engine. The driver holds
 * the global parameters θ; each round it broadcasts θ, runs one Spark task per worker ({@link RoundTask}:
 * H inner AdamW steps on the worker's data slice, returning Δ = θ − θ_worker), sums the Δ with a tree
 * reduction, and applies the outer step to their mean. Every K rounds (and after the last) it writes a
 * round checkpoint; every round a line of {@code metrics.jsonl}.
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

  private final JavaSparkContext spark;
  private final InnerTraining inner;
  private final DilocoSettings diloco;
  private final int workers;
  private final SliceSource data;
  private final HadoopConf hadoop;
  private final Persistence persistence;
  private final int[] valRows;
  private final PrintStream console;
  private final String runId = UUID.randomUUID().toString();

  /**
   * @param valRows validation rows evaluated on the driver every {@code eval-interval} rounds; empty: none
   */
  public DilocoRun(JavaSparkContext spark, InnerTraining inner, DilocoSettings diloco, int workers, SliceSource data,
                   HadoopConf hadoop, Persistence persistence, int[] valRows, PrintStream console) {
    if (workers < 1) {
      throw new IllegalArgumentException("need at least one worker, got " + workers);
    }
    this.spark = spark;
    this.inner = inner;
    this.diloco = diloco;
    this.workers = workers;
    this.data = data;
    this.hadoop = hadoop;
    this.persistence = persistence;
    this.valRows = valRows;
    this.console = console;
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
    if (stopAfter < 1 || stopAfter > totalRounds()) {
      throw new IllegalArgumentException("stop round must be in [1, " + totalRounds() + "], got " + stopAfter);
    }
    RoundCheckpoints checkpoints = new RoundCheckpoints(persistence.runDir(), hadoop.get(),
        persistence.keepCheckpoints());
    Trainer evaluator = inner.newTrainer();
    float[] theta = FloatFiles.toArray(evaluator.parameters());
    OuterStep outer = new OuterStep(diloco.outer(), diloco.outerLr(), diloco.outerMomentum(), theta.length);
    int start = 0;
    long tokens = 0;
    RoundTask.SavedStates saved = null;
    Optional<Path> last = Optional.empty();
    Optional<Path> latest = checkpoints.latest();
    if (resume) {
      Path from = latest.orElseThrow(() -> new OutputRefused("nothing to resume: no round checkpoint in "
          + new Path(persistence.runDir(), RoundCheckpoints.DIR)));
      RoundState state = checkpoints.readState(from);
      requireCompatible(from, state, allowOtherData);
      checkpoints.load(from, state, theta, outer.velocity());
      start = state.rounds();
      tokens = state.tokensSeen();
      saved = new RoundTask.SavedStates(from.toString(), RoundCheckpoints.workerFiles(state));
      last = Optional.of(from);
      console.println("resuming " + from + " after round " + start);
    } else if (latest.isPresent()) {
      throw new OutputRefused(persistence.runDir() + " already holds round checkpoints (newest "
          + latest.get() + "); resume it with --resume or choose a new run directory");
    }
    started.run();
    RoundLog log = new RoundLog(persistence.runDir(), hadoop.get(), start);
    List<RoundStats> stats = new ArrayList<>();
    List<Integer> workerIds = IntStream.range(0, workers).boxed().toList();
    for (int round = start; round < stopAfter; round++) {
      int done = round + 1;
      boolean checkpoint = done % diloco.checkpointInterval() == 0 || done == stopAfter || done == totalRounds();
      String saveDir = checkpoint ? checkpoints.prepare(done).toString() : null;
      long t0 = System.nanoTime();
      // A copy: θ is updated in place below while a straggling task attempt may still read the broadcast.
      Broadcast<float[]> shared = spark.broadcast(theta.clone());
      long broadcastNanos = System.nanoTime() - t0;
      RoundTask task = new RoundTask(runId, round, inner, data, shared, diloco.fp16Deltas(), saved, saveDir, hadoop);
      WorkerResult result = spark.parallelize(workerIds, workers).mapPartitions(task)
          .treeReduce(WorkerResult::merge, diloco.treeDepth());
      if (result.workers != workers) {
        throw new IllegalStateException("round " + done + " got results from " + result.workers + " of " + workers
            + " workers");
      }
      outer.apply(theta, result.meanDelta());
      long roundNanos = System.nanoTime() - t0;
      shared.destroy();
      tokens += result.tokens;
      OptionalDouble val = OptionalDouble.empty();
      if (valRows.length > 0 && (done % diloco.evalInterval() == 0 || done == stopAfter)) {
        FloatFiles.copy(theta, evaluator.parameters());
        val = OptionalDouble.of(evaluator.evaluate(valRows));
      }
      if (checkpoint) {
        RoundState state = new RoundState(RoundState.VERSION, done, inner.innerSteps(), workers, tokens,
            inner.train().seed(), persistence.manifestSha256(), inner.model(), diloco.outer(), java.util.Map.of());
        last = Optional.of(checkpoints.commit(state, theta, outer.velocity(), result.stateFiles));
        saved = new RoundTask.SavedStates(saveDir, result.stateFiles);
      } else {
        saved = null;
      }
      double compute = result.maxComputeNanos / 1e9;
      double broadcast = (broadcastNanos + result.maxFetchNanos) / 1e9;
      double aggregation = (roundNanos - broadcastNanos - result.maxTaskNanos) / 1e9;
      RoundStats s = new RoundStats(done, (long) done * inner.innerSteps(), result.lossSum / result.steps,
          result.lastLossSum / workers, result.lastLr, val, result.tokens / (roundNanos / 1e9), roundNanos / 1e9,
          broadcast, compute, aggregation, result.freshStates);
      stats.add(s);
      log.log(s);
      console.println(progressLine(s));
    }
    return new Outcome(theta, stopAfter, last, stats);
  }

  private void requireCompatible(Path from, RoundState state, boolean allowOtherData) {
    if (state.workers() != workers || state.innerSteps() != inner.innerSteps()) {
      throw new IllegalArgumentException("checkpoint " + from + " was made with " + state.workers() + " workers and "
          + state.innerSteps() + " inner steps per round; resume with the same (asked: " + workers + " and "
          + inner.innerSteps() + "): the workers' data slices depend on both");
    }
    if (!state.model().equals(inner.model())) {
      throw new IllegalArgumentException("checkpoint " + from + " is of model " + state.model()
          + " but the settings ask for " + inner.model());
    }
    if (state.outer() != diloco.outer()) {
      throw new IllegalArgumentException("checkpoint " + from + " was made with outer = " + state.outer()
          + ", the settings ask for " + diloco.outer());
    }
    if (!allowOtherData && !state.manifestSha256().equals(persistence.manifestSha256())) {
      throw new IllegalArgumentException("checkpoint " + from + " was trained on a dataset whose manifest has SHA-256 "
          + state.manifestSha256() + ", this dataset's is " + persistence.manifestSha256()
          + "; resuming on other data needs --allow-other-data");
    }
  }

  private String progressLine(RoundStats s) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "round %d/%d (step %d)  loss %.4f  lr %.2e  %,.0f tok/s  broadcast %.2fs  compute %.2fs  aggregation %.2fs",
        s.round(), totalRounds(), s.step(), s.loss(), s.lr(), s.tokensPerSec(), s.broadcastSeconds(),
        s.computeSeconds(), s.aggregationSeconds()));
    s.valLoss().ifPresent(v -> line.append(String.format(Locale.ROOT, "  val_loss %.4f", v)));
    if (s.freshStates() > 0) {
      line.append("  (").append(s.freshStates()).append(" worker(s) restarted with fresh optimizer state)");
    }
    return line.toString();
  }
}
