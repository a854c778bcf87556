package dev.pretrain.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainBatchesTest {

  private static final int VOCAB = 256;
  private static final int SEQ_LEN = 6;
  private static final int BLOCK = 4;
  /** Eight shards of 1..3 rows: 16 rows, so batches of 3 straddle shards and epochs. */
  private static final int[] SHARD_ROWS = {2, 3, 1, 2, 3, 2, 1, 2};
  private static final int EPOCH_ROWS = 16;

  @TempDir
  Path dir;
  private ShardDataset data;

  @BeforeEach
  void writeDataset() {
    TokenShardFixture.write(dir, VOCAB, SEQ_LEN, SHARD_ROWS, new int[] {2});
    data = ShardDataset.open(dir.toString(), new Configuration(), VOCAB, BLOCK, false);
  }

  /** First ids of the next {@code rows} rows: each row's seq_idx. */
  private static List<Integer> firstIds(BatchSource batches, int batchCount, int batch) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < batchCount; i++) {
      int[] rows = batches.next().rows();
      assertEquals(batch * (BLOCK + 1), rows.length);
      for (int r = 0; r < batch; r++) {
        ids.add(rows[r * (BLOCK + 1)]);
      }
    }
    return ids;
  }

  @Test
  void theOrderIsFixedBySeedAndEachEpochUsesEveryRowOnceInANewShardOrder() {
    List<Integer> a;
    List<Integer> b;
    List<Integer> other;
    try (TrainBatches first = data.trainBatches(4, BLOCK, 11, Cursor.START);
         TrainBatches second = data.trainBatches(4, BLOCK, 11, Cursor.START);
         TrainBatches otherSeed = data.trainBatches(4, BLOCK, 12, Cursor.START)) {
      a = firstIds(first, 8, 4);
      b = firstIds(second, 8, 4);
      other = firstIds(otherSeed, 8, 4);
    }
    assertEquals(a, b);
    assertNotEquals(a, other);
    List<Integer> epoch0 = a.subList(0, EPOCH_ROWS);
    List<Integer> epoch1 = a.subList(EPOCH_ROWS, 2 * EPOCH_ROWS);
    assertEquals(EPOCH_ROWS, epoch0.stream().distinct().count());
    assertEquals(epoch0.stream().sorted().toList(), epoch1.stream().sorted().toList());
    assertNotEquals(epoch0, epoch1);
  }

  @Test
  void rowsAreTruncatedToTheBlockAndReadInOrderWithinAShard() {
    try (TrainBatches batches = data.trainBatches(1, BLOCK, 3, Cursor.START)) {
      int[] previous = null;
      for (int i = 0; i < EPOCH_ROWS; i++) {
        int[] row = batches.next().rows();
        assertArrayEquals(java.util.Arrays.copyOf(TokenShardFixture.row(row[0], VOCAB, SEQ_LEN), BLOCK + 1), row);
        if (previous != null && row[0] != previous[0] + 1) {
          assertTrue(batches.cursor().row() <= 1, "a jump in seq_idx happens only at a shard start");
        }
        previous = row;
      }
    }
  }

  @Test
  void aRestoredCursorContinuesTheIdenticalBatchSequence() {
    List<Integer> uninterrupted;
    try (TrainBatches batches = data.trainBatches(3, BLOCK, 5, Cursor.START)) {
      uninterrupted = firstIds(batches, 14, 3);
    }
    for (int cut : new int[] {1, 5, 6, 9}) {
      Cursor saved;
      List<Integer> resumed = new ArrayList<>();
      try (TrainBatches batches = data.trainBatches(3, BLOCK, 5, Cursor.START)) {
        Batch last = null;
        for (int i = 0; i < cut; i++) {
          last = batches.next();
        }
        saved = last.after();
        resumed.addAll(uninterrupted.subList(0, cut * 3));
      }
      try (TrainBatches batches = data.trainBatches(3, BLOCK, 5, saved)) {
        resumed.addAll(firstIds(batches, 14 - cut, 3));
      }
      assertEquals(uninterrupted, resumed, "resumed after batch " + cut + " at " + saved);
    }
  }

  @Test
  void prefetchingYieldsTheSameSequence() {
    List<Integer> direct;
    try (TrainBatches batches = data.trainBatches(3, BLOCK, 5, Cursor.START)) {
      direct = firstIds(batches, 12, 3);
    }
    try (PrefetchingBatches prefetched = new PrefetchingBatches(data.trainBatches(3, BLOCK, 5, Cursor.START), 2)) {
      assertEquals(direct, firstIds(prefetched, 12, 3));
    }
  }

  @Test
  void prefetchingSurfacesACorruptedShardToTheCaller() throws IOException {
    for (int s = 0; s < SHARD_ROWS.length; s++) {
      Path shard = dir.resolve(String.format("train/part-%05d.parquet", s));
      byte[] bytes = Files.readAllBytes(shard);
      java.util.Arrays.fill(bytes, bytes.length / 4, bytes.length - 8, (byte) 0x5a);
      Files.write(shard, bytes);
    }
    try (PrefetchingBatches prefetched = new PrefetchingBatches(data.trainBatches(3, BLOCK, 5, Cursor.START), 2)) {
      ShardReadException e = assertThrows(ShardReadException.class, prefetched::next);
      assertTrue(e.getMessage().contains("part-0000"), e.getMessage());
      assertThrows(ShardReadException.class, prefetched::next);
    }
  }
}
