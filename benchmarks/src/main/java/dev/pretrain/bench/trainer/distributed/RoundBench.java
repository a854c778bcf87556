package dev.pretrain.bench.trainer.distributed;

import dev.pretrain.bench.trainer.TrainConfig;
import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.distributed.DilocoRun;
import dev.pretrain.trainer.distributed.DilocoSettings;
import dev.pretrain.trainer.distributed.InnerTraining;
import dev.pretrain.trainer.distributed.TaskResources;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.model.GptConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Time per DiLoCo round in {@code local[2]} with two workers (one core each), split into broadcast,
 * compute and aggregation, against the same H steps run in a single process with one ND4J thread (what
 * each task gets). Synthetic token rows, no shard I/O; B = 8, T = the preset's block. The first round
 * (warm-up) and the last (it writes the checkpoint) are left out of the medians.
 *
 * <p>Usage: {@code RoundBench [preset ...] [--h H] [--rounds R]}; defaults: tiny with H = 100 and small
 * with H = 5, 4 rounds each. The load average is printed: this machine is shared.
 */
public final class RoundBench {
  private RoundBench() {}

  private static final int WORKERS = 2;
  private static final int BATCH = 8;

  public static void main(String[] args) throws IOException {
    List<String> presets = new ArrayList<>();
    int h = -1;
    int rounds = 4;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--h" -> h = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> presets.add(args[i]);
      }
    }
    if (presets.isEmpty()) {
      presets = List.of("tiny", "small");
    }
    SparkSession spark = SparkSession.builder().master("local[2]").appName("RoundBench")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer").getOrCreate();
    try {
      for (String preset : presets) {
        run(spark, preset, h > 0 ? h : preset.equals("tiny") ? 100 : 5, rounds);
      }
    } finally {
      spark.stop();
    }
  }

  private static void run(SparkSession spark, String preset, int h, int rounds) throws IOException {
    // The settings train --workers runs with: H inner steps of one micro-batch, one checkpoint at the end; no
    // warmup, as a few rounds of small are shorter than the default's.
    TrainConfig config = TrainConfig.oneBatchPerStep(preset, BATCH, 0, "train.max-steps=" + (long) h * rounds,
        "train.warmup-steps=0", "train.diloco.inner-steps=" + h, "train.diloco.checkpoint-interval=" + rounds);
    GptConfig m = config.train().model();
    InnerTraining inner = InnerTraining.of(config.train(), config.diloco());
    DilocoSettings diloco = config.diloco();
    Path runDir = Files.createTempDirectory("round-bench");
    SyntheticSlices data = new SyntheticSlices(m.vocabSize(), BATCH, m.blockSize());
    DilocoRun run = new DilocoRun(JavaSparkContext.fromSparkContext(spark.sparkContext()), inner, diloco, WORKERS,
        data, new HadoopConf(new Configuration()), new DilocoRun.Persistence(runDir.toString(), "synthetic", 1),
        new int[0], new PrintStream(System.out, true));
    List<DilocoRun.RoundStats> stats = run.run(rounds, false, false).stats();
    List<DilocoRun.RoundStats> timed = stats.subList(1, Math.max(2, stats.size() - 1));

    // The same H steps in this JVM, one ND4J thread as each task had.
    TaskResources.limitThreads(1);
    Trainer single = new Trainer(new Gpt(inner.model(), BATCH, m.blockSize(), DataType.FLOAT, 1),
        inner.trainerSettings());
    double[] singleSeconds = new double[Math.max(1, timed.size())];
    for (int i = 0; i < singleSeconds.length; i++) {
      try (BatchSource batches = data.open(i + 1, 0)) {
        long t0 = System.nanoTime();
        single.run(h, batches);
        singleSeconds[i] = (System.nanoTime() - t0) / 1e9;
      }
    }
    double round = median(timed, DilocoRun.RoundStats::roundSeconds);
    double compute = median(timed, DilocoRun.RoundStats::computeSeconds);
    double singleH = median(singleSeconds);
    System.out.printf(Locale.ROOT, "%s (%,d parameters, Δ %.1f MB), %d workers, H=%d, median of %d round(s),"
            + " load average %.1f:%n", preset, m.parameterCount(), m.parameterCount() * 4 / 1e6, WORKERS, h,
        timed.size(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(Locale.ROOT, "  round %.3fs = broadcast %.3fs + compute %.3fs + aggregation %.3fs"
            + " + task setup %.3fs%n", round, median(timed, DilocoRun.RoundStats::broadcastSeconds), compute,
        median(timed, DilocoRun.RoundStats::aggregationSeconds),
        round - median(timed, DilocoRun.RoundStats::broadcastSeconds) - compute
            - median(timed, DilocoRun.RoundStats::aggregationSeconds));
    System.out.printf(Locale.ROOT, "  Spark overhead (round − compute) %.3fs = %.1f%% of compute;"
            + " same H steps in one process %.3fs, round/single %.2f%n", round - compute,
        100 * (round - compute) / compute, singleH, round / singleH);
  }

  private static double median(List<DilocoRun.RoundStats> stats, ToDoubleFunction<DilocoRun.RoundStats> f) {
    return median(stats.stream().mapToDouble(f).toArray());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
