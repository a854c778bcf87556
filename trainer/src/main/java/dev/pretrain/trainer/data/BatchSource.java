package dev.pretrain.trainer.data;

/** Where a trainer takes its next batch from; the loader owns any threads and files until closed. */
public interface BatchSource extends AutoCloseable {

  Batch next();

  @Override
  void close();
}
