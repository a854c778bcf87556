package dev.pretrain.bench.tokenize;

import dev.pretrain.tokenize.export.ExportFormat;
import dev.pretrain.tokenize.export.ExportTokensJob;
import dev.pretrain.tokenize.export.ExportTokensReport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Export throughput of {@code pipeline export-tokens} for each format, in one JVM: the job as the
 * command runs it (manifest, reading every shard into packed order, writing the documents, commit),
 * {@code RUNS} times per format after one warm-up run, on local disk. The export runs in one thread, so
 * its rate is per core. "MB/s of tokens" counts the ids read from the shards as 4-byte int32 (rows ×
 * (seq_len + 1) × 4), whatever width the format writes. Both rates are printed: per second of wall
 * time, and per second of the exporting thread's CPU time (what the figure is on a machine shared with
 * other work, where wall time includes waiting for a core).
 *
 * <pre>
 * benchmarks/bin/bench ExportTokensBench DATASET_DIR OUT_ROOT [RUNS]
 * benchmarks/bin/bench ExportTokensBench quickstart-out/shards /tmp/exportbench 3
 * </pre>
 */
public final class ExportTokensBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ExportTokensBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: ExportTokensBench DATASET_DIR OUT_ROOT [RUNS]");
      System.exit(2);
    }
    String data = args[0];
    Path root = Files.createDirectories(Path.of(args[1]));
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path temp = Files.createDirectories(root.resolve("tmp"));
    Configuration hadoop = new Configuration();
    System.out.printf(Locale.ROOT, "export-tokens on %s, %d runs per format after a warm-up, one thread%n", data, runs);
    for (ExportFormat format : ExportFormat.values()) {
      String out = root.resolve(format.cliName()).toString();
      ExportTokensJob.Request request = new ExportTokensJob.Request(data, format, out, List.of(),
          format.defaultMaxFileBytes(), true, temp);
      ExportTokensJob.run(request, hadoop, line -> {});
      double[] wall = new double[runs];
      double[] cpu = new double[runs];
      ExportTokensReport last = null;
      for (int r = 0; r < runs; r++) {
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        last = ExportTokensJob.run(request, hadoop, line -> {});
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
        wall[r] = last.tokensRead() * 4.0 / 1e6 / last.seconds();
        cpu[r] = last.tokensRead() * 4.0 / 1e6 / cpuSeconds;
      }
      Arrays.sort(wall);
      Arrays.sort(cpu);
      System.out.printf(Locale.ROOT, "%-9s %,d ids read, %,d written (%s): median %.1f MB/s of tokens per core of"
              + " CPU time (min %.1f, max %.1f); %.1f MB/s of wall time (min %.1f, max %.1f)%n", format.cliName(),
          last.tokensRead(), last.splits().values().stream().mapToLong(ExportTokensReport.SplitExport::tokens).sum(),
          last.dtype().numpyName(), cpu[runs / 2], cpu[0], cpu[runs - 1], wall[runs / 2], wall[0], wall[runs - 1]);
    }
  }
}
