package dev.pretrain.trainer.data;

/** Where a trainer takes its next batch from; the loader owns any threads and files until closed. */
public interface BatchSource extends AutoCloseable {

  Batch next();

  @Override
  void close();

  /** The same rows every time, for benchmarks and overfitting checks; the cursor stays at the start. */
  static BatchSource repeating(int[] rows) {
    return new BatchSource() {
      @Override
      public Batch next() {
        return new Batch(rows, Cursor.START);
      }

      @Override
      public void close() {
      }
    };
  }
}
