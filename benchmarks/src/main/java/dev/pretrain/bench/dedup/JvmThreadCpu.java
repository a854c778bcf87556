package dev.pretrain.bench.dedup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds of this JVM's own threads by kind, from Linux's {@code /proc/self/task}: JIT
 * compiler threads and garbage-collector threads, which no Java API reports, so a benchmark can
 * tell one-time warm-up (the JIT compiling Spark's generated code and ours) from the work
 * itself. Threads that ended before a snapshot are missing from it, so differences between two
 * snapshots are lower bounds. Empty where {@code /proc} is not there.
 */
final class JvmThreadCpu {
  /** Clock ticks per second of {@code /proc/.../stat}: 100 on Linux for x86 and ARM. */
  private static final double TICKS = 100;

  static final String JIT = "JIT compiler";
  static final String GC = "garbage collector";

  private JvmThreadCpu() {}

  /** CPU seconds so far of the JIT and GC threads alive now. */
  static Map<String, Double> snapshot() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(JIT, 0.0);
    out.put(GC, 0.0);
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return Map.of();
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(thread -> {
        try {
          String kind = kind(Files.readString(thread.resolve("comm")).strip());
          if (kind != null) {
            out.merge(kind, cpuSeconds(Files.readString(thread.resolve("stat"))), Double::sum);
          }
        } catch (IOException e) {
          // The thread ended between the listing and the read.
        }
      });
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  static String kind(String threadName) {
    if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
      return JIT;
    }
    if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
      return GC;
    }
    return null;
  }

  /** utime + stime (fields 14 and 15) of a {@code stat} line; the name field may hold spaces. */
  static double cpuSeconds(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 (state), so utime (field 14) is fields[11] and stime fields[12].
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
  }
}
