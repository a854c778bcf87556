package dev.pretrain.bench.dedup;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Shuffle bytes the job's tasks wrote (Spark's task metrics: serialized, after compression), so a
 * bench can state what a stage adds to the shuffle by running with it and without it.
 */
final class ShuffleBytes extends SparkListener {
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong records = new AtomicLong();

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.taskMetrics() != null && end.taskInfo().successful()) {
      written.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
      records.addAndGet(end.taskMetrics().shuffleWriteMetrics().recordsWritten());
    }
  }

  long bytes() {
    return written.get();
  }

  long records() {
    return records.get();
  }
}
