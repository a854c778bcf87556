package dev.pretrain.bench.dedup;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSessions;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.job.CurateJob;
import dev.pretrain.dedup.job.CurateReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The whole curate job, as the CLI runs it, on a corpus written by {@link CorpusGenerator}:
 * seconds and MB/s per core for each phase and end to end, documents in, kept, rejected and
 * removed, peak memory ({@link PeakMemory}), then the quality of the duplicate clusters against
 * the planted pairs ({@link ClusterQuality}, not timed).
 *
 * <p>MB/s per core = MB / seconds / cores of {@code local[N]}, for two sizes of the input: the
 * JSONL files on disk, and the document text (the report's {@code bytes_in}, 10^6 bytes of UTF-8).
 * Phases are the job's own ({@code seconds_by_phase}: read+clean+filter, dedup, write, report, report-details);
 * end to end is the wall time of {@link CurateJob#run}, Spark session start excluded. The machine
 * is shared, so the load average is printed before and after.
 *
 * <pre>java -Xmx6g --add-opens ... -cp ... dev.pretrain.bench.dedup.CurateBench --corpus /tmp/curatebench/corpus-500mb
 *     [--out /tmp/curatebench/out] [--master local[2]] [--set key=value]... [--runs 1] [--no-quality]</pre>
 *
 * <p>With {@code --runs 2} or more the job runs again in the same JVM and session: later runs are
 * warm (Spark reuses its compiled generated classes, the JIT its machine code), the state of a
 * long job's executors, where the cold run's compilation is a one-time cost.
 */
public final class CurateBench {
  private CurateBench() {}

  public static void main(String[] args) throws IOException {
    Path corpus = null;
    Path out = null;
    String master = "local[2]";
    boolean quality = true;
    int runs = 1;
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--corpus" -> corpus = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--master" -> master = args[++i];
        case "--set" -> sets.add(args[++i]);
        case "--no-quality" -> quality = false;
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (corpus == null) {
      usage("--corpus is required");
    }
    if (out == null) {
      out = Path.of("/tmp/curatebench/out-" + corpus.getFileName());
    }
    Path docs = corpus.resolve(CorpusGenerator.DOCS_DIR);
    long fileBytes = directoryBytes(docs);
    List<String> overrides = new ArrayList<>(List.of("spark.local-master=\"" + master + "\"", "spark.console-progress=false"));
    overrides.addAll(sets);
    LoadedConfig config = ConfigLayers.load(Optional.empty(), overrides, SparkSettings.SCHEMA.plus(CurateSettings.SCHEMA));
    SettingsReader reader = config.reader();
    SparkSettings sparkSettings = SparkSettings.read(reader);
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    // Executor memory metrics: polled every 250 ms, sent every 2 s; process RSS from procfs.
    System.setProperty("spark.executor.metrics.pollingInterval", "250ms");
    System.setProperty("spark.executor.heartbeatInterval", "2s");
    System.setProperty("spark.executor.processTreeMetrics.enabled", "true");

    String loadBefore = loadAverage();
    SparkSession spark = SparkSessions.open(sparkSettings, "curate-bench");
    int cores = cores(spark.sparkContext().master());
    try {
      for (int run = 1; run <= runs; run++) {
        if (runs > 1) {
          System.out.printf(Locale.ROOT, "== run %d of %d%s%n", run, runs,
              run == 1 ? " (cold: the JIT compiles Spark's generated code and ours as it goes)"
                  : " (warm: same JVM, Spark's generated classes and the JIT's code reused)");
        }
        timedRun(spark, settings, config, corpus, docs, out, fileBytes, cores, run == 1 ? loadBefore : loadAverage());
      }
      if (quality) {
        ClusterQuality.evaluate(spark, corpus, out).forEach(System.out::println);
      }
    } finally {
      spark.stop();
    }
  }

  /** One timed run of the job with its figures printed; the output stays in {@code out}. */
  private static void timedRun(SparkSession spark, CurateSettings settings, LoadedConfig config, Path corpus, Path docs,
      Path out, long fileBytes, int cores, String loadBefore) throws IOException {
    PeakMemory memory = new PeakMemory();
    spark.sparkContext().addSparkListener(memory);
    ShuffleBytes shuffle = new ShuffleBytes();
    spark.sparkContext().addSparkListener(shuffle);
    CpuTimeline cpu = new CpuTimeline(20);
    Map<String, Double> threadsBefore = JvmThreadCpu.snapshot();
    long t0 = System.nanoTime();
    CurateReport report = new CurateJob(spark, settings)
        .run(List.of(docs.toString()), out.toString(), true);
    long t1 = System.nanoTime();
    Map<String, Double> threadsAfter = JvmThreadCpu.snapshot();
    double seconds = (t1 - t0) / 1e9;
    String loadAfter = loadAverage();
    cpu.close();
    memory.close();

    System.out.printf(Locale.ROOT, "curate bench: %s (%.1f MB of input files, %.1f MB of text) in %s, java %s, -Xmx %s%n",
        corpus, fileBytes / 1e6, report.bytesIn() / 1e6, spark.sparkContext().master(),
        System.getProperty("java.version"), PeakMemory.mib(Runtime.getRuntime().maxMemory()));
    System.out.println("load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAfter
        + " (" + Runtime.getRuntime().availableProcessors() + " cores, shared with other work)");
    report.summary().forEach(line -> System.out.println("  " + line));
    System.out.printf(Locale.ROOT, "%-14s %8s %11s %11s %8s %11s %11s%n", "", "wall", "input MB/s", "text MB/s",
        "process", "input MB", "text MB");
    System.out.printf(Locale.ROOT, "%-14s %8s %11s %11s %8s %11s %11s%n", "phase", "seconds", "per core", "per core",
        "CPU s", "per CPU s", "per CPU s");
    // The job's phases run back to back from the start of run(), so their boundaries are
    // cumulative sums of their durations.
    long phaseStart = t0;
    double phases = 0;
    for (Map.Entry<String, Double> e : report.secondsByPhase().entrySet()) {
      long phaseEnd = phaseStart + (long) (e.getValue() * 1e9);
      System.out.println(row(e.getKey(), e.getValue(), cpu.cpuSeconds(phaseStart, phaseEnd), fileBytes,
          report.bytesIn(), cores));
      phases += e.getValue();
      phaseStart = phaseEnd;
    }
    System.out.println(row("sum of phases", phases, cpu.cpuSeconds(t0, phaseStart), fileBytes, report.bytesIn(), cores));
    System.out.println(row("end to end", seconds, cpu.cpuSeconds(t0, t1), fileBytes, report.bytesIn(), cores));
    double total = cpu.cpuSeconds(t0, t1);
    if (!threadsAfter.isEmpty()) {
      double jit = threadsAfter.get(JvmThreadCpu.JIT) - threadsBefore.getOrDefault(JvmThreadCpu.JIT, 0.0);
      double gc = threadsAfter.get(JvmThreadCpu.GC) - threadsBefore.getOrDefault(JvmThreadCpu.GC, 0.0);
      System.out.printf(Locale.ROOT, "of the end-to-end CPU %.1f s: JIT compiler threads %.1f s, garbage collector"
          + " threads %.1f s (at least: threads that ended are not counted); without the JIT's, a one-time cost"
          + " per executor JVM that a long job amortizes: %.2f MB of input per CPU s%n", total, jit, gc,
          fileBytes / 1e6 / (total - jit));
    }
    System.out.println("(input = the files as stored, text = the UTF-8 text read from them; wall MB/s per core = MB / wall seconds / " + cores + " cores of the master; per CPU s = MB /"
        + " CPU seconds this process used, all threads; a machine shared with other work lowers the first, not the second)");
    System.out.printf(Locale.ROOT, "documents: %,d in, %,d kept, %,d rejected, %,d removed as duplicates"
        + " (%,d exact, %,d near)%n", report.recordsIn(), report.kept(), report.rejected(), report.duplicatesRemoved(),
        report.exactDuplicatesRemoved(), report.nearDuplicatesRemoved());
    System.out.println("peak memory (local mode: driver and executor are this one JVM):");
    memory.lines().forEach(System.out::println);
    spark.sparkContext().removeSparkListener(memory);
    spark.sparkContext().removeSparkListener(shuffle);
    System.out.printf(Locale.ROOT, "shuffle written: %.1f MB in %,d records (successful tasks)%n", shuffle.bytes() / 1e6,
        shuffle.records());
  }

  private static String row(String name, double seconds, double cpuSeconds, long fileBytes, long textBytes, int cores) {
    return String.format(Locale.ROOT, "%-14s %8.1f %11.2f %11.2f %8.1f %11.2f %11.2f", name, seconds,
        fileBytes / 1e6 / seconds / cores, textBytes / 1e6 / seconds / cores, cpuSeconds,
        fileBytes / 1e6 / cpuSeconds, textBytes / 1e6 / cpuSeconds);
  }

  static int cores(String master) {
    Matcher m = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]").matcher(master);
    if (m.matches() && !m.group(1).equals("*")) {
      return Integer.parseInt(m.group(1));
    }
    return master.equals("local") ? 1 : Runtime.getRuntime().availableProcessors();
  }

  static long directoryBytes(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sum();
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException e) {
      return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          .getSystemLoadAverage());
    }
  }

  private static void usage(String problem) {
    System.err.println(problem + "\nusage: CurateBench --corpus DIR [--out DIR] [--master local[2]] [--set key=value]..."
        + " [--runs 1] [--no-quality]");
    System.exit(2);
  }
}
