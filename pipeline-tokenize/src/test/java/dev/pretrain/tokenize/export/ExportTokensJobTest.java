package dev.pretrain.tokenize.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.error.JobStopped;
import dev.pretrain.common.output.OutputRefused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each format read back by {@link FormatReaders} (written from the formats' descriptions) must hold
 * exactly the documents the shards hold, whole, in the shuffled order, with their boundaries.
 */
class ExportTokensJobTest {
  private static final int EOT = 0;
  @TempDir Path tmp;

  private PackedDataset dataset(int vocab, int seqLen, int maxId, int groups, int rowsPerShard, long seed) {
    Random random = new Random(seed);
    return PackedDataset.write(tmp.resolve("shards"), vocab, EOT, seqLen, List.of(
        new PackedDataset.SplitInput("train", PackedDataset.randomGroups(random, groups, 40, 3 * seqLen, maxId),
            rowsPerShard),
        new PackedDataset.SplitInput("val", PackedDataset.randomGroups(random, 1, 6, 2 * seqLen, maxId),
            rowsPerShard)));
  }

  private ExportTokensReport export(ExportFormat format, String output, long maxFileBytes, List<String> splits,
      boolean overwrite) throws IOException {
    Path temp = Files.createDirectories(tmp.resolve("temp"));
    return ExportTokensJob.run(new ExportTokensJob.Request(tmp.resolve("shards").toString(), format, output, splits,
        maxFileBytes, overwrite, temp), new Configuration(), line -> {});
  }

  private ExportTokensReport export(ExportFormat format, long maxFileBytes) throws IOException {
    return export(format, tmp.resolve("out").toString(), maxFileBytes, List.of(), false);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void assertSameDocuments(List<int[]> expected, List<int[]> actual) {
    assertEquals(expected.size(), actual.size(), "documents");
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "document " + i);
    }
  }

  private List<String> files(String prefix) throws IOException {
    try (Stream<Path> list = Files.list(tmp.resolve("out"))) {
      return list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && !n.startsWith("."))
          .sorted().toList();
    }
  }

  @Test
  void megatronHoldsEveryDocumentWholeAsOneSequenceInTheShuffledOrder() throws IOException {
    PackedDataset data = dataset(1000, 16, 999, 3, 7, 1);
    ExportTokensReport report = export(ExportFormat.MEGATRON, ExportFormat.MEGATRON.defaultMaxFileBytes());

    FormatReaders.Megatron train = FormatReaders.megatron(tmp.resolve("out/train_000000"));
    assertEquals(8, train.dtypeCode(), "uint16 for a vocabulary of 1,000");
    assertSameDocuments(data.expected("train"), train.sequences());
    assertSameDocuments(data.expected("val"), FormatReaders.megatron(tmp.resolve("out/val_000000")).sequences());
    assertTrue(data.expected("train").stream().anyMatch(d -> d.length > 17), "some documents span rows");
    assertTrue(report.splits().get("train").eotAppended() > 0, "some documents lost their tail to a dropped row");
    assertEquals(data.expected("train").size(), report.splits().get("train").documents());
    assertTrue(Files.exists(tmp.resolve("out/_SUCCESS")));
    assertTrue(Files.exists(tmp.resolve("out/export.json")));
  }

  @Test
  void megatronStoresUint16BelowMegatrons65500AndInt32FromThere() throws IOException {
    PackedDataset below = dataset(65_499, 8, 65_498, 1, 50, 2);
    export(ExportFormat.MEGATRON, ExportFormat.MEGATRON.defaultMaxFileBytes());
    FormatReaders.Megatron small = FormatReaders.megatron(tmp.resolve("out/train_000000"));
    assertEquals(8, small.dtypeCode());
    assertSameDocuments(below.expected("train"), small.sequences());

    deleteRecursively(tmp.resolve("shards"));
    PackedDataset at = dataset(65_500, 8, 65_499, 1, 50, 3);
    export(ExportFormat.MEGATRON, tmp.resolve("out").toString(), ExportFormat.MEGATRON.defaultMaxFileBytes(),
        List.of(), true);
    FormatReaders.Megatron wide = FormatReaders.megatron(tmp.resolve("out/train_000000"));
    assertEquals(4, wide.dtypeCode(), "int32 from 65,500 ids on");
    assertSameDocuments(at.expected("train"), wide.sequences());
    assertTrue(at.expected("train").stream().flatMapToInt(java.util.Arrays::stream).anyMatch(id -> id > 65_000));
  }

  @Test
  void megatronStartsANewPairAtTheSizeLimitAndNeverSplitsADocument() throws IOException {
    PackedDataset data = dataset(1000, 16, 999, 2, 5, 4);
    long limit = 400; // bytes of uint16: 200 ids per .bin
    export(ExportFormat.MEGATRON, limit);

    List<String> idx = files("train_").stream().filter(n -> n.endsWith(".idx")).toList();
    assertTrue(idx.size() > 2, "several pairs: " + idx);
    List<int[]> all = new ArrayList<>();
    for (String name : idx) {
      FormatReaders.Megatron pair = FormatReaders.megatron(tmp.resolve("out").resolve(name.replace(".idx", "")));
      assertTrue(pair.binBytes() <= limit || pair.sequences().size() == 1, name + " holds " + pair.binBytes());
      all.addAll(pair.sequences());
    }
    assertSameDocuments(data.expected("train"), all);
  }

  @Test
  void nanogptIsTheDocumentsAsOneUint16StreamPerSplit() throws IOException {
    PackedDataset data = dataset(1000, 16, 999, 3, 7, 5);
    export(ExportFormat.NANOGPT, Long.MAX_VALUE);

    int[] train = FormatReaders.uint16Stream(tmp.resolve("out/train.bin"));
    assertSameDocuments(data.expected("train"), FormatReaders.documents(train, EOT));
    assertArrayEquals(FormatReaders.concat(data.expected("val")),
        FormatReaders.uint16Stream(tmp.resolve("out/val.bin")));
  }

  @Test
  void llmcShardsCarryTheirHeaderAndCutTheStreamAtTheLimit() throws IOException {
    PackedDataset data = dataset(1000, 16, 999, 3, 7, 6);
    long limit = 1024 + 2 * 300; // 300 ids per shard
    ExportTokensReport report = export(ExportFormat.LLMC, limit);

    List<String> names = files("tokens_train_");
    assertTrue(names.size() > 2, "several shards: " + names);
    assertEquals(names, report.splits().get("train").files());
    List<int[]> parts = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      assertEquals(String.format("tokens_train_%06d.bin", i), names.get(i));
      int[] ids = FormatReaders.llmcShard(tmp.resolve("out").resolve(names.get(i)));
      if (i < names.size() - 1) {
        assertEquals(300, ids.length, "every shard but the last is full");
      }
      parts.add(ids);
    }
    assertSameDocuments(data.expected("train"), FormatReaders.documents(FormatReaders.concat(parts), EOT));
    assertArrayEquals(FormatReaders.concat(data.expected("val")),
        FormatReaders.llmcShard(tmp.resolve("out/tokens_val_000000.bin")));
  }

  @Test
  void anEmptySplitWritesNoFiles() throws IOException {
    Random random = new Random(7);
    PackedDataset.write(tmp.resolve("shards"), 1000, EOT, 16, List.of(
        new PackedDataset.SplitInput("train", PackedDataset.randomGroups(random, 1, 20, 30, 999), 10),
        new PackedDataset.SplitInput("val", List.of(), 10)));
    for (ExportFormat format : ExportFormat.values()) {
      ExportTokensReport report = export(format, tmp.resolve("out").toString(), format.defaultMaxFileBytes(),
          List.of("val"), true);
      assertEquals(0, report.splits().get("val").documents());
      assertEquals(List.of(), report.splits().get("val").files());
      assertEquals(List.of(), files("val").stream().filter(n -> !n.equals("export.json")).toList(), format.name());
      assertTrue(Files.exists(tmp.resolve("out/_SUCCESS")));
    }
  }

  @Test
  void anIdAboveUint16StopsNanogptAndLlmcNamingTheShardAndRow() throws IOException {
    Random random = new Random(8);
    List<List<int[]>> groups = PackedDataset.randomGroups(random, 1, 30, 20, 999);
    groups.get(0).set(17, new int[] {5, 65_536, 7});
    PackedDataset.write(tmp.resolve("shards"), 70_000, EOT, 16, List.of(
        new PackedDataset.SplitInput("train", groups, 4)));
    for (ExportFormat format : List.of(ExportFormat.NANOGPT, ExportFormat.LLMC)) {
      JobStopped stopped = assertThrows(JobStopped.class,
          () -> export(format, format.defaultMaxFileBytes()), format.name());
      assertTrue(stopped.getMessage().matches(
          "train shard train/shard-\\d{5}\\.parquet row \\d+ \\(seq_idx \\d+\\): id 65536 at position \\d+ does not fit"
              + " uint16 .*megatron.*"), stopped.getMessage());
      assertFalse(Files.exists(tmp.resolve("out/_SUCCESS")), "nothing committed");
      assertFalse(Files.exists(tmp.resolve("out")), "the directory the run created is gone");
    }
    export(ExportFormat.MEGATRON, ExportFormat.MEGATRON.defaultMaxFileBytes()); // int32 holds it
  }

  @Test
  void refusesTheDatasetOrADirectoryInsideItAsOutput() throws IOException {
    dataset(1000, 16, 999, 1, 7, 9);
    for (String output : List.of(tmp.resolve("shards").toString(), tmp.resolve("shards/train").toString(),
        tmp.resolve("shards/exported").toString())) {
      assertThrows(OutputRefused.class, () -> export(ExportFormat.NANOGPT, output, Long.MAX_VALUE, List.of(), true),
          output);
    }
    assertFalse(Files.exists(tmp.resolve("shards/exported")));
    assertFalse(Files.exists(tmp.resolve("shards/_PIPELINE_export")));
  }

  @Test
  void refusesAForeignNonEmptyDirectoryEvenWithOverwrite() throws IOException {
    dataset(1000, 16, 999, 1, 7, 10);
    Path mine = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(mine.resolve("notes.txt"), "mine");
    for (boolean overwrite : new boolean[] {false, true}) {
      OutputRefused refused = assertThrows(OutputRefused.class,
          () -> export(ExportFormat.NANOGPT, mine.toString(), Long.MAX_VALUE, List.of(), overwrite));
      assertTrue(refused.getMessage().contains("notes.txt"), refused.getMessage());
    }
    assertEquals("mine", Files.readString(mine.resolve("notes.txt")));
    assertFalse(Files.exists(mine.resolve("_PIPELINE")));
  }

  @Test
  void overwriteReplacesOnlyTheExportsOwnFiles() throws IOException {
    dataset(1000, 16, 999, 1, 7, 11);
    export(ExportFormat.MEGATRON, ExportFormat.MEGATRON.defaultMaxFileBytes());
    Files.writeString(tmp.resolve("out/README.txt"), "kept");
    assertThrows(OutputRefused.class, () -> export(ExportFormat.NANOGPT, Long.MAX_VALUE), "complete: needs --overwrite");

    export(ExportFormat.NANOGPT, tmp.resolve("out").toString(), Long.MAX_VALUE, List.of(), true);
    assertEquals(List.of("README.txt", "_PIPELINE", "_SUCCESS", "export.json", "train.bin", "val.bin"),
        files(""));
    assertEquals("kept", Files.readString(tmp.resolve("out/README.txt")));
  }

  @Test
  void aRefreshedCorpusRejoinsEachVersionsRowsWithItsOwnShuffle() throws IOException {
    Random random = new Random(13);
    PackedDataset data = PackedDataset.refreshed(tmp.resolve("v0001/shards"), tmp.resolve("shards"), 1000, EOT, 16,
        new PackedDataset.SplitInput("train", PackedDataset.randomGroups(random, 2, 30, 40, 999), 6),
        new PackedDataset.SplitInput("train", PackedDataset.randomGroups(random, 2, 25, 40, 999), 6));
    export(ExportFormat.NANOGPT, Long.MAX_VALUE);
    assertSameDocuments(data.expected("train"),
        FormatReaders.documents(FormatReaders.uint16Stream(tmp.resolve("out/train.bin")), EOT));
  }

  @Test
  void idsThatBelongToNoDocumentStopTheExport() throws IOException {
    PackedDataset.write(tmp.resolve("shards"), 1000, EOT, 16, List.of(new PackedDataset.SplitInput("train",
        PackedDataset.randomGroups(new Random(14), 1, 20, 30, 999), 10)), true);
    JobStopped stopped = assertThrows(JobStopped.class, () -> export(ExportFormat.LLMC, 1 << 20));
    assertTrue(stopped.getMessage().startsWith("the train split's documents hold "), stopped.getMessage());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void aSplitTheManifestDoesNotListIsABadInput() throws IOException {
    dataset(1000, 16, 999, 1, 7, 12);
    IllegalArgumentException bad = assertThrows(dev.pretrain.common.read.InputNotFound.class,
        () -> export(ExportFormat.NANOGPT, tmp.resolve("out").toString(), Long.MAX_VALUE, List.of("test"), false));
    assertTrue(bad.getMessage().contains("train, val"), bad.getMessage());
    assertFalse(Files.exists(tmp.resolve("out")));
  }
}
