package dev.pretrain.jobs.quickstart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.output.OutputDirectory;
import dev.pretrain.common.testing.DirectoryDigest;
import dev.pretrain.dedup.job.CurateJob;
import dev.pretrain.jobs.Pipeline;
import dev.pretrain.jobs.cli.ExitCode;
import dev.pretrain.jobs.submit.ShellWords;
import dev.pretrain.tokenize.shards.TokenizeJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs quickstart on the bundled sample corpus once, as the README's main command does, then what a
 * person does next: the commands its summary prints, run as printed.
 */
class QuickstartCommandTest {
  private static final Path SAMPLE = Path.of("sample/corpus").toAbsolutePath();
  /** Fewer steps than the quickstart's 300 keep the suite fast; the chain is the same. */
  private static final int STEPS = 40;

  @TempDir
  static Path dir;
  private static Path out;
  private static String printed;

  /** One command line's exit code and output. */
  private record Run(int code, String out, String err) {
    static Run of(List<String> args) {
      StringWriter stdout = new StringWriter();
      StringWriter stderr = new StringWriter();
      int code = Pipeline.execute(args.toArray(String[]::new), new PrintWriter(stdout, true),
          new PrintWriter(stderr, true));
      return new Run(code, stdout.toString(), stderr.toString());
    }
  }

  private static Map<String, String> sampleBefore;

  /** Runs quickstart over the leftovers of an interrupted earlier quickstart, as a person rerunning it would. */
  @BeforeAll
  static void quickstart() throws IOException {
    out = dir.resolve("quickstart-out");
    interruptedQuickstart(out);
    sampleBefore = DirectoryDigest.of(SAMPLE);
    Run run = Run.of(List.of("quickstart", "--input", SAMPLE.toString(), "--output", out.toString(),
        "--set", "spark.local-master=local[2]", "--set", "spark.console-progress=false",
        "--set", "train.max-steps=" + STEPS));
    printed = run.out();
    assertEquals(ExitCode.OK, run.code(), printed + run.err());
  }

  /** An earlier quickstart stopped during tokenize: its marker, a curate output and tokenize's staged debris. */
  private static void interruptedQuickstart(Path root) throws IOException {
    Configuration hadoop = new Configuration();
    org.apache.hadoop.fs.Path rootPath = new org.apache.hadoop.fs.Path(root.toUri());
    OutputDirectory.adopt(rootPath.getFileSystem(hadoop), rootPath, QuickstartCommand.LAYOUT);
    AtomicOutput curated = AtomicOutput.begin(root.resolve(CurateStep.OUTPUT).toString(), CurateJob.LAYOUT,
        List.of(), false, hadoop);
    curated.writeStagedText("report.json", "{\"from\": \"the interrupted run\"}");
    curated.commit(List.of("report.json"));
    AtomicOutput shards = AtomicOutput.begin(root.resolve(TokenizeStep.OUTPUT).toString(), TokenizeJob.LAYOUT,
        List.of(), false, hadoop);
    shards.writeStagedText("manifest.json", "{}");
  }

