package dev.pretrain.trainer;

import dev.pretrain.common.output.OutputRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.CheckpointKind;
import dev.pretrain.trainer.checkpoint.CheckpointStore;
import dev.pretrain.trainer.data.TokenShardFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainJobTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @TempDir
  static Path data;
  @TempDir
  Path runs;

  @BeforeAll
  static void writeDataset() {
    TokenShardFixture.write(data, 500, 12, new int[] {5, 3, 4, 6}, new int[] {4, 4});
  }

  /** tiny-shaped but small: 2 layers of width 32, T=8, B=2, two micro-batches per step. */
  static TrainSettings settings(String... more) {
    return config(more).settings();
  }

  /** Settings and the train section they were read from, which a run keeps as its config.conf. */
  record Config(TrainSettings settings, String conf) {
    Path train(Path runDir, boolean resume, long stopAtStep) {
      return local(TrainJob.run(settings, conf, new Configuration(), data.toString(), runDir.toString(), resume,
          false, stopAtStep, QUIET));
    }
  }

  static Path local(org.apache.hadoop.fs.Path path) {
    return Path.of(path.toUri().getPath());
  }

  static CheckpointStore<CheckpointState> checkpoints(Path run, int keep) {
    return RunDirectory.existing(new org.apache.hadoop.fs.Path(run.toString()), new Configuration())
        .checkpoints(CheckpointKind.STEP, keep);
  }

  static CheckpointState readState(Path checkpoint) {
    return checkpoints(checkpoint.getParent().getParent(), 1)
        .readState(new org.apache.hadoop.fs.Path(checkpoint.toString()));
  }

  static Config config(String... more) {
    List<String> sets = new ArrayList<>(List.of("train.model.preset=custom", "train.model.custom.vocab-size=512",
        "train.model.custom.block-size=16", "train.model.custom.n-layer=2", "train.model.custom.n-head=2",
        "train.model.custom.n-embd=32", "train.block-size=8", "train.batch-size=2", "train.tokens-per-step=32",
        "train.lr=1e-2", "train.min-lr=1e-3", "train.warmup-steps=2", "train.max-steps=6", "train.eval-interval=4",
        "train.eval-rows=4", "train.checkpoint-interval=2", "train.keep-checkpoints=2", "train.log-interval=1"));
    sets.addAll(List.of(more));
    LoadedConfig loaded = ConfigLayers.load(Optional.empty(), sets, TrainSettings.SCHEMA);
    return new Config(read(loaded), loaded.render(TrainSettings.SCHEMA));
  }

  private static TrainSettings read(LoadedConfig loaded) {
    var reader = loaded.reader();
    TrainSettings settings = TrainSettings.read(reader);
    reader.finish();
    return settings;
  }

  private static List<JsonNode> metrics(Path run) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve(MetricsLog.FILE_NAME))) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void resumingGivesBitwiseTheParametersAndLossesOfAnUninterruptedRun() throws IOException {
    Config s = config();
    Path straight = runs.resolve("straight");
    Path last = s.train(straight, false, 6);
    Path split = runs.resolve("split");
    s.train(split, false, 3);
    // As if the process died after logging step 3 but before its checkpoint: resume from step 2.
    Path third = split.resolve("checkpoints/step-0000003");
    try (var files = Files.list(third)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(third);
    assertEquals(3, metrics(split).size());
    Path resumed = s.train(split, true, 6);

    CheckpointState a = readState(last);
    CheckpointState b = readState(resumed);
    assertEquals(6, b.step());
    assertEquals(a.files(), b.files(), "parameter and moment files have identical SHA-256");
    assertArrayEquals(Files.readAllBytes(last.resolve(Trainer.PARAMETERS_FILE)),
        Files.readAllBytes(resumed.resolve(Trainer.PARAMETERS_FILE)));
    assertEquals(a.cursor(), b.cursor());
    assertEquals(a.tokensSeen(), b.tokensSeen());
    List<Double> straightLosses = metrics(straight).stream().map(n -> n.get("loss").asDouble()).toList();
    List<Double> splitLosses = metrics(split).stream().map(n -> n.get("loss").asDouble()).toList();
    assertEquals(straightLosses, splitLosses);
  }

  @Test
  void theRunsConfigConfAloneResumesItToTheWeightsOfAnUninterruptedRun() throws IOException {
    Config s = config("train.lr=5e-3", "train.seed=7", "train.weight-decay=0.05");
    Path last = s.train(runs.resolve("straight-conf"), false, 6);
    Path split = runs.resolve("split-conf");
    s.train(split, false, 4);

    // What train --resume does: the run's config.conf is the only layer over the defaults here.
    String kept = Files.readString(split.resolve(RunConfig.SETTINGS_FILE));
    LoadedConfig loaded = ConfigLayers.load(Optional.empty(), List.of(), TrainSettings.SCHEMA,
        Optional.of(new ConfigSource(RunConfig.SETTINGS_FILE, kept)));
    TrainSettings read = read(loaded);
    assertEquals(s.settings(), read);
    Path resumed = local(TrainJob.run(read, loaded.render(TrainSettings.SCHEMA), new Configuration(),
        data.toString(), split.toString(), true, false, 6, QUIET));

    assertArrayEquals(Files.readAllBytes(last.resolve(Trainer.PARAMETERS_FILE)),
        Files.readAllBytes(resumed.resolve(Trainer.PARAMETERS_FILE)));
    assertEquals(Optional.of(new RunConfig(data.toString(), 1)), RunConfig.read(split.toString(), new Configuration()));
    // The same file is a --conf file: the user's layer, its keys checked like any other.
    LoadedConfig asConf = ConfigLayers.load(Optional.of(new ConfigSource("config.conf", kept)), List.of(),
        TrainSettings.SCHEMA);
    asConf.requireKnownKeys();
    assertEquals(s.settings(), read(asConf));
  }

  @Test
  void metricsHaveOneLinePerLoggedStepWithTheFields() throws IOException {
    Path run = runs.resolve("run");
    config("train.log-interval=2").train(run, false, 6);
    List<JsonNode> lines = metrics(run);
    assertEquals(List.of(1L, 2L, 4L, 6L), lines.stream().map(n -> n.get("step").asLong()).toList());
    for (JsonNode line : lines) {
      for (String field : List.of("loss", "lr", "grad_norm", "tokens_per_sec", "mfu")) {
        assertTrue(line.get(field).isNumber(), field + " in " + line);
      }
    }
    assertTrue(lines.get(2).has("val_loss") && lines.get(3).has("val_loss"), "evaluated at 4 and at the end");
    assertTrue(!lines.get(0).has("val_loss") && !lines.get(1).has("val_loss"));
    assertTrue(Files.isRegularFile(run.resolve(RunConfig.FILE)));
    assertTrue(Files.isRegularFile(run.resolve(RunConfig.SETTINGS_FILE)));
    assertEquals(List.of(run.resolve("checkpoints/step-0000004"), run.resolve("checkpoints/step-0000006")),
        checkpoints(run, 2).list().stream().map(TrainJobTest::local).toList());
    // report.html, rewritten at the last checkpoint, draws every logged line's loss.
    var specs = org.jsoup.Jsoup.parse(run.resolve("report.html").toFile()).select("script[data-chart]");
    JsonNode loss = JSON.readTree(specs.get(0).data()).at("/data/values");
    assertEquals(lines.size(), loss.size());
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(lines.get(i).get("loss").asDouble(), loss.get(i).get("loss").asDouble());
    }
  }

  @Test
  void aModelVocabularySmallerThanTheTokenizersIsAClearError() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> config("train.model.custom.vocab-size=400").train(runs.resolve("r"), false, 1));
    assertTrue(e.getMessage().contains("vocab_size 500 but the model's vocabulary is 400"), e.getMessage());
  }

  @Test
  void startingOverAnExistingRunOrResumingNothingIsRefused() {
    Path run = runs.resolve("twice");
    assertThrows(OutputRefused.class, () -> config().train(run, true, 1));
    config().train(run, false, 1);
    var e = assertThrows(OutputRefused.class, () -> config().train(run, false, 1));
    assertTrue(e.getMessage().contains("already holds checkpoints"), e.getMessage());
  }

  @Test
  void aMemoryCeilingThatCanNoLongerTakeEffectStopsTheRunBeforeItStarts() {
    long other = org.bytedeco.javacpp.Pointer.maxPhysicalBytes() + (1L << 20);
    Path run = runs.resolve("ceiling");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> config("train.memory.max-physical-bytes=" + other).train(run, false, 6));
    assertTrue(e.getMessage().contains("train.memory.max-physical-bytes"), e.getMessage());
    assertTrue(Files.notExists(run), "nothing written");
  }
}
