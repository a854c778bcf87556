package dev.pretrain.trainer.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointStore;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.data.ShardDataset;
import dev.pretrain.trainer.data.ShardReadException;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.optim.AdamW;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class DilocoRunTest {

  @TempDir
  static Path data;
  @TempDir
  Path runs;

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    DilocoFixture.writeData(data);
    spark = DilocoFixture.spark(DilocoRunTest.class);
  }

  @AfterAll
  static void stop() {
    DilocoFixture.stop(spark);
  }

  @Test
  void lossGoesDownOverRounds() throws IOException {
    InnerTraining inner = DilocoFixture.inner(3, 4);
    DilocoRun run = DilocoFixture.run(spark, inner, DilocoFixture.diloco(3, OuterRule.NESTEROV, 2),
        DilocoFixture.slices(data, inner, 2), runs.resolve("r"), DilocoFixture.trainRows(data, inner, 4));
    List<DilocoRun.RoundStats> stats = run.run(4, false, false).stats();

    assertEquals(4, stats.size());
    DilocoRun.RoundStats first = stats.get(0);
    DilocoRun.RoundStats last = stats.get(3);
    assertTrue(last.loss() < first.loss() - 0.5, "mean inner loss " + first.loss() + " -> " + last.loss());
    assertTrue(last.valLoss().getAsDouble() < first.valLoss().getAsDouble(),
        "val loss " + first.valLoss() + " -> " + last.valLoss());
    // One metrics line per round, with the time split.
    List<String> lines = Files.readAllLines(runs.resolve("r").resolve(dev.pretrain.trainer.MetricsLog.FILE_NAME));
    assertEquals(4, lines.size());
    var row = new ObjectMapper().readTree(lines.get(3));
    assertEquals(4, row.get("round").asInt());
    assertEquals(12, row.get("step").asInt());
    for (String key : List.of("loss", "val_loss", "tokens_per_sec", "broadcast_s", "compute_s", "aggregation_s")) {
      assertTrue(row.has(key), key + " in " + row);
    }
    // Checkpoints after rounds 2 and 4, each complete with both workers' moments.
    CheckpointStore<RoundState> checkpoints = RunDirectory.existing(
        new org.apache.hadoop.fs.Path(runs.resolve("r").toString()), new Configuration())
        .checkpoints(RoundState.KIND, 3);
    assertEquals(List.of("round-0000002", "round-0000004"),
        checkpoints.list().stream().map(org.apache.hadoop.fs.Path::getName).toList());
    assertEquals(2, checkpoints.readState(checkpoints.latest().get()).workerFiles().size());
  }

  /**
   * With H = 1 and averaging, DiLoCo is synchronous data-parallel training when the inner update is linear
   * in the gradient: AdamW with ε far above √v̂ is SGD with momentum at rate lr/ε, and the mean of the
   * workers' updates (their momenta are kept across rounds) is then the update of the mean gradient. The
   * single process takes N·K micro-batches per step from the same row sequence.
   */
  @Test
  void oneInnerStepWithAveragingIsSynchronousDataParallel() {
    int rounds = 3;
    // A constant rate of 3e7 and no clipping in effect.
    InnerTraining inner = new InnerTraining(DilocoFixture.train(rounds, 3e7, 3e7, 0, 1e9), 1,
        new AdamW.Settings(0.9, 0.95, 1e8, 0));
    DilocoRun run = DilocoFixture.run(spark, inner, DilocoFixture.diloco(1, OuterRule.AVERAGE, 100),
        DilocoFixture.slices(data, inner, 2), runs.resolve("h1"), new int[0]);
    float[] distributed = run.run(rounds, false, false).theta();

    float[] initial = singleProcess(inner, 0, 2);
    float[] synchronous = singleProcess(inner, rounds, 2);
    float[] workerZeroOnly = singleProcess(inner, rounds, 1);
    double tolerance = 2e-6;
    assertTrue(maxDifference(initial, synchronous) > 1e-2, "training moved the weights");
    assertTrue(maxDifference(distributed, synchronous) < tolerance,
        "max |θ_diloco − θ_sync| = " + maxDifference(distributed, synchronous));
    assertTrue(maxDifference(distributed, workerZeroOnly) > 100 * tolerance, "the data slicing matters");
  }

  /** θ after two Nesterov rounds of H = 2 without incidents, shared by the failure tests. */
  private float[] cleanTwoRounds() {
    if (clean == null) {
      InnerTraining inner = DilocoFixture.inner(2, 2);
      clean = DilocoFixture.run(spark, inner, DilocoFixture.diloco(2, OuterRule.NESTEROV, 100),
          DilocoFixture.slices(data, inner, 2), runs.resolve("clean"), new int[0]).run(2, false, false).theta();
    }
    return clean;
  }

  private static float[] clean;

  @Test
  void aTaskThatFailsOnceIsRetriedWithItsStateAndTheRunIsUnchanged() {
    InnerTraining inner = DilocoFixture.inner(2, 2);
    FailingOnce.ARMED.set(true);
    FailingOnce.FAILURES.set(0);
    DilocoRun.Outcome retried = DilocoFixture.run(spark, inner, DilocoFixture.diloco(2, OuterRule.NESTEROV, 100),
        new FailingOnce(DilocoFixture.slices(data, inner, 2), 1, 1), runs.resolve("b"), new int[0]).run(2, false, false);

    assertEquals(1, FailingOnce.FAILURES.get(), "the injected failure happened");
    assertEquals(0, retried.stats().stream().mapToInt(DilocoRun.RoundStats::freshStates).sum());
    assertArrayEquals(cleanTwoRounds(), retried.theta());
  }

  @Test
  void aWorkerWhoseStateIsLostRestartsFreshAndTheRoundCompletes() {
    InnerTraining inner = DilocoFixture.inner(2, 2);
    DilocoRun.Outcome lost = DilocoFixture.run(spark, inner, DilocoFixture.diloco(2, OuterRule.NESTEROV, 100),
        new LosingState(DilocoFixture.slices(data, inner, 2), 1), runs.resolve("b"), new int[0]).run(2, false, false);

    assertTrue(lost.stats().get(1).freshStates() >= 1, "round 2 restarted a worker: " + lost.stats().get(1));
    assertTrue(Double.isFinite(lost.stats().get(1).loss()));
    assertTrue(maxDifference(cleanTwoRounds(), lost.theta()) > 0, "fresh moments change the result");
  }

  @Test
  void resumingFromARoundCheckpointGivesTheUninterruptedResult() {
    InnerTraining inner = DilocoFixture.inner(2, 2);
    DilocoSettings diloco = DilocoFixture.diloco(2, OuterRule.NESTEROV, 1);
    Path split = runs.resolve("split");
    DilocoFixture.run(spark, inner, diloco, DilocoFixture.slices(data, inner, 2), split, new int[0])
        .run(1, false, false);
    // A new driver (new run id): the workers' moments come from the checkpoint, not the executors.
    DilocoRun.Outcome resumed = DilocoFixture.run(spark, inner, diloco, DilocoFixture.slices(data, inner, 2), split,
        new int[0]).run(2, true, false);

    assertArrayEquals(cleanTwoRounds(), resumed.theta());
    assertEquals(0, resumed.stats().stream().mapToInt(DilocoRun.RoundStats::freshStates).sum());
  }

  /** θ after {@code steps} single-process steps of {@code microBatches} micro-batches from the start. */
  private static float[] singleProcess(InnerTraining inner, int steps, int microBatches) {
    Trainer.Settings s = inner.trainerSettings();
    TrainSettings t = inner.train();
    Trainer trainer = new Trainer(new Gpt(t.model(), t.batchSize(), t.blockSize(), DataType.FLOAT, t.seed()),
        new Trainer.Settings(s.adam(), s.schedule(), s.gradClip(), microBatches));
    ShardDataset dataset = ShardDataset.open(data.toString(), new Configuration(), t.model().vocabSize(),
        t.blockSize(), false);
    try (BatchSource batches = dataset.trainBatches(t.batchSize(), t.blockSize(), t.seed(), Cursor.START)) {
      trainer.run(steps, batches);
    }
    return dev.pretrain.trainer.checkpoint.FloatArrays.toArray(trainer.parameters());
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** Fails opening one worker's slice in one round, once: the task fails before touching its state. */
  record FailingOnce(SliceSource real, int round, int worker) implements SliceSource {
    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicInteger FAILURES = new AtomicInteger();

    @Override
    public BatchSource open(int r, int w) {
      if (r == round && w == worker && ARMED.compareAndSet(true, false)) {
        FAILURES.incrementAndGet();
        throw new ShardReadException("injected failure opening worker " + w + "'s slice of round " + r);
      }
      return real.open(r, w);
    }
  }

  /** Drops the workers kept in this JVM when a round starts, as if their executor had been replaced. */
  record LosingState(SliceSource real, int round) implements SliceSource {
    @Override
    public BatchSource open(int r, int w) {
      if (r == round) {
        WorkerRegistry.clear();
      }
      return real.open(r, w);
    }
  }
}
