package dev.pretrain.trainer.distributed;

import dev.pretrain.common.output.OutputRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.trainer.RunConfig;
import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.data.TokenShardFixture;
import dev.pretrain.trainer.report.TrainReport;
import dev.pretrain.trainer.sample.SampleJob;
import dev.pretrain.trainer.trained.TrainedRunFixture;
import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.bpe.TokenizerJsonReader;
import dev.pretrain.common.io.Sha256;
import dev.pretrain.common.shards.Manifest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DilocoJobTest {

  @TempDir
  static Path data;
  @TempDir
  Path runs;

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    DilocoFixture.writeData(data);
    spark = DilocoFixture.spark(DilocoJobTest.class);
  }

  @AfterAll
  static void stop() {
    DilocoFixture.stop(spark);
  }

  @Test
  void resumingWithAnotherWorkerCountIsRefused() {
    InnerTraining inner = DilocoFixture.inner(2, 2);
    DilocoSettings diloco = DilocoFixture.diloco(2, OuterRule.NESTEROV, 1);
    Path dir = runs.resolve("w");
    DilocoFixture.run(spark, inner, diloco, DilocoFixture.slices(data, inner, 2), dir, new int[0]).run(1, false, false);
    DilocoRun three = new DilocoRun(JavaSparkContext.fromSparkContext(spark.sparkContext()),
        inner, diloco, 3, DilocoFixture.slices(data, inner, 3), new HadoopConf(new Configuration()),
        new DilocoRun.Persistence(dir.toString(), "manifest-sha", 3), new int[0], DilocoFixture.QUIET);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> three.run(2, true, false));
    assertTrue(e.getMessage().contains("2 workers"), e.getMessage());
    OutputRefused again = assertThrows(OutputRefused.class,
        () -> DilocoFixture.run(spark, inner, diloco, DilocoFixture.slices(data, inner, 2), dir, new int[0])
            .run(2, false, false));
    assertTrue(again.getMessage().contains("already holds round checkpoints"), again.getMessage());
  }

  @Test
  void theJobTrainsFromTheConfigIntoARunDirectory() throws IOException {
    List<String> sets = List.of("train.model.preset=custom", "train.model.custom.vocab-size=512",
        "train.model.custom.block-size=16", "train.model.custom.n-layer=2", "train.model.custom.n-head=2",
        "train.model.custom.n-embd=32", "train.block-size=8", "train.batch-size=2", "train.tokens-per-step=16",
        "train.warmup-steps=1", "train.max-steps=3", "train.eval-rows=4", "train.keep-checkpoints=1",
        "train.diloco.inner-steps=2", "train.diloco.checkpoint-interval=2");
    LoadedConfig loaded = ConfigLayers.load(Optional.empty(), sets, TrainSettings.SCHEMA);
    SettingsReader reader = loaded.reader();
    TrainSettings train = TrainSettings.read(reader);
    DilocoSettings diloco = DilocoSettings.read(reader);
    reader.finish();
    Path dir = runs.resolve("job");

    Optional<org.apache.hadoop.fs.Path> last = DilocoJob.run(spark, train, diloco, loaded.render(TrainSettings.SCHEMA),
        2, data.toString(), dir.toString(), false, false, DilocoFixture.QUIET);

    // 3 steps are 2 whole rounds of 2; a checkpoint after the last round.
    assertEquals("round-0000002", last.orElseThrow().getName());
    assertEquals(2, Files.readAllLines(dir.resolve(dev.pretrain.trainer.MetricsLog.FILE_NAME)).size());
    assertEquals(Optional.of(new RunConfig(data.toString(), 2)), RunConfig.read(dir.toString(), new Configuration()));
    RoundState state = RunDirectory.existing(new org.apache.hadoop.fs.Path(dir.toString()), new Configuration())
        .checkpoints(RoundState.KIND, 1).readState(
        new org.apache.hadoop.fs.Path(last.get().toUri()));
    assertEquals(2 * 2 * 2 * 16, state.tokensSeen());

    // The run's config.conf holds both sections; with one more step it resumes into a third round.
    String kept = RunConfig.readSettings(dir.toString(), new Configuration()).orElseThrow();
    LoadedConfig again = ConfigLayers.load(Optional.empty(), List.of("train.max-steps=5"), TrainSettings.SCHEMA,
        Optional.of(new ConfigSource(RunConfig.SETTINGS_FILE, kept)));
    SettingsReader r = again.reader();
    TrainSettings trainAgain = TrainSettings.read(r);
    assertEquals(diloco, DilocoSettings.read(r));
    r.finish();
    assertEquals(5, trainAgain.maxSteps());
    Optional<org.apache.hadoop.fs.Path> third = DilocoJob.run(spark, trainAgain, diloco,
        again.render(TrainSettings.SCHEMA), 2, data.toString(), dir.toString(), true, false, DilocoFixture.QUIET);
    assertEquals("round-0000003", third.orElseThrow().getName());
    assertEquals(5, com.typesafe.config.ConfigFactory.parseString(RunConfig.readSettings(dir.toString(),
        new Configuration()).orElseThrow()).getInt("train.max-steps"), "the run keeps the settings it continued with");

    // A resume that is refused leaves the run's record as it was.
    assertThrows(IllegalArgumentException.class, () -> DilocoJob.run(spark, trainAgain, diloco, "train {}", 3,
        data.toString(), dir.toString(), true, false, DilocoFixture.QUIET));
    assertEquals(Optional.of(new RunConfig(data.toString(), 2)), RunConfig.read(dir.toString(), new Configuration()));
  }

  @Test
  void eachRoundCheckpointIsFollowedBySamplesThatTheSampleCommandReproduces(@TempDir Path bpeData) throws IOException {
    byte[] json = TrainedRunFixture.tokenizerJson();
    Tokenizer tokenizer = TokenizerJsonReader.parse(json, "tokenizer.json");
    Files.write(bpeData.resolve("tokenizer.json"), json);
    TokenShardFixture.write(bpeData, new Manifest.Tokenizer("tokenizer.json", Sha256.hex(json), tokenizer.vocabSize(),
        new TreeMap<>(Map.of(TrainedRunFixture.END_OF_TEXT, 0)), 0, "tokenizer.json"), 12, new int[] {5, 3, 4, 6},
        new int[] {4, 4});
    LoadedConfig loaded = ConfigLayers.load(Optional.empty(), List.of("train.model.preset=custom",
        "train.model.custom.vocab-size=512", "train.model.custom.block-size=16", "train.model.custom.n-layer=2",
        "train.model.custom.n-head=2", "train.model.custom.n-embd=32", "train.block-size=8", "train.batch-size=2",
        "train.tokens-per-step=16", "train.warmup-steps=1", "train.max-steps=4", "train.eval-rows=4",
        "train.keep-checkpoints=2", "train.diloco.inner-steps=2", "train.sample-prompts=[\"hello\"]",
        "train.sample-tokens=4", "train.sample-temperature=0"), TrainSettings.SCHEMA);
    SettingsReader reader = loaded.reader();
    TrainSettings train = TrainSettings.read(reader);
    DilocoSettings diloco = DilocoSettings.read(reader);
    reader.finish();
    Path dir = runs.resolve("sampled");

    DilocoJob.run(spark, train, diloco, loaded.render(TrainSettings.SCHEMA), 2, bpeData.toString(), dir.toString(),
        false, false, DilocoFixture.QUIET);

    List<String> lines = Files.readAllLines(dir.resolve(TrainReport.SAMPLES));
    assertEquals(2, lines.size(), "one prompt after each of 2 round checkpoints");
    for (int round = 1; round <= 2; round++) {
      JsonNode line = new ObjectMapper().readTree(lines.get(round - 1));
      assertEquals(round * 2L, line.get("step").asLong(), "rounds × inner steps");
      SampleJob.Sample greedy = SampleJob.run(dir.resolve(String.format("checkpoints/round-%07d", round)).toString(),
          null, "hello", 4, 0, 1, 0, new Configuration());
      assertEquals(tokenizer.decode(greedy.ids()), line.get("text").asText());
    }
  }

  @Test
  void dynamicAllocationIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DilocoJob.requireStaticAllocation(new SparkConf().set("spark.dynamicAllocation.enabled", "true")));
    assertTrue(e.getMessage().contains("spark.dynamicAllocation.enabled=false"), e.getMessage());
    DilocoJob.requireStaticAllocation(new SparkConf());
  }

}
