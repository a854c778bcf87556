package dev.pretrain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.jobs.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineCommandLineTest {
  private static final String[] COMMANDS = {
    "curate", "train-tokenizer", "tokenize", "export-tokens", "train-classifier", "train", "sample", "export", "refresh", "quickstart", "report"
  };

  @Test
  void topLevelHelpListsEveryCommandWithItsDescription() {
    CommandLineRun run = CommandLineRun.of("--help");
    assertEquals(ExitCode.OK, run.exitCode());
    for (String command : COMMANDS) {
      assertTrue(run.out().matches("(?s).*\\n  " + command + " +\\S.*"), command + " missing from:\n" + run.out());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "curate", "train-tokenizer", "tokenize", "export-tokens", "train-classifier", "train", "sample", "export", "refresh", "quickstart", "report"})
  void everyCommandHasHelpWithTheSharedConfigOptions(String command) {
    CommandLineRun run = CommandLineRun.of(command, "--help");
    assertEquals(ExitCode.OK, run.exitCode());
    assertTrue(run.out().startsWith("Usage: pipeline " + command), run.out());
    for (String option : new String[] {"--conf=FILE", "--set=KEY=VALUE", "--print-config"}) {
      assertTrue(run.out().contains(option), command + " --help lacks " + option);
    }
  }

  @Test
  void noCommandIsAUsageError() {
    CommandLineRun run = CommandLineRun.of();
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("a command is required"), run.err());
  }

  @Test
  void unknownKeyFailsBeforeAnythingRunsAndNamesTheKey() {
    CommandLineRun run = CommandLineRun.of("curate", "--input", "in", "--output", "out",
        "--set", "spark.console-progres=false");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("unknown key 'spark.console-progres'"), run.err());
    assertTrue(run.err().contains("did you mean 'spark.console-progress'?"), run.err());
  }

  @Test
  void badTypeAndBadValueFromAConfigFileAreBothReported(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "spark {\n  ui-enabled = sometimes\n  local-master = \"local[0]\"\n}\n");
    CommandLineRun run = CommandLineRun.of("train", "--data", "d", "--out", "o", "--conf", conf.toString());
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("invalid configuration (2 problems)"), run.err());
    assertTrue(run.err().contains("'spark.ui-enabled' must be true or false, got 'sometimes' (" + conf + ": 2)"), run.err());
    assertTrue(run.err().contains("'spark.local-master' must be local, local[N]"), run.err());
    assertTrue(run.err().contains("got 'local[0]' (" + conf + ": 3)"), run.err());
  }

  @Test
  void missingConfigFileIsAClearError() {
    CommandLineRun run = CommandLineRun.of("train", "--data", "d", "--out", "o", "--conf", "/no/such/file.conf");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--conf /no/such/file.conf: no such file"), run.err());
  }

  @Test
  void printConfigShowsTheResolvedLayersAndRunsNothing() {
    CommandLineRun run = CommandLineRun.of("curate", "--input", "in", "--output", "out", "--print-config",
        "--set", "spark.app-name=nightly", "--set", "spark.conf.spark.sql.shuffle.partitions=64");
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("app-name=nightly"), run.out());
    assertTrue(run.out().contains("\"spark.sql.shuffle.partitions\"=64"), run.out());
  }

  @Test
  void printConfigStillRefusesUnknownKeys() {
    CommandLineRun run = CommandLineRun.of("train", "--data", "d", "--out", "o", "--print-config", "--set", "nope=1");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("unknown key 'nope'"), run.err());
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    CommandLineRun run = CommandLineRun.of("curate", "--output", "out");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("pipeline curate: Missing required option: --input"), run.err());
    assertTrue(run.err().contains("Run 'pipeline curate --help' for its options."), run.err());
  }

  @Test
  void anUnknownOptionIsNamedWithTheNearestRealOne() {
    CommandLineRun run = CommandLineRun.of("curate", "--inptu", "in", "--output", "out");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("unknown option '--inptu' (did you mean '--input'?)"), run.err());
    assertFalse(run.err().contains("Missing required option"), run.err());
    // A value that starts with a dash is a value, not an unknown option.
    CommandLineRun sample = CommandLineRun.of("sample", "--checkpoint", "c", "--prompt", "-x", "--sed", "1");
    assertEquals(ExitCode.USAGE, sample.exitCode());
    assertTrue(sample.err().contains("unknown option '--sed' (did you mean '--seed'?)"), sample.err());
    assertFalse(sample.err().contains("'-x'"), sample.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "curate", "train-tokenizer", "tokenize", "export-tokens", "train-classifier", "train", "sample", "export", "refresh", "quickstart", "report"})
  void printConfigNeedsNeitherInputsNorOutputs(String command) {
    CommandLineRun run = CommandLineRun.of(command, "--print-config");
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("spark {"), run.out());
  }

  @Test
  void printConfigShowsTheLanguageEngineThatIsTheDefault() {
    String printed = CommandLineRun.of("curate", "--print-config").out();
    assertTrue(printed.contains("engine=langid"), printed);
    assertFalse(printed.contains("Language identification with Lingua"), "stale comment:\n" + printed);
  }

  @Test
  void helpStatesOnlyTheExitCodesTheCommandsReturn() {
    String help = CommandLineRun.of("--help").out();
    assertTrue(help.contains("Exit codes: 0 done, 1 the job failed, 2 bad command line or configuration"), help);
    assertFalse(help.contains(" 3 "), help);
  }

  @Test
  void anInputThatDoesNotExistIsABadCommandLine(@TempDir Path dir) {
    CommandLineRun run = CommandLineRun.of("curate", "--input", dir.resolve("no-such.jsonl").toString(),
        "--output", dir.resolve("out").toString(), "--set", "spark.local-master=local[2]");
    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("matches no files"), run.err());
  }

  @Test
  void aFailedRunPrintsOneLineAndWhereItsLogIsWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path log = dir.resolve("train.log");
    System.setProperty("pipeline.log.file", log.toString());
    try {
      CommandLineRun run = CommandLineRun.of("train", "--data", data.toString(), "--out", dir.resolve("run").toString());
      assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
      assertEquals(List.of("train failed: not a token dataset: no manifest.json in " + data, "  full log: " + log),
          run.err().lines().toList());
    } finally {
      System.clearProperty("pipeline.log.file");
    }
  }

  @Test
  void trainRejectsZeroWorkers() {
    CommandLineRun run = CommandLineRun.of("train", "--data", "d", "--out", "o", "--workers", "0");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--workers must be at least 1, got 0"), run.err());
  }

  @Test
  void trainWithoutADatasetSaysWhatIsMissing(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    CommandLineRun run = CommandLineRun.of("train", "--data", data.toString(), "--out", dir.resolve("run").toString());
    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(run.err().contains("not a token dataset: no manifest.json in"), run.err());
    assertTrue(!run.err().contains("\tat "), "no stack trace:\n" + run.err());
  }

  @Test
  void trainOnSeveralWorkersChecksItsSettingsBeforeAnythingStarts() {
    CommandLineRun run = CommandLineRun.of("train", "--data", "d", "--out", "o", "--workers", "2",
        "--set", "train.diloco.outer=adam", "--set", "train.diloco.inner-steps=0");
    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("'train.diloco.outer' must be one of: nesterov, average"), run.err());
    assertTrue(run.err().contains("'train.diloco.inner-steps' must be an integer from 1"), run.err());
  }

  @Test
  void allowOtherDataNeedsResume() {
    CommandLineRun run = CommandLineRun.of("train", "--data", "d", "--out", "o", "--allow-other-data");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("--allow-other-data only applies with --resume"), run.err());
  }

  @Test
  void tokenizeTakesEitherEncodeOptionsOrVerify() {
    CommandLineRun both = CommandLineRun.of("tokenize", "--verify", "d", "--input", "i", "--tokenizer", "t", "--output", "o");
    assertEquals(ExitCode.USAGE, both.exitCode());
    assertTrue(both.err().contains("mutually exclusive"), both.err());
    CommandLineRun verify = CommandLineRun.of("tokenize", "--verify", "/no/such/dataset");
    assertEquals(ExitCode.FAILED, verify.exitCode(), verify.err());
    assertTrue(verify.err().contains("/no/such/dataset"), verify.err());
  }
}
