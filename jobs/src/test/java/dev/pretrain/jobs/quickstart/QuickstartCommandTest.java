package dev.pretrain.jobs.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.jobs.Pipeline;
import dev.pretrain.jobs.cli.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs quickstart on the bundled sample corpus, as the README's main command does. */
class QuickstartCommandTest {
  private static final Path SAMPLE = Path.of("sample/corpus").toAbsolutePath();

  @Test
  void runsTheWholeChainOnTheBundledSample(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("quickstart-out");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = Pipeline.execute(new String[] {
        "quickstart", "--input", SAMPLE.toString(), "--output", out.toString(),
        "--set", "spark.local-master=local[2]", "--set", "spark.console-progress=false",
        // Fewer steps than the quickstart's 300 keep the suite fast; the chain is the same.
        "--set", "train.max-steps=40"},
        new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    String printed = stdout.toString();
    assertEquals(ExitCode.OK, code, printed + stderr);

    // Golden figures on the sample: curate (see also curated/report.json), then tokenize.
    assertTrue(printed.contains("input: " + SAMPLE + ": 2,596 documents"), printed);
    assertTrue(printed.contains("sources: spamassassin 2,057, brown 500, udhr 39"), printed);
    // Curate is given the sample directory: its MANIFEST.json is skipped, not read as JSONL.
    assertTrue(printed.contains("input files: 3 read, 1 skipped {not-a-data-file=1}, 0 broken"), printed);
    assertTrue(printed.contains("records in: 2,596"), printed);
    assertTrue(printed.contains("kept: 1,408 documents"), printed);
    assertTrue(printed.contains("rejected: 1,047 {filter=1047}"), printed);
    assertTrue(printed.contains("duplicates removed: 22 exact, 119 near"), printed);
    assertTrue(printed.contains("vocabulary: 2,048 ids"), printed);
    assertTrue(printed.contains("tokens written: 2,707,246 from 1,408 documents (0 rejected)"), printed);
    assertTrue(printed.contains("rows of 65 tokens: {train=40202, val=1440}"), printed);
    assertTrue(printed.contains("[5/5] train: done"), printed);
    assertTrue(printed.contains("outputs: " + out), printed);

    for (String complete : List.of("curated/_SUCCESS", "tokenizer.json", "shards/manifest.json",
        "run/checkpoints/step-0000040/state.json")) {
      assertTrue(Files.exists(out.resolve(complete)), complete);
    }
    List<JsonNode> metrics = Files.readAllLines(out.resolve("run/metrics.jsonl")).stream()
        .map(QuickstartCommandTest::json).toList();
    JsonNode first = metrics.get(0);
    JsonNode last = metrics.get(metrics.size() - 1);
    assertEquals(1, first.get("step").asLong());
    assertEquals(Math.log(2048), first.get("loss").asDouble(), 0.15, "an untrained model's loss is about ln V");
    assertEquals(40, last.get("step").asLong());
    assertTrue(last.get("loss").asDouble() < first.get("loss").asDouble() - 0.5, "the loss went down: " + last);

    // The trained checkpoint can be sampled and exported, as the README shows.
    String checkpoint = out.resolve("run/checkpoints/step-0000040").toString();
    StringWriter sampled = new StringWriter();
    int sampleCode = Pipeline.execute(new String[] {"sample", "--checkpoint", checkpoint, "--prompt", "The jury said",
        "--tokenizer", out.resolve("tokenizer.json").toString(), "--max-new-tokens", "12", "--temperature", "0"},
        new PrintWriter(sampled, true), new PrintWriter(stderr, true));
    assertEquals(ExitCode.OK, sampleCode, stderr.toString());
    assertTrue(sampled.toString().startsWith("The jury said"), sampled.toString());
    assertTrue(sampled.toString().strip().length() > "The jury said".length(), sampled.toString());
    int exportCode = Pipeline.execute(new String[] {"export", "--checkpoint", checkpoint,
        "--output", out.resolve("hf").toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(stderr, true));
    assertEquals(ExitCode.OK, exportCode, stderr.toString());
    assertTrue(Files.size(out.resolve("hf/model.safetensors")) > 667_136L * 4 / 2, "weights written");
    assertTrue(Files.exists(out.resolve("hf/config.json")));
  }

  @Test
  void aMissingInputDirectoryIsAUsageError(@TempDir Path out) {
    StringWriter stderr = new StringWriter();
    int code = Pipeline.execute(new String[] {"quickstart", "--input", out.resolve("nope").toString()},
        new PrintWriter(new StringWriter(), true), new PrintWriter(stderr, true));
    assertEquals(ExitCode.USAGE, code);
    assertTrue(stderr.toString().contains("no such directory"), stderr.toString());
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (Exception e) {
      throw new IllegalStateException(line, e);
    }
  }
}
