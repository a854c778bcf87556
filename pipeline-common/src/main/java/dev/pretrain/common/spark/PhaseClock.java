package dev.pretrain.common.spark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall-clock and CPU time per phase of a Spark job run from one driver thread, and the bytes its
 * tasks wrote to the shuffle and spilled to disk. Spark is lazy, so a phase ends at the action that
 * closes it.
 *
 * <p>A phase's CPU is the CPU time of every task its jobs ran (Spark's task metrics
 * {@code executorCpuTime + executorDeserializeCpuTime}, measured where the task ran, so it is right on
 * a cluster too) plus the CPU of the driver thread itself. Jobs are tied to their phase by a local
 * property of the driver thread, which Spark hands to every job that thread starts (the Spark UI shows
 * it as the job's description too). Listener events arrive asynchronously: {@link #usage()} first
 * runs a one-task "fence" job and waits until the listener has seen it end, which, the listener queue
 * being first in first out, means every earlier task has been counted.
 */
public final class PhaseClock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PhaseClock.class);
  private static final String PROPERTY = "dev.pretrain.phase";
  private static final String DESCRIPTION = "spark.job.description";
  private static final AtomicLong CLOCKS = new AtomicLong();
  private static final long FENCE_WAIT_SECONDS = 30;

  private final SparkContext context;
  private final String job;
  private final String clockId = "clock-" + CLOCKS.incrementAndGet();
  private final TaskTotals tasks = new TaskTotals();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<String, Double> wall = new LinkedHashMap<>();
  private final Map<String, Long> driverNanos = new LinkedHashMap<>();
  private final String propertyBefore;
  private final String descriptionBefore;
  private String name;
  private long wallStart;
  private long cpuStart;

  /** @param job the job's name, shown with the phase in the Spark UI ({@code curate: dedup}) */
  public PhaseClock(SparkContext context, String job) {
    this.context = context;
    this.job = job;
    this.propertyBefore = context.getLocalProperty(PROPERTY);
    this.descriptionBefore = context.getLocalProperty(DESCRIPTION);
    context.addSparkListener(tasks);
  }

  /** Ends the current phase, if any, and starts {@code next}. */
  public void start(String next) {
    stop();
    name = next;
    context.setLocalProperty(PROPERTY, clockId + "/" + next);
    context.setLocalProperty(DESCRIPTION, job + ": " + next);
    wallStart = System.nanoTime();
    cpuStart = driverCpuNanos();
  }

  /** Ends the current phase; jobs started after it belong to no phase. */
  public void stop() {
    if (name != null) {
      wall.merge(name, (System.nanoTime() - wallStart) / 1e9, Double::sum);
      driverNanos.merge(name, driverCpuNanos() - cpuStart, Long::sum);
      context.setLocalProperty(PROPERTY, null);
      name = null;
    }
  }

  /** Wall-clock seconds of each phase so far, in the order they started. */
  public Map<String, Double> wallSeconds() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(wall));
  }

  /**
   * What each finished phase used, in the order the phases started.
   *
   * @param cpuSeconds its tasks' CPU and the driver thread's
   * @param shuffleBytes what its tasks wrote to the shuffle (Spark's {@code shuffleWriteMetrics.bytesWritten},
   *     after compression)
   * @param spilledBytes what its tasks spilled to disk (Spark's {@code diskBytesSpilled}: sorts and
   *     aggregations that outgrew their memory)
   */
  public record Usage(Map<String, Double> cpuSeconds, Map<String, Long> shuffleBytes, Map<String, Long> spilledBytes) {}

  /**
   * The usage of every finished phase, after one fence. Without it (a listener that fell behind for
   * longer than {@value #FENCE_WAIT_SECONDS} s) the figures may miss the last tasks; this is logged.
   */
  public Usage usage() {
    awaitListener();
    Map<String, Double> cpu = new LinkedHashMap<>();
    Map<String, Long> shuffle = new LinkedHashMap<>();
    Map<String, Long> spilled = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : driverNanos.entrySet()) {
      Totals totals = tasks.of(clockId + "/" + e.getKey());
      cpu.put(e.getKey(), (e.getValue() + totals.cpuNanos.get()) / 1e9);
      shuffle.put(e.getKey(), totals.shuffleWritten.get());
      spilled.put(e.getKey(), totals.spilled.get());
    }
    return new Usage(Collections.unmodifiableMap(cpu), Collections.unmodifiableMap(shuffle),
        Collections.unmodifiableMap(spilled));
  }

  private void awaitListener() {
    String fence = clockId + "/fence-" + System.nanoTime();
    CountDownLatch seen = tasks.awaitJobOf(fence);
    String current = context.getLocalProperty(PROPERTY);
    context.setLocalProperty(PROPERTY, fence);
    try {
      JavaSparkContext.fromSparkContext(context).parallelize(List.of(0), 1).count();
      if (!seen.await(FENCE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("{}: Spark's listener did not deliver the fence job's end within {} s; CPU per phase may miss"
            + " the last tasks", job, FENCE_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      context.setLocalProperty(PROPERTY, current);
    }
  }

  private long driverCpuNanos() {
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  @Override
  public void close() {
    stop();
    context.removeSparkListener(tasks);
    context.setLocalProperty(PROPERTY, propertyBefore);
    context.setLocalProperty(DESCRIPTION, descriptionBefore);
  }

  /** What one phase's tasks used. */
  private static final class Totals {
    final AtomicLong cpuNanos = new AtomicLong();
    final AtomicLong shuffleWritten = new AtomicLong();
    final AtomicLong spilled = new AtomicLong();
  }

  /** Sums task CPU, shuffle and spill bytes by the phase property of the job that ran the task's stage. */
  private static final class TaskTotals extends SparkListener {
    private static final Totals NONE = new Totals();
    private final Map<Integer, String> phaseOfStage = new ConcurrentHashMap<>();
    private final Map<String, Totals> byPhase = new ConcurrentHashMap<>();
    private final Map<Integer, String> phaseOfJob = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> fences = new ConcurrentHashMap<>();

    Totals of(String phase) {
      return byPhase.getOrDefault(phase, NONE);
    }

    CountDownLatch awaitJobOf(String phase) {
      return fences.computeIfAbsent(phase, p -> new CountDownLatch(1));
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      String phase = start.properties() == null ? null : start.properties().getProperty(PROPERTY);
      if (phase == null) {
        return;
      }
      phaseOfJob.put(start.jobId(), phase);
      scala.collection.Iterator<Object> stages = start.stageIds().iterator();
      while (stages.hasNext()) {
        phaseOfStage.put((Integer) stages.next(), phase);
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      String phase = phaseOfStage.get(end.stageId());
      TaskMetrics metrics = end.taskMetrics();
      if (phase != null && metrics != null) {
        Totals totals = byPhase.computeIfAbsent(phase, p -> new Totals());
        totals.cpuNanos.addAndGet(metrics.executorCpuTime() + metrics.executorDeserializeCpuTime());
        totals.shuffleWritten.addAndGet(metrics.shuffleWriteMetrics().bytesWritten());
        totals.spilled.addAndGet(metrics.diskBytesSpilled());
      }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
      String phase = phaseOfJob.remove(end.jobId());
      CountDownLatch fence = phase == null ? null : fences.get(phase);
      if (fence != null) {
        fence.countDown();
      }
    }
  }
}
