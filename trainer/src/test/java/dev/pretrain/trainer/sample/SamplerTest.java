package dev.pretrain.trainer.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.data.Batch;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.trained.TrainedCheckpoint;
import dev.pretrain.trainer.trained.TrainedRunFixture;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.optim.AdamW;
import dev.pretrain.trainer.optim.CosineSchedule;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class SamplerTest {

  private static final GptConfig CONFIG = GptConfig.of(64, 16, 1, 2, 32, true);
  /** The sequence the model is overfit to, repeated forever. */
  private static final int[] PERIOD = {5, 17, 3, 42, 8, 23, 11};
  private static final int B = 4;

  private static Gpt trained;

  @TempDir
  Path run;

  @BeforeAll
  static void overfitOnRepeatedSequence() {
    Gpt model = new Gpt(CONFIG, B, CONFIG.blockSize(), DataType.FLOAT, 1);
    Trainer trainer = new Trainer(model, new Trainer.Settings(AdamW.Settings.GPT,
        new CosineSchedule(1e-2, 1e-3, 5, 150), 1.0, 1));
    Random random = new Random(2);
    BatchSource periodic = new BatchSource() {
      @Override
      public Batch next() {
        int width = CONFIG.blockSize() + 1;
        int[] rows = new int[B * width];
        for (int r = 0; r < B; r++) {
          int start = random.nextInt(PERIOD.length);
          for (int i = 0; i < width; i++) {
            rows[r * width + i] = PERIOD[(start + i) % PERIOD.length];
          }
        }
        return new Batch(rows, Cursor.START);
      }

      @Override
      public void close() {
      }
    };
    double loss = Double.NaN;
    for (int i = 0; i < 150; i++) {
      loss = trainer.step(periodic).loss();
    }
    assertTrue(loss < 0.05, "the fixture must overfit, loss " + loss);
    trained = model;
  }

  private static Sampler sampler() {
    Gpt model = new Gpt(CONFIG, 1, CONFIG.blockSize(), DataType.FLOAT, 99);
    model.parameters().assign(trained.parameters());
    return new Sampler(model, CONFIG.vocabSize());
  }

  private static Sampler untrained() {
    return new Sampler(new Gpt(CONFIG, 1, CONFIG.blockSize(), DataType.FLOAT, 7), CONFIG.vocabSize());
  }

  @Test
  void anOverfitModelContinuesItsSequencePastTheBlockSize() {
    int[] prompt = {PERIOD[0], PERIOD[1], PERIOD[2]};
    int[] ids = sampler().generate(prompt, 30, 0.0, 1, 0);
    for (int i = 0; i < ids.length; i++) {
      assertEquals(PERIOD[(prompt.length + i) % PERIOD.length], ids[i], "token " + i + " of " + Arrays.toString(ids));
    }
  }

  @Test
  void lowTemperatureSamplingAlsoContinuesIt() {
    int[] ids = sampler().generate(new int[] {PERIOD[3]}, 10, 0.5, 5, 11);
    for (int i = 0; i < ids.length; i++) {
      assertEquals(PERIOD[(4 + i) % PERIOD.length], ids[i]);
    }
  }

  @Test
  void greedyGenerationIsDeterministicAndIgnoresTheSeed() {
    Sampler sampler = untrained();
    int[] prompt = {1, 2, 3};
    assertArrayEquals(sampler.generate(prompt, 12, 0.0, 64, 1), sampler.generate(prompt, 12, 0.0, 64, 2));
  }

  @Test
  void theSameSeedGivesTheSameSampleAndAnotherSeedAnother() {
    Sampler sampler = untrained();
    int[] prompt = {9};
    int[] a = sampler.generate(prompt, 20, 1.0, 64, 5);
    assertArrayEquals(a, sampler.generate(prompt, 20, 1.0, 64, 5));
    // An untrained model is near uniform over 64 ids: 20 equal draws by chance is ~0.
    assertFalse(Arrays.equals(a, sampler.generate(prompt, 20, 1.0, 64, 6)));
  }

  /**
   * Tokens recorded from the sampler before its decoder was rebuilt on the model's layers: a model
   * of random weights (×4, so its distributions are far from uniform) and fixed seeds, 40 tokens
   * each, so the window drops to half the block twice.
   */
  @Test
  void fixedSeedsSampleTheRecordedTokens() {
    GptConfig config = GptConfig.of(64, 16, 2, 2, 32, true);
    Gpt model = new Gpt(config, 1, 1, DataType.FLOAT, 21);
    model.parameters().muli(4);
    Sampler sampler = new Sampler(model, 64);
    int[] prompt = {3, 14, 15, 9, 26};
    assertArrayEquals(new int[] {52, 52, 33, 33, 33, 33, 33, 63, 63, 33, 8, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33,
        33, 33, 33, 33, 35, 33, 33, 33, 35, 35, 53, 53, 39, 31, 33, 62, 15, 45, 33},
        sampler.generate(prompt, 40, 0.0, 64, 0));
    assertArrayEquals(new int[] {28, 33, 33, 33, 53, 31, 9, 39, 33, 5, 15, 31, 47, 40, 17, 14, 38, 37, 47, 44, 39,
        33, 33, 46, 24, 63, 63, 49, 50, 63, 63, 33, 33, 33, 33, 59, 60, 13, 49, 3},
        sampler.generate(prompt, 40, 1.0, 64, 5));
    assertArrayEquals(new int[] {1, 33, 33, 33, 33, 33, 33, 53, 33, 50, 33, 33, 33, 45, 39, 15, 15, 63, 33, 63, 63,
        33, 45, 33, 13, 17, 40, 2, 44, 2, 33, 33, 33, 40, 63, 33, 40, 33, 40, 63},
        sampler.generate(prompt, 40, 0.8, 10, 6));
  }

  @Test
  void topKOneIsGreedy() {
    Sampler sampler = untrained();
    int[] prompt = {4, 4};
    assertArrayEquals(sampler.generate(prompt, 15, 0.0, 64, 0), sampler.generate(prompt, 15, 1.5, 1, 123));
  }

  @Test
  void topKKeepsOnlyTheMostLikelyIds() {
    double[] p = {0.1, 0.4, 0.05, 0.3, 0.15};
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      int id = NextToken.choose(p, p.length, 1.0, 2, random);
      assertTrue(id == 1 || id == 3, "top-2 drew " + id);
    }
  }

  @Test
  void onlyCandidateIdsAreGenerated() {
    int[] ids = untrained().limitedTo(10).generate(new int[] {1}, 40, 2.0, 64, 8);
    assertTrue(Arrays.stream(ids).allMatch(id -> id < 10), Arrays.toString(ids));
  }

  @Test
  void badInputsAreRefusedClearly() {
    Sampler sampler = untrained();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sampler.generate(new int[0], 5, 1.0, 5, 0))
        .getMessage().contains("prompt is empty"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sampler.generate(new int[] {1}, 5, 1.0, 0, 0))
        .getMessage().contains("top-k must be at least 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sampler.generate(new int[] {1, 64}, 5, 1.0, 5, 0))
        .getMessage().contains("prompt id 64 at position 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sampler.generate(new int[] {1}, 5, -1, 5, 0))
        .getMessage().contains("temperature"));
  }

  @Test
  void aCheckpointSamplesLikeTheModelItSaved() {
    Gpt model = new Gpt(CONFIG, B, CONFIG.blockSize(), DataType.FLOAT, 5);
    model.parameters().assign(trained.parameters());
    Trainer trainer = new Trainer(model, new Trainer.Settings(AdamW.Settings.GPT,
        new CosineSchedule(1e-2, 1e-3, 5, 150), 1.0, 1));
    Path checkpoint = TrainedRunFixture.stepCheckpoint(run, new CheckpointState(CheckpointState.VERSION, 150, 0,
        Cursor.START, 1, "00", CONFIG, Map.of()), trainer.arrays());
    int[] prompt = {PERIOD[2]};
    assertArrayEquals(sampler().generate(prompt, 10, 0.8, 3, 4), Sampler.load(TrainedCheckpoint.locate(checkpoint.toString(),
        new org.apache.hadoop.conf.Configuration()))
        .generate(prompt, 10, 0.8, 3, 4));
  }

  @Test
  void theCacheGivesTheTokensOfFullForwardsWithinAndPastTheBlockSize() {
    for (Sampler sampler : new Sampler[] {untrained(), sampler()}) {
      assertEquals(Decoding.KV_CACHE, sampler.decoding());
      Sampler reference = sampler.with(Decoding.FULL_CONTEXT);
      int[] prompt = {PERIOD[1], 7, 9};
      // 10 stays inside the block of 16; 45 drops the window to 8 tokens four times.
      for (int n : new int[] {10, 45}) {
        assertArrayEquals(reference.generate(prompt, n, 0.0, 64, 0), sampler.generate(prompt, n, 0.0, 64, 0));
        assertArrayEquals(reference.generate(prompt, n, 1.5, 1, 3), sampler.generate(prompt, n, 1.5, 1, 3));
        assertArrayEquals(reference.generate(prompt, n, 1.0, 64, 7), sampler.generate(prompt, n, 1.0, 64, 7));
      }
    }
  }

  @Test
  void aPromptLongerThanTheBlockIsCroppedToItsLastBlockInBothModes() {
    Sampler sampler = untrained();
    int[] longPrompt = new int[40];
    for (int i = 0; i < longPrompt.length; i++) {
      longPrompt[i] = (i * 7) % 64;
    }
    int[] lastBlock = Arrays.copyOfRange(longPrompt, 40 - 16, 40);
    int[] ids = sampler.generate(longPrompt, 12, 0.0, 64, 0);
    assertArrayEquals(sampler.generate(lastBlock, 12, 0.0, 64, 0), ids);
    assertArrayEquals(sampler.with(Decoding.FULL_CONTEXT).generate(longPrompt, 12, 0.0, 64, 0), ids);
  }

  @Test
  void aFullWindowDropsToHalfTheBlock() {
    assertEquals(8, Sampler.refillLength(16));
    assertEquals(1, Sampler.refillLength(1));
  }

  @Test
  void aModelOfSequenceLengthOneSamplesLikeOneOfTheBlockSizeInBothModes() {
    Gpt oneRow = new Gpt(CONFIG, 1, 1, DataType.FLOAT, 99);
    oneRow.parameters().assign(trained.parameters());
    Sampler small = new Sampler(oneRow, CONFIG.vocabSize());
    int[] prompt = {PERIOD[4], 2};
    int[] expected = sampler().with(Decoding.FULL_CONTEXT).generate(prompt, 30, 0.9, 5, 2);
    assertArrayEquals(expected, small.generate(prompt, 30, 0.9, 5, 2));
    assertArrayEquals(expected, small.with(Decoding.FULL_CONTEXT).generate(prompt, 30, 0.9, 5, 2));
    assertThrows(IllegalArgumentException.class, () -> new Sampler(new Gpt(CONFIG, 2, 1, DataType.FLOAT, 1), 64));
  }
}
