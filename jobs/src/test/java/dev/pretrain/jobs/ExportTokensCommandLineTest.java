package dev.pretrain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.jobs.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export-tokens' exit codes: 2 for what the command line gets wrong (nothing written), 1 for a job that fails. */
class ExportTokensCommandLineTest {
  @TempDir Path dir;

  /** A valid manifest whose one train shard does not exist. */
  private Path datasetWithAMissingShard() throws Exception {
    Path data = Files.createDirectories(dir.resolve("shards"));
    Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION,
        new Manifest.Tokenizer("tiktoken:test", "ab".repeat(32), 100, Map.of("<|endoftext|>", 0), 0, null), 8, 1,
        "cd".repeat(32), new Manifest.Totals(1, 9, 1, 0, 0),
        Map.of("train", new Manifest.Split(1, 1, List.of(new Manifest.Shard("train/shard-00000.parquet", 1, 0,
            "ef".repeat(32))))));
    Files.write(data.resolve(Manifest.FILE_NAME), ManifestFile.toJson(manifest));
    return data;
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(args);
  }

  @Test
  void aDirectoryWithoutAManifestIsABadInput() {
    CommandLineRun r = run("export-tokens", "--data", dir.toString(), "--format", "nanogpt", "--output",
        dir.resolve("out").toString());
    assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
    assertTrue(r.err().contains("holds no manifest.json"), r.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void anUnknownFormatIsNamedWithTheOnesThereAre() throws Exception {
    CommandLineRun r = run("export-tokens", "--data", datasetWithAMissingShard().toString(), "--format", "parquet",
        "--output", dir.resolve("out").toString());
    assertEquals(ExitCode.USAGE, r.exitCode());
    assertTrue(r.err().contains("--format must be megatron, nanogpt or llmc, got 'parquet'"), r.err());
  }

  @Test
  void nanogptTakesNoFileSizeAndLlmcNeedsRoomForItsHeader() throws Exception {
    String data = datasetWithAMissingShard().toString();
    CommandLineRun nano = run("export-tokens", "--data", data, "--format", "nanogpt", "--output",
        dir.resolve("out").toString(), "--max-file-bytes", "1g");
    assertEquals(ExitCode.USAGE, nano.exitCode());
    assertTrue(nano.err().contains("--max-file-bytes does not apply to nanogpt"), nano.err());
    CommandLineRun llmc = run("export-tokens", "--data", data, "--format", "llmc", "--output",
        dir.resolve("out").toString(), "--max-file-bytes", "1k");
    assertEquals(ExitCode.USAGE, llmc.exitCode());
    assertTrue(llmc.err().contains("at least 1026 for llmc"), llmc.err());
    CommandLineRun split = run("export-tokens", "--data", data, "--format", "llmc", "--output",
        dir.resolve("out").toString(), "--split", "test");
    assertEquals(ExitCode.USAGE, split.exitCode());
    assertTrue(split.err().contains("--split must be train or val, got 'test'"), split.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aShardThatCannotBeReadFailsTheJobAndLeavesNoOutput() throws Exception {
    CommandLineRun r = run("export-tokens", "--data", datasetWithAMissingShard().toString(), "--format", "megatron",
        "--output", dir.resolve("out").toString());
    assertEquals(ExitCode.FAILED, r.exitCode(), r.err());
    assertTrue(r.err().contains("shard-00000.parquet"), r.err());
    assertFalse(Files.exists(dir.resolve("out")), "the directory the run created is gone");
  }

  @Test
  void theDatasetItselfIsRefusedAsOutput() throws Exception {
    String data = datasetWithAMissingShard().toString();
    CommandLineRun r = run("export-tokens", "--data", data, "--format", "megatron", "--output", data, "--overwrite");
    assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
    assertFalse(Files.exists(Path.of(data, "_PIPELINE")));
  }
}
