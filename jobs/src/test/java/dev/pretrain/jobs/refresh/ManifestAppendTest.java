package dev.pretrain.jobs.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.shards.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestAppendTest {
  private static final Manifest.Tokenizer TOKENIZER =
      new Manifest.Tokenizer("tokenizer.json", "ab".repeat(32), 300, Map.of("<|endoftext|>", 256), 256, null);

  private static Manifest manifest(Manifest.Tokenizer tokenizer, int seqLen, long firstTrain, long firstVal,
      String fingerprint) {
    return new Manifest(Manifest.FORMAT, Manifest.VERSION, tokenizer, seqLen, 7, fingerprint,
        new Manifest.Totals(10, 1000, 12, 40, 1),
        Map.of("train", new Manifest.Split(9, 10, List.of(
                new Manifest.Shard("train/shard-00000.parquet", 6, firstTrain, "1".repeat(64)),
                new Manifest.Shard("train/shard-00001.parquet", 4, firstTrain + 6, "2".repeat(64)))),
            "val", new Manifest.Split(1, 2, List.of(
                new Manifest.Shard("val/shard-00000.parquet", 2, firstVal, "3".repeat(64))))));
  }

  @Test
  void listsOldShardsInPlaceThenNewOnesAndAddsTotals() {
    Manifest merged = ManifestAppend.append(manifest(TOKENIZER, 16, 0, 0, "old"), "s3a://b/corpus/v0001/shards",
        manifest(TOKENIZER, 16, 10, 2, "new"));
    List<Manifest.Shard> train = merged.splits().get("train").shards();
    assertEquals(List.of("s3a://b/corpus/v0001/shards/train/shard-00000.parquet",
        "s3a://b/corpus/v0001/shards/train/shard-00001.parquet", "train/shard-00000.parquet",
        "train/shard-00001.parquet"), train.stream().map(Manifest.Shard::path).toList());
    assertEquals(List.of(0L, 6L, 10L, 16L), train.stream().map(Manifest.Shard::firstSeqIdx).toList());
    assertEquals(new Manifest.Split(18, 20, train), merged.splits().get("train"));
    assertEquals(4, merged.splits().get("val").rows());
    assertEquals(new Manifest.Totals(20, 2000, 24, 80, 2), merged.totals());
    assertEquals(Map.of("train", 20L, "val", 4L), ManifestAppend.rowsBySplit(merged));
  }

  @Test
  void refusesAnotherTokenizerAnotherSeqLenAndOverlappingRows() {
    Manifest old = manifest(TOKENIZER, 16, 0, 0, "old");
    Manifest.Tokenizer other = new Manifest.Tokenizer("tokenizer.json", "cd".repeat(32), 300,
        Map.of("<|endoftext|>", 256), 256, null);
    assertTrue(assertThrows(IllegalStateException.class,
        () -> ManifestAppend.append(old, "/c/v1/shards", manifest(other, 16, 10, 2, "n"))).getMessage()
        .contains("one tokenizer"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ManifestAppend.append(old, "/c/v1/shards", manifest(TOKENIZER, 32, 10, 2, "n"))).getMessage()
        .contains("tokenize.seq-len"));
    assertTrue(assertThrows(IllegalStateException.class,
        () -> ManifestAppend.append(old, "/c/v1/shards", manifest(TOKENIZER, 16, 5, 2, "n"))).getMessage()
        .contains("inside the previous version"));
  }
}
