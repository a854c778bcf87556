package dev.pretrain.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.io.Sha256;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.bpe.TokenizerJsonReader;
import dev.pretrain.trainer.data.TokenShardFixture;
import dev.pretrain.trainer.report.TrainReport;
import dev.pretrain.trainer.report.TrainReportPage;
import dev.pretrain.trainer.sample.SampleJob;
import dev.pretrain.trainer.trained.TrainedRunFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text generated at checkpoints ({@code train.sample-prompts}) by a single-process run. */
class RunSamplesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  private static final List<String> PROMPTS = List.of("hello", " world hello");

  @TempDir
  static Path data;
  @TempDir
  static Path tiktokenData;
  @TempDir
  Path runs;

  private static Tokenizer tokenizer;

  /** A dataset carrying a copy of its byte-level BPE (261 ids), as tokenize writes one. */
  @BeforeAll
  static void writeDatasets() throws IOException {
    byte[] json = TrainedRunFixture.tokenizerJson();
    tokenizer = TokenizerJsonReader.parse(json, "tokenizer.json");
    Files.write(data.resolve("tokenizer.json"), json);
    TokenShardFixture.write(data, new Manifest.Tokenizer("tokenizer.json", Sha256.hex(json), tokenizer.vocabSize(),
        new TreeMap<>(Map.of(TrainedRunFixture.END_OF_TEXT, 0)), 0, "tokenizer.json"), 12, new int[] {5, 3, 4, 6},
        new int[] {4, 4});
    // A manifest naming a tiktoken vocabulary no tokenizer knows.
    TokenShardFixture.write(tiktokenData, 500, 12, new int[] {5}, new int[] {4});
  }

  /** TrainJobTest's small run with all three of its checkpoints (steps 2, 4 and 6) kept. */
  private static TrainJobTest.Config config(String... more) {
    List<String> sets = new ArrayList<>(List.of("train.keep-checkpoints=3"));
    sets.addAll(List.of(more));
    return TrainJobTest.config(sets.toArray(String[]::new));
  }

  private static TrainJobTest.Config sampling(String... more) {
    List<String> sets = new ArrayList<>(List.of("train.sample-prompts=[\"hello\", \" world hello\"]",
        "train.sample-tokens=5"));
    sets.addAll(List.of(more));
    return config(sets.toArray(String[]::new));
  }

  private static Path train(TrainJobTest.Config config, Path data, Path runDir, boolean resume, long stop) {
    return TrainJobTest.local(TrainJob.run(config.settings(), config.conf(), new Configuration(),
        data.toString(), runDir.toString(), resume, false, stop, QUIET));
  }

  private static Path train(TrainJobTest.Config config, Path runDir, boolean resume, long stop) {
    return train(config, data, runDir, resume, stop);
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static void deleteCheckpoint(Path run, String name) throws IOException {
    Path dir = run.resolve("checkpoints").resolve(name);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  @Test
  void everyCheckpointGetsALinePerPromptThatTheSampleCommandReproducesFromTheCheckpoint() throws IOException {
    Path run = runs.resolve("run");
    train(sampling("train.sample-temperature=0"), run, false, 6);

    List<JsonNode> samples = lines(run.resolve(TrainReport.SAMPLES));
    assertEquals(List.of(2L, 2L, 4L, 4L, 6L, 6L), samples.stream().map(s -> s.get("step").asLong()).toList());
    for (JsonNode line : samples) {
      assertEquals(List.of("step", "prompt", "text", "tokens"), fieldNames(line));
      String prompt = line.get("prompt").asText();
      assertEquals(PROMPTS.get(samples.indexOf(line) % 2), prompt);
      assertEquals(5, line.get("tokens").asInt());
      // pipeline sample: the checkpoint read back from disk, the tokenizer found through the run's dataset.
      Path checkpoint = run.resolve(String.format("checkpoints/step-%07d", line.get("step").asLong()));
      SampleJob.Sample greedy = SampleJob.run(checkpoint.toString(), null, prompt, 5, 0, 200, 99,
          new Configuration());
      assertEquals(tokenizer.decode(greedy.ids()), line.get("text").asText(), "step " + line.get("step"));
    }
    // The report, written after the samples of the last checkpoint, shows all of them.
    String html = Files.readString(run.resolve(TrainReportPage.FILE_NAME));
    // Each line is two snippets: the prompt and the text generated.
    assertEquals(2 * samples.size(), Jsoup.parse(html).getElementById("samples").select("pre.snippet").size());
  }

  private static List<String> fieldNames(JsonNode line) {
    List<String> names = new ArrayList<>();
    line.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void samplingLeavesTheWeightsOptimizerStateAndLossesAsWithoutIt() throws IOException {
    Path plain = runs.resolve("plain");
    Path sampled = runs.resolve("sampled");
    train(config(), plain, false, 6);
    // Random sampling (temperature 0.8, top-k 200) draws from its own generator only.
    train(sampling(), sampled, false, 6);

    for (String checkpoint : List.of("step-0000002", "step-0000004", "step-0000006")) {
      for (String file : List.of(Trainer.PARAMETERS_FILE, Trainer.FIRST_MOMENT_FILE, Trainer.SECOND_MOMENT_FILE)) {
        assertArrayEquals(Files.readAllBytes(plain.resolve("checkpoints").resolve(checkpoint).resolve(file)),
            Files.readAllBytes(sampled.resolve("checkpoints").resolve(checkpoint).resolve(file)), checkpoint + file);
      }
    }
    assertEquals(lossesOf(plain), lossesOf(sampled));
    List<JsonNode> samples = lines(sampled.resolve(TrainReport.SAMPLES));
    assertEquals(6, samples.size());
    // Sampled lines are reproducible too: pipeline sample with the reference.conf temperature, top-k and seed.
    JsonNode last = samples.get(5);
    SampleJob.Sample again = SampleJob.run(sampled.resolve("checkpoints/step-0000006").toString(), null,
        last.get("prompt").asText(), 5, 0.8, 200, 1337, new Configuration());
    assertEquals(tokenizer.decode(again.ids()), last.get("text").asText());
    assertFalse(Files.exists(plain.resolve(TrainReport.SAMPLES)), "no prompts, no samples.jsonl");
  }

  private static List<String> lossesOf(Path run) throws IOException {
    return lines(run.resolve(MetricsLog.FILE_NAME)).stream()
        .map(m -> m.get("step") + " " + m.get("loss") + " " + m.get("grad_norm") + " " + m.get("val_loss")).toList();
  }

  @Test
  void aResumedRunHasTheSamplesOfAnUninterruptedOneWithoutDuplicatesOrStaleLines() throws IOException {
    Path straight = runs.resolve("straight");
    train(sampling(), straight, false, 6);
    Path split = runs.resolve("split");
    train(sampling(), split, false, 4);
    train(sampling(), split, true, 6);
    assertEquals(Files.readString(straight.resolve(TrainReport.SAMPLES)),
        Files.readString(split.resolve(TrainReport.SAMPLES)));

    // Back to step 4 (as if step 6's checkpoint were lost): its samples go, and come back once, the same.
    deleteCheckpoint(split, "step-0000006");
    train(sampling(), split, true, 6);
    assertEquals(Files.readString(straight.resolve(TrainReport.SAMPLES)),
        Files.readString(split.resolve(TrainReport.SAMPLES)));

    // Resumed without prompts: the lines of steps it trains again are dropped all the same.
    deleteCheckpoint(split, "step-0000006");
    train(config(), split, true, 6);
    assertEquals(List.of(2L, 2L, 4L, 4L),
        lines(split.resolve(TrainReport.SAMPLES)).stream().map(s -> s.get("step").asLong()).toList());
  }

  @Test
  void promptsOnADatasetWhoseTokenizerCannotBeLoadedStopTheRunBeforeItStarts() {
    Path run = runs.resolve("no-tokenizer");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> train(sampling(), tiktokenData, run, false, 2));
    assertTrue(e.getMessage().startsWith("train.sample-prompts needs the dataset's tokenizer"), e.getMessage());
    assertFalse(Files.exists(run.resolve("checkpoints")), "nothing trained");
  }
}
