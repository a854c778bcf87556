package dev.pretrain.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.error.JobStopped;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.data.Batch;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.model.ElementView;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.optim.AdamW;
import dev.pretrain.trainer.optim.CosineSchedule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class TrainerTest {

  private static final GptConfig CONFIG = GptConfig.of(64, 8, 1, 2, 16, true);
  private static final int B = 2;
  private static final int T = 8;

  @TempDir
  Path run;

  /** Endless random batches; with {@code repeat} each batch comes twice in a row. */
  private static BatchSource batches(long seed, boolean repeat) {
    Random random = new Random(seed);
    return new BatchSource() {
      private int[] last;
      private int served;

      @Override
      public Batch next() {
        if (!repeat || served++ % 2 == 0) {
          last = new int[B * (T + 1)];
          for (int i = 0; i < last.length; i++) {
            last[i] = random.nextInt(CONFIG.vocabSize());
          }
        }
        return new Batch(last.clone(), new Cursor(0, 0, served));
      }

      @Override
      public void close() {
      }
    };
  }

  private static Trainer trainer(int accumulation) {
    return new Trainer(new Gpt(CONFIG, B, T, DataType.FLOAT, 3), new Trainer.Settings(AdamW.Settings.GPT,
        new CosineSchedule(1e-2, 1e-3, 1, 10), 1.0, accumulation));
  }

  @Test
  void accumulatingTheSameBatchTwiceEqualsOneStepOnIt() {
    Trainer once = trainer(1);
    Trainer twice = trainer(2);
    BatchSource single = batches(9, false);
    BatchSource doubled = batches(9, true);
    for (int i = 0; i < 3; i++) {
      Trainer.StepResult a = once.step(single);
      Trainer.StepResult b = twice.step(doubled);
      // Not bitwise: the model accumulates weight gradients inside GEMMs (beta = 1), which rounds differently.
      assertEquals(a.loss(), b.loss(), 1e-6 * a.loss());
      assertEquals(a.gradNorm(), b.gradNorm(), 1e-5 * a.gradNorm(), "the sum of K gradients is scaled by 1/K");
      assertEquals(2 * a.tokensSeen(), b.tokensSeen());
    }
    assertArrayEquals(once.parameters().toFloatVector(), twice.parameters().toFloatVector(), 1e-5f);
  }

  @Test
  void evaluationLeavesParametersAlone() {
    Trainer trainer = trainer(1);
    trainer.step(batches(1, false));
    float[] before = trainer.parameters().toFloatVector();
    double loss = trainer.evaluate(batches(2, false).next().rows());
    assertTrue(loss > 0 && loss < 2 * Math.log(CONFIG.vocabSize()), "loss " + loss);
    assertArrayEquals(before, trainer.parameters().toFloatVector());
  }

  @Test
  void aNonFiniteLossStopsNamingTheStepAndTheLastGoodCheckpoint() {
    Trainer trainer = trainer(1);
    TrainSettings settings = TrainJobTest.settings("train.checkpoint-interval=2", "train.eval-interval=100");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    BatchSource source = batches(4, false);
    TrainSteps steps = new TrainSteps(trainer, settings, from -> source, batches(5, false).next().rows(),
        "ab".repeat(32));
    RunLoop<CheckpointState> loop = new RunLoop<>(RunDirectory.existing(new org.apache.hadoop.fs.Path(run.toString()),
        new Configuration()), 2, steps, new RunLoop.Cadence(settings.logInterval(), settings.evalInterval(),
        settings.checkpointInterval()), "ab".repeat(32), new PrintStream(console));
    loop.open(false, false, () -> { }).runUntil(2);
    ElementView.of(trainer.parameters()).set(0, Double.NaN);
    ElementView.of(trainer.parameters()).set(CONFIG.paddedVocabSize() * CONFIG.nEmbd() + 1, Double.NaN);
    var e = assertThrows(JobStopped.class, () -> loop.runUntil(4));
    assertTrue(e.getMessage().contains("at step 3"), e.getMessage());
    assertTrue(e.getMessage().contains("Last good checkpoint: " + run.resolve("checkpoints/step-0000002")),
        e.getMessage());
    assertTrue(console.toString().contains("step 2/2"), console.toString());
  }
}
