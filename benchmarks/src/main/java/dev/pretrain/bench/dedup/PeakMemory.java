package dev.pretrain.bench.dedup;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageExecutorMetrics;
import scala.collection.JavaConverters;

/**
 * Peak memory of a run in this JVM, four ways, because in {@code local[N]} the driver and the
 * executor are one process and "heap used" alone mostly reflects how lazily the collector runs:
 * <ul>
 *   <li>heap pools' peak usage ({@link MemoryPoolMXBean#getPeakUsage}, reset at start), summed: an
 *       upper bound of the heap ever occupied, garbage included;
 *   <li>the largest heap in use right after a garbage collection: the live data, the figure to
 *       size {@code -Xmx} by;
 *   <li>Spark's executor metrics (polled by Spark, sent with heartbeats): {@code JVMHeapMemory}
 *       (heap used, garbage included), {@code OnHeapExecutionMemory} (what Spark's memory manager
 *       lent to sorts, aggregations and joins), {@code OnHeapStorageMemory} (cached blocks), and
 *       the process's resident set ({@code ProcessTreeJVMRSSMemory});
 *   <li>the process's peak resident set ({@code VmHWM} of /proc/self/status), heap and off-heap.
 * </ul>
 */
final class PeakMemory extends SparkListener implements AutoCloseable {
  static final List<String> SPARK_METRICS = List.of(
      "JVMHeapMemory", "OnHeapExecutionMemory", "OnHeapStorageMemory", "OnHeapUnifiedMemory", "ProcessTreeJVMRSSMemory");

  private final Map<String, Long> sparkPeaks = new ConcurrentHashMap<>();
  private final AtomicLong liveAfterGc = new AtomicLong();
  private final List<Runnable> unregister = new ArrayList<>();

  /** Resets the pools' peaks and starts listening to collections. */
  PeakMemory() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    NotificationListener onGc = this::onGc;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(onGc, null, null);
        unregister.add(() -> {
          try {
            emitter.removeNotificationListener(onGc);
          } catch (javax.management.ListenerNotFoundException ignored) {
            // already gone
          }
        });
      }
    }
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
      if (pool.getType() == MemoryType.HEAP && after != null) {
        used += after.getUsed();
      }
    }
    liveAfterGc.accumulateAndGet(used, Math::max);
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (ExecutorMetrics m : JavaConverters.mapAsJavaMapConverter(update.executorUpdates()).asJava().values()) {
      record(m);
    }
  }

  @Override
  public void onStageExecutorMetrics(SparkListenerStageExecutorMetrics metrics) {
    record(metrics.executorMetrics());
  }

  private void record(ExecutorMetrics m) {
    for (String name : SPARK_METRICS) {
      sparkPeaks.merge(name, m.getMetricValue(name), Math::max);
    }
  }

  long heapPoolPeaks() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "  max heap (-Xmx): %s", mib(Runtime.getRuntime().maxMemory())));
    out.add(String.format(Locale.ROOT, "  JVM heap, sum of pool peaks (garbage included, upper bound): %s", mib(heapPoolPeaks())));
    out.add(String.format(Locale.ROOT, "  JVM heap live after GC, peak (what the run needs): %s", mib(liveAfterGc.get())));
    for (String name : SPARK_METRICS) {
      Long v = sparkPeaks.get(name);
      out.add(String.format(Locale.ROOT, "  Spark executor metric %s, peak: %s", name, v == null ? "not reported" : mib(v)));
    }
    out.add("  process peak resident set (VmHWM): " + vmHwm());
    return out;
  }

  private static String vmHwm() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return mib(kb * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unavailable (" + e.getMessage() + ")";
    }
    return "unavailable";
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
  }

  @Override
  public void close() {
    unregister.forEach(Runnable::run);
  }
}