  @Test
  void aRerunReplacesAnInterruptedRunsPartsAndLeavesTheSampleAsItWas() throws Exception {
    assertEquals(sampleBefore, DirectoryDigest.of(SAMPLE));
    for (String part : List.of(CurateStep.OUTPUT, TokenizeStep.OUTPUT)) {
      try (Stream<Path> names = Files.list(out.resolve(part))) {
        assertEquals(List.of(), names.map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith("_staging-")).toList(), part + " keeps no staging debris");
      }
    }
    assertTrue(Files.readString(out.resolve(CurateStep.OUTPUT).resolve("report.json")).contains("\"records_in\""),
        "the interrupted run's report was replaced");
  }

  @Test
  void runsTheWholeChainOnTheBundledSample() throws Exception {
    // Golden figures on the sample: curate (see also curated/report.json), then tokenize.
    assertTrue(printed.contains("input: " + SAMPLE + ": 2,667 documents"), printed);
    assertTrue(printed.contains("sources: spamassassin 2,057, brown 500, xmlsoft 71, udhr 39"), printed);
    // Curate is given the sample directory: its MANIFEST.json is skipped, not read as JSONL.
    assertTrue(printed.contains("input files: 4 read, 1 skipped {not-a-data-file=1}, 0 broken"), printed);
    assertTrue(printed.contains("records in: 2,667"), printed);
    assertTrue(printed.contains("kept: 1,447 documents"), printed);
    assertTrue(printed.contains("rejected: 1,048 {filter=1048}"), printed);
    assertTrue(printed.contains("duplicates removed: 60 exact, 112 near"), printed);
    assertTrue(printed.contains("vocabulary: 2,048 ids"), printed);
    assertTrue(printed.contains("tokens written: 2,730,684 from 1,447 documents (0 rejected)"), printed);
    assertTrue(printed.contains("rows of 65 tokens: {train=40510, val=1492}"), printed);
    assertTrue(printed.contains("[5/5] train: done"), printed);
    assertTrue(printed.contains("outputs: " + out), printed);
    // Each stage's report, its path printed; under 5 MB.
    for (String report : List.of("curated/report.html", "shards/report.html", "run/report.html")) {
      assertTrue(printed.contains("report: " + out.resolve(report)), printed);
      assertTrue(Files.size(out.resolve(report)) < 5_000_000, report);
    }

    for (String complete : List.of("curated/_SUCCESS", "tokenizer.json", "shards/manifest.json",
        "run/checkpoints/step-0000040/state.json", "run/config.conf")) {
      assertTrue(Files.exists(out.resolve(complete)), complete);
    }
    List<JsonNode> metrics = metrics(out.resolve("run"));
    JsonNode first = metrics.get(0);
    JsonNode last = metrics.get(metrics.size() - 1);
    assertEquals(1, first.get("step").asLong());
    assertEquals(Math.log(2048), first.get("loss").asDouble(), 0.15, "an untrained model's loss is about ln V");
    assertTrue(last.get("loss").asDouble() < first.get("loss").asDouble() - 0.5, "the loss went down: " + last);
    // quickstart.conf's train.sample-prompts, continued after the run's one checkpoint.
    assertEquals(List.of("40 The jury said", "40 In the city of"), samples(out.resolve("run")));
  }

  @Test
  void theSummaryEndsWithNextCommandsThatWorkAsPrinted() throws Exception {
    Map<String, List<String>> next = nextCommands(printed);
    Path run = out.resolve("run");
    assertEquals(List.of("sample", "export", "train", "curate"), List.copyOf(next.keySet()), printed);

    Run sampled = Run.of(next.get("sample"));
    assertEquals(ExitCode.OK, sampled.code(), sampled.err());
    assertTrue(sampled.out().startsWith(NextCommands.PROMPT), sampled.out());
    assertTrue(sampled.out().strip().length() > NextCommands.PROMPT.length() + 20, sampled.out());

    Run exported = Run.of(next.get("export"));
    assertEquals(ExitCode.OK, exported.code(), exported.err());
    Path hf = out.resolve(NextCommands.EXPORT);
    assertTrue(exported.out().contains(run.resolve("checkpoints/step-0000040") + " -> " + hf + ": model.safetensors,"
        + " config.json, tokenizer.json, tokenizer_config.json, special_tokens_map.json"), exported.out());
    assertArrayEquals(Files.readAllBytes(out.resolve("tokenizer.json")), Files.readAllBytes(hf.resolve("tokenizer.json")),
        "the tokenizer the chain trained, as the dataset carries it");
    JsonNode config = new ObjectMapper().readTree(hf.resolve("config.json").toFile());
    assertEquals(0, config.get("eos_token_id").asInt(), "<|endoftext|> is the trained tokenizer's id 0");
    assertEquals(0, config.get("bos_token_id").asInt());
    assertEquals(64, new ObjectMapper().readTree(hf.resolve("tokenizer_config.json").toFile())
        .get("model_max_length").asInt());
    assertEquals(ExitCode.OK, Run.of(next.get("export")).code(), "printed with --overwrite: it works again");

    // The quickstart's preset (a custom 2048-id model) is not repeated: the run's config.conf supplies it.
    Run resumed = Run.of(next.get("train"));
    assertEquals(ExitCode.OK, resumed.code(), resumed.out() + resumed.err());
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/step-0000080/state.json")), resumed.out());
    List<JsonNode> metrics = metrics(run);
    assertEquals(80, metrics.get(metrics.size() - 1).get("step").asLong());
    assertEquals(List.of("40 The jury said", "40 In the city of", "80 The jury said", "80 In the city of"),
        samples(run), "the resumed run keeps its prompts");
    assertEquals(2 * STEPS, runSettings(run).getInt("train.max-steps"), "the run keeps the settings it went on with");
  }

  @Test
  void theRunsConfigConfLoadsWithConf() {
    Path conf = out.resolve("run").resolve("config.conf");
    Run shown = Run.of(List.of("train", "--conf", conf.toString(), "--print-config"));
    assertEquals(ExitCode.OK, shown.code(), shown.err());
    Config printedConfig = ConfigFactory.parseString(shown.out());
    assertEquals("custom", printedConfig.getString("train.model.preset"));
    assertEquals(2048, printedConfig.getInt("train.model.custom.vocab-size"));
    assertEquals(3.0e-3, printedConfig.getDouble("train.lr"));
  }

  @Test
  void aDilocoRunResumesWithItsOwnWorkersDatasetAndSettings() throws Exception {
    Path run = dir.resolve("diloco");
    List<String> local = List.of("--set", "spark.local-master=local[2]", "--set", "spark.console-progress=false");
    Run started = Run.of(concat(List.of("train", "--workers", "2", "--data", out.resolve("shards").toString(),
        "--out", run.toString(), "--conf", out.resolve("run/config.conf").toString(),
        "--set", "train.max-steps=4", "--set", "train.warmup-steps=1", "--set", "train.diloco.inner-steps=2"), local));
    assertEquals(ExitCode.OK, started.code(), started.out() + started.err());
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/round-0000002/round.json")), started.out());

    Run resumed = Run.of(concat(List.of("train", "--resume", "--out", run.toString(), "--set", "train.max-steps=6"),
        local));
    assertEquals(ExitCode.OK, resumed.code(), resumed.out() + resumed.err());
    assertTrue(resumed.out().contains("last checkpoint " + run.resolve("checkpoints/round-0000003")), resumed.out());
    assertEquals(2, runSettings(run).getInt("train.diloco.inner-steps"));
  }

  @Test
  void aMissingInputDirectoryIsAUsageError(@TempDir Path other) {
    Run run = Run.of(List.of("quickstart", "--input", other.resolve("nope").toString()));
    assertEquals(ExitCode.USAGE, run.code());
    assertTrue(run.err().contains("no such directory"), run.err());
  }

  /** The commands after the summary's "next:" line, by command name, without the launcher. */
  private static Map<String, List<String>> nextCommands(String printed) {
    Map<String, List<String>> commands = new LinkedHashMap<>();
    String[] lines = printed.split("\n");
    int at = List.of(lines).indexOf("next:");
    assertTrue(at >= 0, printed);
    for (int i = at + 1; i < lines.length && lines[i].startsWith("  "); i++) {
      if (!lines[i].strip().startsWith("#")) {
        List<String> words = ShellWords.split(lines[i].strip());
        assertEquals("pipeline", words.get(0), "not started by bin/pipeline, so named by its name: " + lines[i]);
        commands.put(words.get(1), words.subList(1, words.size()));
      }
    }
    return commands;
  }

  private static Config runSettings(Path run) throws Exception {
    return ConfigFactory.parseString(Files.readString(run.resolve("config.conf")));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static List<JsonNode> metrics(Path run) throws Exception {
    return jsonLines(run.resolve("metrics.jsonl"));
  }

  /** "step prompt" of each line of the run's samples.jsonl. */
  private static List<String> samples(Path run) throws Exception {
    return jsonLines(run.resolve("samples.jsonl")).stream()
        .map(s -> s.get("step").asLong() + " " + s.get("prompt").asText()).toList();
  }

  private static List<JsonNode> jsonLines(Path file) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(json.readTree(line));
    }
    return out;
  }
}
