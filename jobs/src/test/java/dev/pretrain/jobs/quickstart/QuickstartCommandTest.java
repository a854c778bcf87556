package dev.pretrain.jobs.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.jobs.Pipeline;
import dev.pretrain.jobs.cli.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs quickstart on the bundled sample corpus, as the README's main command does. */
class QuickstartCommandTest {
  private static final Path SAMPLE = Path.of("sample/corpus").toAbsolutePath();

  @Test
  void runsTheBuiltStagesOnTheBundledSampleAndStopsAtTheFirstMissingOne(@TempDir Path dir) {
    Path out = dir.resolve("quickstart-out");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = Pipeline.execute(new String[] {
        "quickstart", "--input", SAMPLE.toString(), "--output", out.toString(),
        "--set", "spark.local-master=local[2]", "--set", "spark.console-progress=false"},
        new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    String printed = stdout.toString();

    assertEquals(ExitCode.NOT_IMPLEMENTED, code, printed + stderr);
    // Golden counts: jobs/sample/corpus/MANIFEST.json.
    assertTrue(printed.contains("input: " + SAMPLE + ": 2,596 documents"), printed);
    assertTrue(printed.contains("sources: spamassassin 2,057, brown 500, udhr 39"), printed);
    // Golden figures of the curate stage on the sample (see also report.json).
    assertTrue(printed.contains("[2/5] curate: done in"), printed);
    assertTrue(printed.contains("records in: 2,596"), printed);
    assertTrue(printed.contains("kept: 1,406 documents"), printed);
    assertTrue(printed.contains("rejected: 1,033 {filter=1033}"), printed);
    assertTrue(printed.contains("duplicates removed: 22 exact, 135 near"), printed);
    assertTrue(Files.exists(out.resolve("curated/_SUCCESS")), "curated output committed");
    assertTrue(printed.contains("[3/5] train-tokenizer: train-tokenizer is not implemented yet"), printed);
    assertTrue(printed.contains("[5/5] train: not run (an earlier stage is missing)"), printed);
    assertTrue(printed.contains("quickstart stopped early"), printed);
    assertTrue(printed.contains("outputs: " + out), printed);
  }

  @Test
  void aMissingInputDirectoryIsAUsageError(@TempDir Path out) {
    StringWriter stderr = new StringWriter();
    int code = Pipeline.execute(new String[] {"quickstart", "--input", out.resolve("nope").toString()},
        new PrintWriter(new StringWriter(), true), new PrintWriter(stderr, true));
    assertEquals(ExitCode.USAGE, code);
    assertTrue(stderr.toString().contains("no such directory"), stderr.toString());
  }
}
