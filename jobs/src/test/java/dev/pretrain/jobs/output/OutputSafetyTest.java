package dev.pretrain.jobs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.output.OutputDirectory;
import dev.pretrain.common.output.OutputRefused;
import dev.pretrain.common.testing.DirectoryDigest;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.job.CurateJob;
import dev.pretrain.jobs.Pipeline;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.refresh.RefreshJob;
import dev.pretrain.jobs.refresh.RefreshSettings;
import dev.pretrain.tokenize.job.TrainTokenizerJob;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import dev.pretrain.tokenize.shards.TokenizeJob;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import dev.pretrain.trainer.TrainJob;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.export.ExportJob;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every job that writes an output directory, pointed where it could destroy data: at its input, at
 * the input's parent, at a directory someone else filled, and at the leftovers of its own
 * interrupted run. The first three are refused before anything is written, the last is cleared and
 * rerun; the input's bytes (and the foreign files) are the same afterwards.
 */
class OutputSafetyTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  private static SparkSession spark;
  private static LoadedConfig config;
  private static CurateSettings curate;
  private static TokenizeSettings tokenize;
  private static TrainTokenizerSettings trainTokenizer;
  private static TrainSettings train;
  private static RefreshSettings refresh;

  @TempDir static Path tmp;
  private static Path raw;
  private static Path curated;
  private static Path tokenizer;
  private static Path shards;
  private static Path checkpoint;

  /** A job that writes one output directory from one input directory. */
  interface Writer {
    void to(String output) throws Exception;
  }

  record Job(String name, Path input, Writer writer) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void chain() throws Exception {
    spark = LocalSpark.start(OutputSafetyTest.class);
    config = ConfigLayers.load(Optional.empty(), List.of("train-tokenizer.vocab-size=300", "tokenize.seq-len=16",
            "tokenize.rows-per-shard=64", "tokenize.rows-per-row-group=64", "tokenize.val-fraction=0.3",
            "refresh.train-tokenizer=true",
            "train.model.preset=custom", "train.model.custom.vocab-size=320", "train.model.custom.block-size=16",
            "train.model.custom.n-layer=1", "train.model.custom.n-head=2", "train.model.custom.n-embd=16",
            "train.block-size=16", "train.batch-size=2", "train.tokens-per-step=32", "train.max-steps=1", "train.warmup-steps=0",
            "train.eval-rows=2", "train.checkpoint-interval=1"),
        CurateSettings.SCHEMA.plus(TrainTokenizerSettings.SCHEMA).plus(TokenizeSettings.SCHEMA)
            .plus(TrainSettings.SCHEMA).plus(RefreshSettings.SCHEMA));
    SettingsReader r = config.reader();
    curate = CurateSettings.read(r);
    trainTokenizer = TrainTokenizerSettings.read(r);
    tokenize = TokenizeSettings.read(r);
    train = TrainSettings.read(r);
    refresh = RefreshSettings.read(r);
    r.finish();

    raw = Files.createDirectories(tmp.resolve("data/raw"));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(Path.of("sample/corpus/brown.jsonl.gz"))), StandardCharsets.UTF_8))) {
      Files.write(raw.resolve("brown.jsonl"), in.lines().limit(30).toList());
    }
    curated = tmp.resolve("data/curated");
    new CurateJob(spark, curate).run(List.of(raw.toString()), curated.toString(), false);
    tokenizer = tmp.resolve("data/tokenizer.json");
    TrainTokenizerJob.run(spark, trainTokenizer, curated.toString(), tokenizer.toString(), false);
    tokenize = tokenize.withTokenizer(tokenizer.toString());
    shards = tmp.resolve("data/shards");
    TokenizeJob.run(spark, tokenize, curated.toString(), shards.toString());
    checkpoint = Path.of(TrainJob.run(train, config.render(TrainSettings.SCHEMA),
        new org.apache.hadoop.conf.Configuration(), shards.toString(), tmp.resolve("data/run").toString(), false,
        false, 1, QUIET).toUri().getPath());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static Stream<Job> jobs() {
    return Stream.of(
        new Job("curate", raw, out -> new CurateJob(spark, curate)
            .run(List.of(raw.toString()), out, false)),
        new Job("tokenize", curated, out -> TokenizeJob.run(spark, tokenize, curated.toString(), out)),
        new Job("train", shards, out -> TrainJob.run(train, config.render(TrainSettings.SCHEMA),
            new org.apache.hadoop.conf.Configuration(), shards.toString(), out,
            false, false, 1, QUIET)),
        new Job("export", checkpoint, out -> ExportJob.run(checkpoint.toString(), out, false,
            new org.apache.hadoop.conf.Configuration())),
        new Job("refresh", raw, out -> new RefreshJob(spark, curate, trainTokenizer, tokenize, refresh).run(out, List.of(raw.toString()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobs")
  void refusesItsOwnInput(Job job) throws Exception {
    Map<String, String> before = DirectoryDigest.of(job.input());
    OutputRefused e = assertThrows(OutputRefused.class, () -> job.writer().to(job.input().toString()));
    assertTrue(e.getMessage().contains("is the input " + job.input() + " itself"), e.getMessage());
    assertEquals(before, DirectoryDigest.of(job.input()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobs")
  void refusesTheInputsParent(Job job) throws Exception {
    Path parent = job.input().getParent();
    Map<String, String> before = DirectoryDigest.of(parent);
    OutputRefused e = assertThrows(OutputRefused.class, () -> job.writer().to(parent.toString()));
    assertTrue(e.getMessage().contains("contains the input " + job.input()), e.getMessage());
    assertEquals(before, DirectoryDigest.of(parent));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobs")
  void refusesADirectoryItDidNotWrite(Job job) throws Exception {
    Path foreign = Files.createDirectories(tmp.resolve("foreign-" + job.name()));
    Files.writeString(foreign.resolve("notes.txt"), "someone's notes");
    Files.createDirectories(foreign.resolve("documents"));
    Files.writeString(foreign.resolve("documents/part-0.parquet"), "someone's data");
    Map<String, String> before = DirectoryDigest.of(foreign);
    Map<String, String> input = DirectoryDigest.of(job.input());
    OutputRefused e = assertThrows(OutputRefused.class, () -> job.writer().to(foreign.toString()));
    assertTrue(e.getMessage().contains("is not an output of the pipeline's"), e.getMessage());
    assertEquals(before, DirectoryDigest.of(foreign));
    assertEquals(input, DirectoryDigest.of(job.input()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobs")
  void clearsItsInterruptedRunsLeftoversAndRunsAgain(Job job) throws Exception {
    Path out = tmp.resolve("interrupted-" + job.name());
    job.writer().to(out.toString());
    Map<String, String> input = DirectoryDigest.of(job.input());
    interrupt(job.name(), out);
    Files.writeString(out.resolve("notes.txt"), "added by hand");

    job.writer().to(out.toString());
    assertFalse(Files.exists(out.resolve("_staging-dead")), "the dead run's staging is cleared");
    assertEquals("added by hand", Files.readString(out.resolve("notes.txt")), "entries it does not write stay");
    assertEquals(input, DirectoryDigest.of(job.input()));
  }

  /** Leaves {@code out} as a run of {@code job} killed half-way would: no _SUCCESS, staging, a pointer not moved. */
  private static void interrupt(String job, Path out) throws IOException {
    switch (job) {
      case "train" -> deleteTree(out.resolve("checkpoints"));
      case "refresh" -> Files.delete(out.resolve("CURRENT"));
      default -> {
        Files.delete(out.resolve(OutputDirectory.SUCCESS));
        Files.createDirectories(out.resolve("_staging-dead/part"));
      }
    }
  }

  @Test
  void trainTokenizerReplacesOnlyATokenizerAndOnlyWhenAsked() throws Exception {
    Map<String, String> before = DirectoryDigest.of(curated);
    OutputRefused inside = assertThrows(OutputRefused.class, () -> TrainTokenizerJob.run(spark, trainTokenizer,
        curated.toString(), curated.resolve("tokenizer.json").toString(), true));
    assertTrue(inside.getMessage().contains("lies inside the input"), inside.getMessage());
    assertThrows(OutputRefused.class,
        () -> TrainTokenizerJob.run(spark, trainTokenizer, curated.toString(), curated.toString(), true));

    Path other = Files.writeString(tmp.resolve("notes.json"), "{\"mine\": true}");
    OutputRefused notTokenizer = assertThrows(OutputRefused.class,
        () -> TrainTokenizerJob.run(spark, trainTokenizer, curated.toString(), other.toString(), true));
    assertTrue(notTokenizer.getMessage().contains("is not a tokenizer.json"), notTokenizer.getMessage());
    assertEquals("{\"mine\": true}", Files.readString(other));

    Path existing = tmp.resolve("again/tokenizer.json");
    Files.createDirectories(existing.getParent());
    Files.copy(tokenizer, existing);
    OutputRefused exists = assertThrows(OutputRefused.class,
        () -> TrainTokenizerJob.run(spark, trainTokenizer, curated.toString(), existing.toString(), false));
    assertTrue(exists.getMessage().contains("already exists; pass --overwrite"), exists.getMessage());
    TrainTokenizerJob.run(spark, trainTokenizer, curated.toString(), existing.toString(), true);
    assertEquals(Files.readString(tokenizer), Files.readString(existing));
    assertEquals(before, DirectoryDigest.of(curated));
  }

  /** quickstart refuses before its Spark session starts; its interrupted leftovers are QuickstartCommandTest's. */
  @Test
  void quickstartRefusesItsInputItsParentAndAForeignDirectory() throws Exception {
    Path foreign = Files.createDirectories(tmp.resolve("foreign-quickstart"));
    Files.writeString(foreign.resolve("notes.txt"), "someone's notes");
    Map<String, String> before = DirectoryDigest.of(raw.getParent());
    Map<String, String> foreignBefore = DirectoryDigest.of(foreign);
    for (Path output : List.of(raw, raw.getParent(), foreign)) {
      StringWriter err = new StringWriter();
      int code = Pipeline.execute(new String[] {"quickstart", "--input", raw.toString(), "--output",
          output.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
      assertEquals(ExitCode.USAGE, code, err.toString());
      assertTrue(err.toString().startsWith("quickstart: output ") && err.toString().contains(output.toString()),
          err.toString());
    }
    assertEquals(before, DirectoryDigest.of(raw.getParent()));
    assertEquals(foreignBefore, DirectoryDigest.of(foreign));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
