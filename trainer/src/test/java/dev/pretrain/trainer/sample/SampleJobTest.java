package dev.pretrain.trainer.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.Checkpoints;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.data.TokenShardFixture;
import dev.pretrain.trainer.model.GptConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SampleJobTest {

  /** GPT-2's vocabulary, so r50k_base fits; narrow and short to stay fast. */
  private static final GptConfig CONFIG = GptConfig.of(50257, 8, 1, 1, 8, true);

  @TempDir
  Path run;

  private Path checkpoint() {
    var params = Nd4j.rand(DataType.FLOAT, CONFIG.parameterCount()).subi(0.5);
    return new Checkpoints(run, 1).write(new CheckpointState(CheckpointState.VERSION, 1, 0, Cursor.START, 1, "00",
        CONFIG, Map.of()), Map.of(Trainer.PARAMETERS_FILE, params));
  }

  @Test
  void anExplicitTokenizerEncodesThePromptAndDecodesPromptAndContinuation() {
    Path checkpoint = checkpoint();
    SampleJob.Sample sample = SampleJob.run(checkpoint.toString(), "tiktoken:r50k_base", "Hello world", 5, 1.0, 200, 3);
    assertArrayEquals(new int[] {15496, 995}, sample.promptIds(), "GPT-2's ids of 'Hello world'");
    assertEquals(5, sample.ids().length);
    assertTrue(sample.text().startsWith("Hello world"), sample.text());
    assertArrayEquals(sample.ids(),
        SampleJob.run(checkpoint.toString(), "tiktoken:r50k_base", "Hello world", 5, 1.0, 200, 3).ids());
  }

  @Test
  void withoutATokenizerOrARunConfigItSaysToPassOne() {
    Path checkpoint = checkpoint();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleJob.run(checkpoint.toString(), null, "Hi", 3, 0, 1, 0));
    assertTrue(e.getMessage().contains("pass the tokenizer"), e.getMessage());
  }

  @Test
  void aTokenizerOtherThanTheDatasetsIsRefused() throws Exception {
    Path data = run.resolve("data");
    TokenShardFixture.write(data, 512, 8, new int[] {4}, new int[] {2});
    Files.writeString(run.resolve("config.json"), "{\"data\": \"" + data + "\"}");
    Path checkpoint = checkpoint();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleJob.run(checkpoint.toString(), "tiktoken:r50k_base", "Hi", 3, 0, 1, 0));
    assertTrue(e.getMessage().contains("the run's dataset was tokenized with tiktoken:test"), e.getMessage());
  }

  @Test
  void anEmptyPromptIsRefused() {
    Path checkpoint = checkpoint();
    assertThrows(IllegalArgumentException.class,
        () -> SampleJob.run(checkpoint.toString(), "tiktoken:r50k_base", "", 3, 0, 1, 0));
  }
}
