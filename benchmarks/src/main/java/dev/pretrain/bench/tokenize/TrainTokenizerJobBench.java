package dev.pretrain.bench.tokenize;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.tokenize.job.TrainTokenizerJob;
import dev.pretrain.tokenize.job.TrainTokenizerReport;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;

/**
 * The train-tokenizer job in {@code local[2]} on {@code MB} megabytes of {@link SyntheticDocuments}
 * (written to {@code WORK_DIR/documents-<MB>mb} unless already there): time per phase (Spark
 * counting, driver merges, writing, held-out encoding), words and merges, held-out bytes per
 * token, and memory. Driver and executors share the JVM in local mode, so the whole-run peaks
 * (heap pools' peaks summed, and the process's peak RSS) bound the driver's from above; the heap
 * in use sampled every 50 ms while no Spark job runs (the driver alone: merges, writing) is the
 * driver's own peak, garbage included.
 *
 * <pre>
 * java -Xmx6g $SPARK_JVM_FLAGS -cp ... dev.pretrain.bench.tokenize.TrainTokenizerJobBench 'CORPUS/*.jsonl.gz' WORK_DIR [MB=200] [VOCAB=32000] [KEY=VALUE ...]
 * </pre>
 *
 * Extra {@code train-tokenizer.*} settings may follow as {@code key=value}.
 */
public final class TrainTokenizerJobBench {
  private TrainTokenizerJobBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: TrainTokenizerJobBench CORPUS_GLOB WORK_DIR [MB=200] [VOCAB=32000] [KEY=VALUE ...]");
      System.exit(2);
    }
    long mb = args.length > 2 ? Long.parseLong(args[2]) : 200;
    String vocab = args.length > 3 ? args[3] : "32000";
    List<String> sets = new ArrayList<>(List.of("train-tokenizer.vocab-size=" + vocab));
    sets.addAll(Arrays.asList(args).subList(Math.min(args.length, 4), args.length));
    SparkSession spark = BenchSpark.start("TrainTokenizerJobBench");
    try {
      String documents = args[1] + "/documents-" + mb + "mb";
      long docs = SyntheticDocuments.generate(spark, args[0], documents, mb, 1);
      System.out.printf("input: %s, %d documents%n", documents, docs);
      SettingsReader r = ConfigLayers.load(Optional.empty(), sets, TrainTokenizerSettings.SCHEMA).reader();
      TrainTokenizerSettings settings = TrainTokenizerSettings.read(r);
      r.finish();

      JobTimes times = JobTimes.attach(spark);
      System.gc();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        pool.resetPeakUsage();
      }
      AtomicLong driverOnlyPeak = new AtomicLong();
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          if (!times.anyJobRunning()) {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            driverOnlyPeak.accumulateAndGet(used, Math::max);
          }
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
      long cpuBefore = TokenizeJobBench.processCpuNanos();
      TrainTokenizerReport report = TrainTokenizerJob.run(spark, settings, documents, args[1] + "/tokenizer-" + vocab + ".json", true);
      double cpu = (TokenizeJobBench.processCpuNanos() - cpuBefore) / 1e9;
      sampler.interrupt();
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      TrainTokenizerReport.Phases p = report.phases();
      System.out.printf("vocab %s on %d MB of documents (%d of them counted): %.1f s (%.1f CPU s, load average %.1f)%n",
          vocab, mb, report.trainingDocuments(), report.seconds(),
          cpu, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.printf("  counting (Spark) %.1f s, merges (driver) %.1f s, writing %.2f s, held-out encoding %.1f s%n",
          p.counting(), p.merges(), p.writing(), p.heldOut());
      for (Map.Entry<String, Double> job : times.drain().entrySet()) {
        System.out.printf("    spark job %-55s %7.1f s%n", job.getKey(), job.getValue());
      }
      System.out.printf("  %d distinct words, %d kept, %d merges, %d ids, %.3f bytes/token held out%n",
          report.distinctWords(), report.wordsKept(), report.merges(), report.vocabSize(), report.heldOutBytesPerToken());
      System.out.printf("  memory: heap pools' peaks summed %d MB, heap in use while only the driver ran %d MB,"
          + " peak RSS %s, max heap %d MB%n", peak >> 20, driverOnlyPeak.get() >> 20, peakRss(),
          Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      spark.stop();
    }
  }

  /** VmHWM from /proc/self/status (Linux), or "n/a". */
  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return line.substring("VmHWM:".length()).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "n/a";
  }
}
