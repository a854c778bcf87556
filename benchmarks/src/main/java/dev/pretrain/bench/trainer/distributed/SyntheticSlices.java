package dev.pretrain.bench.trainer.distributed;

import dev.pretrain.trainer.data.Batch;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.distributed.SliceSource;
import java.util.Random;

/**
 * Random token rows seeded by (round, worker), so a benchmark measures the round without shard I/O.
 */
final class SyntheticSlices implements SliceSource {
  private static final long serialVersionUID = 1L;

  private final int vocab;
  private final int batch;
  private final int width;

  SyntheticSlices(int vocab, int batch, int blockSize) {
    this.vocab = vocab;
    this.batch = batch;
    this.width = blockSize + 1;
  }

  @Override
  public BatchSource open(int round, int worker) {
    Random random = new Random(round * 1_000_003L + worker);
    return new BatchSource() {
      @Override
      public Batch next() {
        int[] rows = new int[batch * width];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = random.nextInt(vocab);
        }
        return new Batch(rows, Cursor.START);
      }

      @Override
      public void close() {
      }
    };
  }
}
