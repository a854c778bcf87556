package dev.pretrain.dedup.job;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

/**
 * The local file system, except that the first attempt of every Spark task that opens the file
 * named {@link #failing} fails, as a lost executor or a storage hiccup would; the retry succeeds.
 * A session uses it for {@code file:} with {@code spark.hadoop.fs.file.impl} (and the file system
 * cache off, so no instance made earlier in the JVM is reused). Tests and executors share the JVM
 * in local mode, so the switch is a static field.
 */
public final class FlakyLocalFileSystem extends LocalFileSystem {
  static volatile String failing;
  static final AtomicInteger FAILURES = new AtomicInteger();

  @Override
  public FSDataInputStream open(Path file, int bufferSize) throws IOException {
    TaskContext task = TaskContext.get();
    if (task != null && task.attemptNumber() == 0 && file.getName().equals(failing)) {
      FAILURES.incrementAndGet();
      throw new IOException("injected failure: first attempt of stage " + task.stageId() + " task "
          + task.partitionId() + " cannot open " + file);
    }
    return super.open(file, bufferSize);
  }
}
