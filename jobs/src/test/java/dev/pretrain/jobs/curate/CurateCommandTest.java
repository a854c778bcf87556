package dev.pretrain.jobs.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.jobs.Pipeline;
import dev.pretrain.jobs.cli.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curate command as users run it: exit codes, messages, outputs. */
class CurateCommandTest {
  private static final Path BROKEN = Path.of("sample/broken/broken.jsonl").toAbsolutePath();

  private record Run(int code, String out, String err) {}

  private static Run curate(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 5];
    all[0] = "curate";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--set";
    all[args.length + 2] = "spark.local-master=local[2]";
    all[args.length + 3] = "--set";
    all[args.length + 4] = "spark.console-progress=false";
    int code = Pipeline.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void mostlyBrokenInputStopsBeforeWritingAndSaysWhere(@TempDir Path dir) {
    Path output = dir.resolve("out");
    Run run = curate("--input", BROKEN.toString(), "--output", output.toString());
    assertEquals(ExitCode.FAILED, run.code(), run.err());
    assertTrue(run.err().contains("curate failed: read: 10 of 18 records (55.6%) are bad"), run.err());
    assertTrue(run.err().contains(BROKEN.toString()), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace for bad input:\n" + run.err());
    assertFalse(Files.exists(output.resolve("_SUCCESS")));
    assertFalse(Files.exists(output.resolve("documents")));
  }

  @Test
  void aCompleteOutputIsKeptUnlessOverwriteIsGiven(@TempDir Path dir) {
    Path output = dir.resolve("out");
    Run first = curate("--input", BROKEN.toString(), "--output", output.toString(), "--set", "read.max-bad-fraction=0.6");
    assertEquals(ExitCode.OK, first.code(), first.err());
    assertTrue(first.out().contains("records in: 18"), first.out());
    assertTrue(Files.exists(output.resolve("_SUCCESS")));

    Run again = curate("--input", BROKEN.toString(), "--output", output.toString(), "--set", "read.max-bad-fraction=0.6");
    assertEquals(ExitCode.USAGE, again.code());
    assertTrue(again.err().contains("already holds a complete curate output"), again.err());

    Run overwrite = curate("--input", BROKEN.toString(), "--output", output.toString(), "--overwrite",
        "--set", "read.max-bad-fraction=0.6");
    assertEquals(ExitCode.OK, overwrite.code(), overwrite.err());
  }

  @Test
  void againstRemovesWhatTheEarlierOutputHoldsAndRefusesAnUnfinishedOne(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("brown.jsonl");
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
        Files.newInputStream(Path.of("sample/corpus/brown.jsonl.gz"))), java.nio.charset.StandardCharsets.UTF_8))) {
      Files.write(input, lines.lines().limit(6).toList());
    }
    Path first = dir.resolve("first");
    Run once = curate("--input", input.toString(), "--output", first.toString());
    assertEquals(ExitCode.OK, once.code(), once.err());
    assertTrue(once.out().contains("kept: 6 documents"), once.out());

    Run again = curate("--input", input.toString(), "--output", dir.resolve("second").toString(),
        "--against", first.toString());
    assertEquals(ExitCode.OK, again.code(), again.err());
    assertTrue(again.out().contains("kept: 0 documents"), "the same input again adds nothing:\n" + again.out());
    assertTrue(again.out().contains("0 exact, 0 near, 6 of the previous output"), again.out());

    Files.delete(first.resolve("_SUCCESS"));
    Run unfinished = curate("--input", input.toString(), "--output", dir.resolve("third").toString(),
        "--against", first.toString());
    assertEquals(ExitCode.FAILED, unfinished.code());
    assertTrue(unfinished.err().contains("--against " + first + " is not a finished curate output"), unfinished.err());
  }
}
