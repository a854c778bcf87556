package dev.pretrain.trainer.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads train batches on a background thread into a bounded queue, so Parquet decoding overlaps the
 * training step. The order is the wrapped loader's; a read failure is rethrown by the {@link #next()}
 * that would have returned the failed batch; {@link #close()} stops the thread and closes the shard.
 */
public final class PrefetchingBatches implements BatchSource {

  /** What the reader thread hands over: a batch or the failure that ended it. */
  private record Item(Batch batch, RuntimeException failure) {
  }

  private final BlockingQueue<Item> queue;
  private final Thread thread;
  private volatile boolean closed;
  private RuntimeException failure;

  public PrefetchingBatches(TrainBatches source, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("prefetch depth must be at least 1, got " + depth);
    }
    this.queue = new ArrayBlockingQueue<>(depth);
    this.thread = new Thread(() -> fill(source), "train-batch-prefetch");
    thread.setDaemon(true);
    thread.start();
  }

  private void fill(TrainBatches source) {
    try (source) {
      while (!closed) {
        Item item;
        try {
          item = new Item(source.next(), null);
        } catch (RuntimeException e) {
          item = new Item(null, e);
        } catch (Error e) {
          item = new Item(null, new IllegalStateException(e.toString(), e));
        }
        while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
          // Waits for the trainer to take a batch, checking for close() in between.
        }
        if (item.failure() != null) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Batch next() {
    if (failure != null) {
      throw failure;
    }
    if (closed) {
      throw new IllegalStateException("the batch loader is closed");
    }
    Item item = null;
    try {
      while (item == null) {
        item = queue.poll(1, TimeUnit.SECONDS);
        if (item == null && !thread.isAlive()) {
          failure = new IllegalStateException("the train batch loader thread ended without a batch or an error");
          throw failure;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a train batch", e);
    }
    if (item.failure() != null) {
      failure = new ShardReadException("the train batch loader failed: " + item.failure().getMessage(),
          item.failure());
      throw failure;
    }
    return item.batch();
  }

  @Override
  public void close() {
    // No interrupt: Hadoop's streams treat it as a failure; the thread polls `closed` instead.
    closed = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
