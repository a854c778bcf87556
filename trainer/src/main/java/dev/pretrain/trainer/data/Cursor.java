package dev.pretrain.trainer.data;

/**
 * Where the train loader stands: the next row to read is row {@code row} of the shard at position
 * {@code shard} of epoch {@code epoch}'s shard permutation. Saved in checkpoints; a loader started
 * at a cursor yields exactly the batches an uninterrupted loader would have yielded from there.
 */
public record Cursor(long epoch, int shard, long row) {

  public static final Cursor START = new Cursor(0, 0, 0);

  public Cursor {
    if (epoch < 0 || shard < 0 || row < 0) {
      throw new IllegalArgumentException("a data cursor has non-negative fields, got epoch " + epoch
          + " shard " + shard + " row " + row);
    }
  }
}
