package dev.pretrain.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardDatasetTest {

  @TempDir
  Path dir;

  private static final Configuration HADOOP = new Configuration();

  @Test
  void refusesADirectoryWithoutManifest() {
    var e = assertThrows(IllegalArgumentException.class, () -> ShardDataset.open(dir.toString(), HADOOP, 512, 8, false));
    assertEquals("not a token dataset: no manifest.json in " + dir, e.getMessage());
  }

  @Test
  void refusesATokenizerVocabularyLargerThanTheModels() {
    TokenShardFixture.write(dir, 600, 8, new int[] {3}, new int[] {});
    var e = assertThrows(IllegalArgumentException.class, () -> ShardDataset.open(dir.toString(), HADOOP, 512, 8, false));
    assertTrue(e.getMessage().contains("vocab_size 600 but the model's vocabulary is 512"), e.getMessage());
  }

  @Test
  void refusesSequencesShorterThanTheBlock() {
    TokenShardFixture.write(dir, 64, 8, new int[] {3}, new int[] {});
    var e = assertThrows(IllegalArgumentException.class, () -> ShardDataset.open(dir.toString(), HADOOP, 512, 16, false));
    assertTrue(e.getMessage().contains("seq_len is 8"), e.getMessage());
    assertTrue(e.getMessage().contains("shorter than the block size 16"), e.getMessage());
  }

  @Test
  void refusesAMissingShard() throws IOException {
    TokenShardFixture.write(dir, 64, 8, new int[] {3, 2}, new int[] {});
    Files.delete(dir.resolve("train/part-00001.parquet"));
    var e = assertThrows(IllegalArgumentException.class, () -> ShardDataset.open(dir.toString(), HADOOP, 512, 8, false));
    assertTrue(e.getMessage().contains("train/part-00001.parquet"), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void verificationNamesAShardWhoseChecksumDiffers() throws IOException {
    TokenShardFixture.write(dir, 64, 8, new int[] {3, 2}, new int[] {});
    Files.write(dir.resolve("train/part-00000.parquet"), new byte[] {1}, StandardOpenOption.APPEND);
    ShardDataset.open(dir.toString(), HADOOP, 512, 8, false);
    var e = assertThrows(IllegalArgumentException.class, () -> ShardDataset.open(dir.toString(), HADOOP, 512, 8, true));
    assertTrue(e.getMessage().contains("train/part-00000.parquet has SHA-256"), e.getMessage());
  }

  @Test
  void validationRowsAreTheFirstValRowsInManifestOrderTruncatedToTheBlock() {
    TokenShardFixture.write(dir, 64, 8, new int[] {4}, new int[] {2, 3});
    ShardDataset data = ShardDataset.open(dir.toString(), HADOOP, 512, 5, true);
    int[] rows = data.validationRows(3, 5);
    assertEquals(3 * 6, rows.length);
    for (int r = 0; r < 3; r++) {
      int[] expected = java.util.Arrays.copyOf(TokenShardFixture.row(4 + r, 64, 8), 6);
      assertArrayEquals(expected, java.util.Arrays.copyOfRange(rows, r * 6, r * 6 + 6));
    }
    assertThrows(IllegalArgumentException.class, () -> data.validationRows(6, 5));
  }
}
