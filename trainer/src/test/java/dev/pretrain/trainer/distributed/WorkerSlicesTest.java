package dev.pretrain.trainer.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.trainer.data.Batch;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.data.ShardDataset;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSlicesTest {

  @TempDir
  static Path data;

  @BeforeAll
  static void write() {
    DilocoFixture.writeData(data);
  }

  private static ShardDataset open() {
    return ShardDataset.open(data.toString(), new Configuration(), 512, 8, false);
  }

  /** The first 60 rows (over three epochs of 18) as one loader reads them, one row per batch. */
  private static int[][] sequence(int rows) {
    int[][] out = new int[rows][];
    try (BatchSource b = open().trainBatches(1, 8, DilocoFixture.SEED, Cursor.START)) {
      for (int i = 0; i < rows; i++) {
        out[i] = b.next().rows();
      }
    }
    return out;
  }

  @Test
  void aLoaderStartedAtARowContinuesTheUninterruptedSequence() {
    int[][] expected = sequence(60);
    ShardDataset dataset = open();
    for (int g = 0; g < 55; g++) {
      try (BatchSource b = dataset.trainBatches(1, 8, DilocoFixture.SEED, dataset.cursorAtRow(g, DilocoFixture.SEED))) {
        for (int k = 0; k < 5; k++) {
          assertArrayEquals(expected[g + k], b.next().rows(), "row " + (g + k) + " from a loader started at " + g);
        }
      }
    }
  }

  @Test
  void workersReadDisjointConsecutiveBlocksOfTheSequence() {
    int[][] expected = sequence(48);
    InnerTraining inner = DilocoFixture.inner(3, 2); // 3 steps × 1 micro-batch × 2 rows = 6 rows per worker round
    ShardSlices slices = DilocoFixture.slices(data, inner, 2);
    assertEquals(18, slices.firstRow(1, 1));
    for (int round = 0; round < 2; round++) {
      for (int worker = 0; worker < 2; worker++) {
        int first = (int) slices.firstRow(round, worker);
        try (BatchSource b = slices.open(round, worker)) {
          for (int step = 0; step < 3; step++) {
            Batch batch = b.next();
            int[] rows = concat(expected[first + 2 * step], expected[first + 2 * step + 1]);
            assertArrayEquals(rows, batch.rows(), "round " + round + " worker " + worker + " step " + step);
          }
        }
      }
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
