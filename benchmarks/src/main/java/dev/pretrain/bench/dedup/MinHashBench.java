package dev.pretrain.bench.dedup;

import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.clean.CleanChain;
import dev.pretrain.dedup.clean.CleanCounters;
import dev.pretrain.dedup.filter.FilterChain;
import dev.pretrain.dedup.filter.Verdict;
import dev.pretrain.dedup.job.CurateSteps;
import dev.pretrain.dedup.minhash.DedupNormalizer;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.minhash.MinHasher;
import dev.pretrain.dedup.step.DocumentStep;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Single-thread throughput of the per-document work of the curate job on real text: dedup
 * normalization alone, normalization + shingling + MinHash signatures, and the clean + filter
 * chain. MB are 10^6 bytes of UTF-8 input text; each figure is the median of several timed runs
 * after a warm-up pass. "Per core" figures divide by the thread's CPU time, so other work on a
 * shared machine does not count against them (caches and memory bandwidth are still shared); the
 * wall-clock figure is printed beside it. Also reports bytes allocated per document by the
 * signature loop. Settings: the curate job's (reference.conf) plus {@code --set key=value}; the
 * signatures also with the {@code strict-20x13} preset.
 *
 * <pre>java -cp ... dev.pretrain.bench.dedup.MinHashBench [--min-mb 50] [--runs 5] [--set k=v]... FILE.jsonl.gz...</pre>
 */
public final class MinHashBench {
  private MinHashBench() {}

  public static void main(String[] args) throws IOException {
    int minMb = 50;
    int runs = 5;
    List<Path> files = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--min-mb" -> minMb = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--set" -> sets.add(args[++i]);
        default -> files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: MinHashBench [--min-mb N] [--runs N] [--set k=v]... FILE.jsonl[.gz]...");
      System.exit(2);
    }
    CurateSettings settings = CurateConfig.read(sets);
    List<String> strict = new ArrayList<>(sets);
    strict.add("curate.minhash.preset=strict-20x13");
    List<String> sample = JsonlRecords.texts(files);
    long sampleBytes = utf8Bytes(sample);
    List<String> docs = new ArrayList<>();
    long bytes = 0;
    while (bytes < minMb * 1_000_000L) {
      docs.addAll(sample);
      bytes += sampleBytes;
    }
    System.out.printf("input: %d documents, %.1f MB from %s; benchmark set: %d documents, %.1f MB (x%d)%n",
        sample.size(), sampleBytes / 1e6, files, docs.size(), bytes / 1e6, docs.size() / sample.size());
    System.out.printf("java %s, %d timed runs each, median reported, 1 thread; load average %.1f on %d cores"
        + " (other work on the machine lowers every figure)%n", System.getProperty("java.version"), runs,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());

    DedupNormalizer normalizer = new DedupNormalizer();
    Throughput normalize = median(runs, () -> {
      long sink = 0;
      for (String d : docs) {
        sink += normalizer.normalize(d);
      }
      return sink;
    }, bytes);
    System.out.println("dedup normalization: " + normalize);

    for (MinHashSettings s : List.of(settings.minhash(), CurateConfig.read(strict).minhash())) {
      MinHasher hasher = new MinHasher(s);
      long[] signature = new long[s.permutations()];
      long[] keys = new long[s.bands()];
      Throughput mbps = median(runs, () -> {
        long sink = 0;
        for (String d : docs) {
          if (hasher.sign(d, signature)) {
            hasher.bandKeys(signature, keys);
            sink += keys[0];
          }
        }
        return sink;
      }, bytes);
      long allocated = allocatedBytes(() -> {
        for (String d : docs) {
          if (hasher.sign(d, signature)) {
            hasher.bandKeys(signature, keys);
          }
        }
      });
      System.out.printf("normalize + shingle + %3d-permutation MinHash + %2d band keys: %s,"
          + " %.2f bytes allocated per document%n", s.permutations(), s.bands(), mbps,
          (double) allocated / docs.size());
    }

    List<DocumentStep> steps = CurateSteps.of(settings);
    CleanChain clean = CleanChain.of(steps);
    FilterChain filter = FilterChain.qualityOf(steps);
    Throughput cleanMbps = median(runs, () -> {
      long sink = 0;
      CleanCounters counters = new CleanCounters();
      for (String d : sample) {
        sink += clean.apply(d, counters).length();
      }
      return sink;
    }, sampleBytes);
    List<String> cleaned = new ArrayList<>();
    CleanCounters counters = new CleanCounters();
    for (String d : sample) {
      cleaned.add(clean.apply(d, counters));
    }
    Throughput filterMbps = median(runs, () -> {
      long sink = 0;
      for (String d : cleaned) {
        sink += filter.apply(d).kept() ? 1 : 0;
      }
      return sink;
    }, sampleBytes);
    Throughput chainMbps = median(runs, () -> {
      long sink = 0;
      CleanCounters c = new CleanCounters();
      for (String d : sample) {
        sink += filter.apply(clean.apply(d, c)).kept() ? 1 : 0;
      }
      return sink;
    }, sampleBytes);
    System.out.println("clean chain (html, nfc, control, mojibake, c4-lines, pii, whitespace): " + cleanMbps);
    System.out.println("filter chain (c4-page, gopher-repetition, gopher-quality, fineweb-quality): " + filterMbps);
    System.out.println("clean + filter, per document: " + chainMbps);

    Map<String, Integer> outcomes = new TreeMap<>();
    for (String d : cleaned) {
      Verdict v = filter.apply(d);
      outcomes.merge(v.kept() ? "kept" : v.filter() + "/" + v.rule(), 1, Integer::sum);
    }
    System.out.println("filter outcomes on the sample: " + outcomes);
    System.out.println("clean counters on the sample: " + counters);
    System.out.printf("load average at the end: %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private interface Work {
    long run();
  }

  /** Median MB per CPU-second and per wall-second of {@code runs} timed runs. */
  private record Throughput(double perCpuSecond, double perWallSecond) {
    @Override
    public String toString() {
      return String.format("%7.1f MB/s per core (wall clock %.1f MB/s)", perCpuSecond, perWallSecond);
    }
  }

  private static Throughput median(int runs, Work work, long bytes) {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = work.run(); // warm-up
    double[] cpu = new double[runs];
    double[] wall = new double[runs];
    for (int i = 0; i < runs; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      sink += work.run();
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      cpu[i] = bytes / 1e6 / ((c1 - c0) / 1e9);
      wall[i] = bytes / 1e6 / ((t1 - t0) / 1e9);
    }
    if (sink == 42) {
      System.out.print("");
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    return new Throughput(cpu[runs / 2], wall[runs / 2]);
  }

  private static long allocatedBytes(Runnable r) {
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(id);
    r.run();
    return bean.getThreadAllocatedBytes(id) - before;
  }

  private static long utf8Bytes(List<String> texts) {
    long n = 0;
    for (String t : texts) {
      n += t.getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
  }

}
