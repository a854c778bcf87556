package dev.pretrain.trainer.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.tokenize.bpe.TokenizerJsonReader;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.data.TokenShardFixture;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.trained.TrainedRunFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SampleJobTest {

  /** GPT-2's vocabulary, so r50k_base fits; narrow and short to stay fast. */
  private static final GptConfig CONFIG = GptConfig.of(50257, 8, 1, 1, 8, true);

  /** The job's Hadoop configuration: local files only here. */
  private static final Configuration LOCAL = new Configuration();

  @TempDir
  Path run;

  private Path checkpoint() {
    var params = Nd4j.rand(DataType.FLOAT, CONFIG.parameterCount()).subi(0.5);
    return TrainedRunFixture.stepCheckpoint(run, new CheckpointState(CheckpointState.VERSION, 1, 0, Cursor.START, 1, "00",
        CONFIG, Map.of()), Map.of(Trainer.PARAMETERS_FILE, params));
  }

  @Test
  void anExplicitTokenizerEncodesThePromptAndDecodesPromptAndContinuation() {
    Path checkpoint = checkpoint();
    SampleJob.Sample sample = SampleJob.run(checkpoint.toString(), "tiktoken:r50k_base", "Hello world", 5, 1.0, 200, 3, LOCAL);
    assertArrayEquals(new int[] {15496, 995}, sample.promptIds(), "GPT-2's ids of 'Hello world'");
    assertEquals(5, sample.ids().length);
    assertTrue(sample.text().startsWith("Hello world"), sample.text());
    assertArrayEquals(sample.ids(),
        SampleJob.run(checkpoint.toString(), "tiktoken:r50k_base", "Hello world", 5, 1.0, 200, 3, LOCAL).ids());
  }

  @Test
  void withoutATokenizerOrARunConfigItSaysToPassOne() {
    Path checkpoint = checkpoint();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleJob.run(checkpoint.toString(), null, "Hi", 3, 0, 1, 0, LOCAL));
    assertTrue(e.getMessage().contains("has no config.json naming its dataset"), e.getMessage());
    assertTrue(e.getMessage().contains("pass the tokenizer with --tokenizer"), e.getMessage());
  }

  @Test
  void aTokenizerOtherThanTheDatasetsIsRefused() throws Exception {
    Path data = run.resolve("data");
    TokenShardFixture.write(data, 512, 8, new int[] {4}, new int[] {2});
    Files.writeString(run.resolve("config.json"), "{\"data\": \"" + data + "\"}");
    Path checkpoint = checkpoint();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleJob.run(checkpoint.toString(), "tiktoken:r50k_base", "Hi", 3, 0, 1, 0, LOCAL));
    assertTrue(e.getMessage().contains("the run's dataset was tokenized with tiktoken:test"), e.getMessage());
  }

  /** A model over {@link TrainedRunFixture#tokenizerJson()}'s 261 ids. */
  private static final GptConfig SMALL = GptConfig.of(261, 8, 1, 1, 8, true);

  private Path smallRun(Path data) {
    TrainedRunFixture.runOn(run, data, 1);
    return TrainedRunFixture.stepCheckpoint(run, SMALL,
        Nd4j.rand(DataType.FLOAT, SMALL.parameterCount()).subi(0.5), 5);
  }

  @Test
  void withoutATokenizerTheCopyTheRunsDatasetCarriesIsUsed() throws Exception {
    byte[] json = TrainedRunFixture.tokenizerJson();
    Path data = run.resolve("data");
    TrainedRunFixture.datasetWithTokenizer(data, json, true);
    Path checkpoint = smallRun(data);

    SampleJob.Sample found = SampleJob.run(run.toString(), null, "hello world", 6, 1.0, 50, 3, LOCAL);
    Path elsewhere = Files.write(run.resolve("elsewhere.json"), json);
    SampleJob.Sample given = SampleJob.run(checkpoint.toString(), elsewhere.toString(), "hello world", 6, 1.0, 50, 3, LOCAL);
    assertArrayEquals(TokenizerJsonReader.parse(json, "t").encode("hello world"), found.promptIds());
    assertArrayEquals(given.ids(), found.ids(), "the run directory samples its newest checkpoint");
    assertEquals(given.text(), found.text());
    assertTrue(found.text().startsWith("hello world"), found.text());
  }

  @Test
  void aDatasetWrittenBeforeTokenizerCopiesSaysToPassTheTokenizer() {
    Path data = run.resolve("old-data");
    TrainedRunFixture.datasetWithTokenizer(data, TrainedRunFixture.tokenizerJson(), false);
    smallRun(data);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleJob.run(run.toString(), null, "Hi", 3, 0, 1, 0, LOCAL));
    assertTrue(e.getMessage().contains("before datasets carried a copy of their tokenizer; pass that tokenizer.json"
        + " with --tokenizer"), e.getMessage());
  }

  @Test
  void aCopyThatIsNotTheDatasetsTokenizerIsRefused() throws Exception {
    Path data = run.resolve("data");
    TrainedRunFixture.datasetWithTokenizer(data, TrainedRunFixture.tokenizerJson(), true);
    Files.writeString(data.resolve("tokenizer.json"), "{}");
    smallRun(data);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleJob.run(run.toString(), null, "Hi", 3, 0, 1, 0, LOCAL));
    assertTrue(e.getMessage().contains("it is not the tokenizer the dataset was tokenized with"), e.getMessage());
  }

  @Test
  void anEmptyPromptIsRefused() {
    Path checkpoint = checkpoint();
    assertThrows(IllegalArgumentException.class,
        () -> SampleJob.run(checkpoint.toString(), "tiktoken:r50k_base", "", 3, 0, 1, 0, LOCAL));
  }
}
