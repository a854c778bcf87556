package dev.pretrain.trainer.data;

import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Train batches in a reproducible order: each epoch visits the train shards in a seeded permutation
 * ({@link ShardOrder}), each shard's rows in order, and the dataset repeats forever. Rows longer than
 * the block are truncated to {@code blockSize + 1} ids. Not thread-safe; see {@link PrefetchingBatches}.
 */
public final class TrainBatches implements BatchSource {

  private final List<String> shards;
  private final Configuration hadoop;
  private final int seqLen;
  private final int vocabSize;
  private final int batch;
  private final int width;
  private final long seed;
  private long epoch;
  private int position;
  private long row;
  private int[] order;
  private ShardRowReader reader;

  TrainBatches(List<String> shards, Configuration hadoop, int seqLen, int vocabSize, int batch, int blockSize,
               long seed, Cursor start) {
    if (batch < 1 || blockSize < 1 || blockSize > seqLen) {
      throw new IllegalArgumentException("need batch >= 1 and 1 <= block size <= seq_len " + seqLen + ", got batch "
          + batch + " block " + blockSize);
    }
    if (start.shard() >= shards.size()) {
      throw new IllegalArgumentException("the cursor points at shard position " + start.shard() + " but the"
          + " dataset has " + shards.size() + " train shards: was the checkpoint made on another dataset?");
    }
    this.shards = shards;
    this.hadoop = hadoop;
    this.seqLen = seqLen;
    this.vocabSize = vocabSize;
    this.batch = batch;
    this.width = blockSize + 1;
    this.seed = seed;
    this.epoch = start.epoch();
    this.position = start.shard();
    this.row = start.row();
    this.order = ShardOrder.of(shards.size(), seed, epoch);
    this.reader = open();
    reader.skip(row);
  }

  /** The next B rows as {@code int[B * (blockSize + 1)]}. */
  public Batch next() {
    int[] rows = new int[batch * width];
    for (int b = 0; b < batch; b++) {
      while (!reader.next()) {
        advanceShard();
      }
      row++;
      System.arraycopy(reader.row(), 0, rows, b * width, width);
    }
    return new Batch(rows, new Cursor(epoch, position, row));
  }

  /** Where the next batch starts. */
  public Cursor cursor() {
    return new Cursor(epoch, position, row);
  }

  private void advanceShard() {
    reader.close();
    position++;
    row = 0;
    if (position == shards.size()) {
      epoch++;
      position = 0;
      order = ShardOrder.of(shards.size(), seed, epoch);
    }
    reader = open();
  }

  private ShardRowReader open() {
    return new ShardRowReader(shards.get(order[position]), hadoop, seqLen, vocabSize);
  }

  @Override
  public void close() {
    reader.close();
  }
}
