package dev.pretrain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.jobs.cli.ExitCode;
import org.junit.jupiter.api.Test;

/** {@code tokenize --input NAME=PATH:WEIGHT} and {@code --max-tokens}: what reaches the config, and the usage errors. */
class TokenizeMixCommandLineTest {

  @Test
  void namedInputsAndTheBudgetBecomeTheMixSettings() {
    CommandLineRun run = CommandLineRun.of("tokenize", "--input", "web=s3a://b/web:0.5", "--input", "code=/data/code:0.3",
        "--output", "o", "--max-tokens", "20000", "--print-config");
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    String printed = run.out().replaceAll("\\s+", " ");
    assertTrue(printed.contains("max-tokens=20000"), printed);
    assertTrue(printed.contains("\"s3a://b/web\""), printed);
    assertTrue(printed.contains("\"/data/code\""), printed);
  }

  @Test
  void aBadFormIsAUsageErrorNamingTheArgument() {
    CommandLineRun run = CommandLineRun.of("tokenize", "--input", "web=/data/web", "--output", "o");
    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("--input web=/data/web: a named input needs a weight"), run.err());
  }

  @Test
  void plainAndNamedInputsDoNotMix() {
    CommandLineRun run = CommandLineRun.of("tokenize", "--input", "/data/a", "--input", "web=/data/web:1", "--output", "o");
    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("--input: give one plain DIR, or one or more NAME=DIR:WEIGHT sources"), run.err());
  }

  @Test
  void aRepeatedNameIsAConfigErrorNamingTheKey() {
    CommandLineRun run = CommandLineRun.of("tokenize", "--input", "web=/a:1", "--input", "web=/b:2", "--output", "o");
    assertTrue(run.exitCode() != ExitCode.OK, run.err());
    assertTrue(run.err().contains("'tokenize.mix[1].name' must be unique among the sources of tokenize.mix"), run.err());
  }

  @Test
  void aRunNeedsAnInputFromTheCommandLineOrTheConfig() {
    CommandLineRun run = CommandLineRun.of("tokenize", "--output", "o");
    assertEquals(ExitCode.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("--input (or tokenize.mix)"), run.err());
  }
}
