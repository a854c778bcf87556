package dev.pretrain.trainer.distributed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pretrain.trainer.MetricsLog;
import dev.pretrain.trainer.RunAdvance;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.CheckpointStore;
import dev.pretrain.trainer.checkpoint.FloatArrays;
import dev.pretrain.common.io.HadoopConf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * DiLoCo (Douillard et al. 2023) advanced one round at a time, with Spark as the engine. The driver holds
 * the global parameters θ; each round it broadcasts θ, runs one Spark task per worker ({@link RoundTask}:
 * H inner AdamW steps on the worker's data slice, returning Δ = θ − θ_worker), sums the Δ with a tree
 * reduction, and applies the outer step to their mean. Its checkpoints ({@link RoundState}) hold θ, the
 * outer momentum, and each worker's AdamW moments, which the workers write during the checkpoint round.
 */
final class DilocoRounds implements RunAdvance<RoundState> {

  private final JavaSparkContext spark;
  private final InnerTraining inner;
  private final DilocoSettings diloco;
  private final int workers;
  private final SliceSource data;
  private final HadoopConf hadoop;
  private final String manifestSha256;
  private final int[] valRows;
  private final String runId = UUID.randomUUID().toString();
  private final Trainer evaluator;
  private final float[] theta;
  private final OuterStep outer;
  private final List<DilocoRun.RoundStats> stats = new ArrayList<>();
  private int rounds;
  private long tokens;
  /** The workers' moments of the newest checkpoint, when it was written after the last round run. */
  private RoundTask.SavedStates saved;
  private WorkerResult last;

  DilocoRounds(JavaSparkContext spark, InnerTraining inner, DilocoSettings diloco, int workers, SliceSource data,
               HadoopConf hadoop, String manifestSha256, int[] valRows) {
    this.spark = spark;
    this.inner = inner;
    this.diloco = diloco;
    this.workers = workers;
    this.data = data;
    this.hadoop = hadoop;
    this.manifestSha256 = manifestSha256;
    this.valRows = valRows;
    this.evaluator = inner.newTrainer();
    this.theta = FloatArrays.toArray(evaluator.parameters());
    this.outer = new OuterStep(diloco.outer(), diloco.outerLr(), diloco.outerMomentum(), theta.length);
  }

  float[] theta() {
    return theta;
  }

  List<DilocoRun.RoundStats> stats() {
    return stats;
  }

  @Override
  public Plan<RoundState> plan() {
    return new Plan<>(RoundState.KIND, inner.model(), diloco.rounds(inner.train().maxSteps()));
  }

  @Override
  public long done() {
    return rounds;
  }

  @Override
  public void requireCompatible(Path checkpoint, RoundState state) {
    if (state.workers() != workers || state.innerSteps() != inner.innerSteps()) {
      throw new IllegalArgumentException("checkpoint " + checkpoint + " was made with " + state.workers()
          + " workers and " + state.innerSteps() + " inner steps per round; resume with the same (asked: " + workers
          + " and " + inner.innerSteps() + "): the workers' data slices depend on both");
    }
    if (state.outer() != diloco.outer()) {
      throw new IllegalArgumentException("checkpoint " + checkpoint + " was made with outer = " + state.outer()
          + ", the settings ask for " + diloco.outer());
    }
  }

  @Override
  public String resume(CheckpointStore<RoundState> checkpoints, Path checkpoint, RoundState state) {
    checkpoints.read(checkpoint, state, Trainer.PARAMETERS_FILE, FloatArrays.Elements.of(theta));
    if (outer.velocity().length > 0) {
      checkpoints.read(checkpoint, state, RoundState.MOMENTUM_FILE, FloatArrays.Elements.of(outer.velocity()));
    }
    rounds = state.rounds();
    tokens = state.tokensSeen();
    saved = new RoundTask.SavedStates(checkpoint.toString(), state.workerFiles());
    return "after round " + rounds;
  }

  @Override
  public Round advance(Optional<Path> checkpoint) {
    long t0 = System.nanoTime();
    // A copy: θ is updated in place below while a straggling task attempt may still read the broadcast.
    Broadcast<float[]> shared = spark.broadcast(theta.clone());
    long broadcastNanos = System.nanoTime() - t0;
    RoundTask task = new RoundTask(runId, rounds, inner, data, shared, diloco.fp16Deltas(), saved,
        checkpoint.map(Path::toString).orElse(null), hadoop);
    WorkerResult result = spark.parallelize(IntStream.range(0, workers).boxed().toList(), workers)
        .mapPartitions(task).treeReduce(WorkerResult::merge, diloco.treeDepth());
    int done = rounds + 1;
    if (result.workers != workers) {
      throw new IllegalStateException("round " + done + " got results from " + result.workers + " of " + workers
          + " workers");
    }
    outer.apply(theta, result.meanDelta());
    long roundNanos = System.nanoTime() - t0;
    shared.destroy();
    rounds = done;
    tokens += result.tokens;
    last = result;
    // Kept states are only those of a checkpoint written after the round just run.
    saved = null;
    double compute = result.maxComputeNanos / 1e9;
    double broadcast = (broadcastNanos + result.maxFetchNanos) / 1e9;
    double aggregation = (roundNanos - broadcastNanos - result.maxTaskNanos) / 1e9;
    DilocoRun.RoundStats s = new DilocoRun.RoundStats(done, (long) done * inner.innerSteps(),
        result.lossSum / result.steps, result.lastLossSum / workers, result.lastLr, OptionalDouble.empty(),
        result.tokens / (roundNanos / 1e9), roundNanos / 1e9, broadcast, compute, aggregation, result.freshStates);
    stats.add(s);
    return new Round(s, result.tokens);
  }

  @Override
  public OptionalDouble evaluate() {
    if (valRows.length == 0) {
      return OptionalDouble.empty();
    }
    FloatArrays.copy(theta, evaluator.parameters());
    OptionalDouble val = OptionalDouble.of(evaluator.evaluate(valRows));
    DilocoRun.RoundStats s = stats.remove(stats.size() - 1);
    stats.add(new DilocoRun.RoundStats(s.round(), s.step(), s.loss(), s.lastLoss(), s.lr(), val, s.tokensPerSec(),
        s.roundSeconds(), s.broadcastSeconds(), s.computeSeconds(), s.aggregationSeconds(), s.freshStates()));
    return val;
  }

  @Override
  public long step() {
    return (long) rounds * inner.innerSteps();
  }

  @Override
  public void copyParameters(INDArray into) {
    FloatArrays.copy(theta, into);
  }

  @Override
  public Path checkpoint(CheckpointStore<RoundState> checkpoints) {
    Map<String, CheckpointState.ArrayFile> files = new LinkedHashMap<>();
    for (Map.Entry<Integer, String[]> w : last.stateFiles.entrySet()) {
      files.put(RoundTask.momentFile(w.getKey(), Trainer.FIRST_MOMENT_FILE),
          new CheckpointState.ArrayFile(w.getValue()[0], theta.length));
      files.put(RoundTask.momentFile(w.getKey(), Trainer.SECOND_MOMENT_FILE),
          new CheckpointState.ArrayFile(w.getValue()[1], theta.length));
    }
    RoundState state = new RoundState(RoundState.VERSION, rounds, inner.innerSteps(), workers, tokens,
        inner.train().seed(), manifestSha256, inner.model(), diloco.outer(), files);
    Map<String, FloatArrays.Elements> arrays = new LinkedHashMap<>();
    arrays.put(Trainer.PARAMETERS_FILE, FloatArrays.Elements.of(theta));
    if (outer.velocity().length > 0) {
      arrays.put(RoundState.MOMENTUM_FILE, FloatArrays.Elements.of(outer.velocity()));
    }
    Path written = checkpoints.commit(rounds, state, arrays);
    saved = new RoundTask.SavedStates(written.toString(), last.stateFiles);
    return written;
  }

  /** A round's line of {@code metrics.jsonl} (docs/formats.md). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"round", "step", "loss", "last_loss", "lr", "tokens_per_sec", "val_loss", "val_perplexity",
      "round_s", "broadcast_s", "compute_s", "aggregation_s", "fresh_worker_states"})
  record RoundLine(int round, long step, double loss, @JsonProperty("last_loss") double lastLoss, double lr,
                   @JsonProperty("tokens_per_sec") double tokensPerSec, @JsonProperty("val_loss") Double valLoss,
                   @JsonProperty("val_perplexity") Double valPerplexity, @JsonProperty("round_s") double roundSeconds,
                   @JsonProperty("broadcast_s") double broadcastSeconds,
                   @JsonProperty("compute_s") double computeSeconds,
                   @JsonProperty("aggregation_s") double aggregationSeconds,
                   @JsonProperty("fresh_worker_states") int freshStates) {
  }

  /** One round's line. */
  private final class Round implements Unit {
    private final DilocoRun.RoundStats s;
    private final long tokens;

    Round(DilocoRun.RoundStats s, long tokens) {
      this.s = s;
      this.tokens = tokens;
    }

    @Override
    public long tokens() {
      return tokens;
    }

    @Override
    public RoundLine metrics(double tokensPerSec, OptionalDouble valLoss) {
      MetricsLog.Validation val = MetricsLog.Validation.of(valLoss);
      return new RoundLine(s.round(), s.step(), s.loss(), s.lastLoss(), s.lr(), tokensPerSec, val.loss(),
          val.perplexity(), s.roundSeconds(), s.broadcastSeconds(), s.computeSeconds(), s.aggregationSeconds(),
          s.freshStates());
    }

    @Override
    public String progress(long stop, double tokensPerSec, OptionalDouble valLoss) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
          "round %d/%d (step %d)  loss %.4f  lr %.2e  %,.0f tok/s  broadcast %.2fs  compute %.2fs  aggregation %.2fs",
          s.round(), plan().total(), s.step(), s.loss(), s.lr(), tokensPerSec, s.broadcastSeconds(), s.computeSeconds(),
          s.aggregationSeconds()));
      valLoss.ifPresent(v -> line.append(String.format(Locale.ROOT, "  val_loss %.4f", v)));
      if (s.freshStates() > 0) {
        line.append("  (").append(s.freshStates()).append(" worker(s) restarted with fresh optimizer state)");
      }
      return line.toString();
    }
  }
}
