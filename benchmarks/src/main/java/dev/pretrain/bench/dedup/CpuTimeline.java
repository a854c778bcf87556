package dev.pretrain.bench.dedup;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples this process's CPU time every few milliseconds, so the CPU seconds spent between two
 * moments can be read afterwards, for phases whose boundaries are only known as durations. On a
 * shared machine CPU seconds, unlike wall seconds, do not grow with other people's load (caches
 * and memory bandwidth are still shared). Includes every thread: tasks, GC, JIT, Spark's own.
 */
final class CpuTimeline implements AutoCloseable {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final List<long[]> samples = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean running = true;

  CpuTimeline(long periodMillis) {
    sample();
    sampler = new Thread(() -> {
      while (running) {
        try {
          Thread.sleep(periodMillis);
        } catch (InterruptedException e) {
          return;
        }
        sample();
      }
    }, "cpu-timeline");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    long[] s = {System.nanoTime(), os.getProcessCpuTime()};
    synchronized (samples) {
      samples.add(s);
    }
  }

  /** CPU seconds between two {@link System#nanoTime} moments, linearly interpolated between samples. */
  double cpuSeconds(long fromNanos, long toNanos) {
    return (cpuAt(toNanos) - cpuAt(fromNanos)) / 1e9;
  }

  private double cpuAt(long nanos) {
    synchronized (samples) {
      long[] before = samples.get(0);
      for (long[] s : samples) {
        if (s[0] >= nanos) {
          if (s[0] == before[0]) {
            return s[1];
          }
          double f = (double) (nanos - before[0]) / (s[0] - before[0]);
          return before[1] + f * (s[1] - before[1]);
        }
        before = s;
      }
      return before[1];
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    sample();
  }
}
