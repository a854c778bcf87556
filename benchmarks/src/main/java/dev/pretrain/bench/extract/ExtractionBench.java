package dev.pretrain.bench.extract;

import dev.pretrain.dedup.extract.ExtractSettings;
import dev.pretrain.dedup.extract.Extraction;
import dev.pretrain.dedup.extract.MainContentExtractor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Quality and speed of {@link MainContentExtractor} on the extraction dev set
 * ({@link ExtractionDevSet}): the snippet metric ({@link ExtractionScore}) over all pages and over
 * the pages at even and at odd positions of {@code evaldata.json} (two disjoint halves: a general
 * improvement helps both), pages per path, and the speed on this one thread in MB (10^6 bytes of
 * HTML as served) per second, median of {@code --runs} after a warm-up run. Timed: jsoup's parse plus the extraction, i.e. the call
 * {@code extract(String)}; decoding the bytes is done once before and not timed. Both the thread's
 * CPU time and the wall time are given (the machine may be shared).
 *
 * <pre>benchmarks/bin/bench ExtractionBench --dev /work/shared/extraction-dev [--mode main|full] [--runs 3] [--dump DIR]</pre>
 */
public final class ExtractionBench {
  private ExtractionBench() {}

  public static void main(String[] args) throws IOException {
    Path dev = null;
    ExtractSettings.Mode mode = ExtractSettings.Mode.MAIN;
    int runs = 3;
    Path dump = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dev" -> dev = Path.of(args[++i]);
        case "--mode" -> mode = ExtractSettings.Mode.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--dump" -> dump = Path.of(args[++i]);
        default -> {
          System.err.println("usage: ExtractionBench --dev DIR [--mode main|full] [--runs 3] [--dump DIR]");
          System.exit(2);
        }
      }
    }
    if (dev == null) {
      System.err.println("usage: ExtractionBench --dev DIR [--mode main|full] [--runs 3] [--dump DIR]");
      System.exit(2);
    }
    List<ExtractionDevSet.Page> pages = ExtractionDevSet.read(dev);
    long bytes = pages.stream().mapToLong(ExtractionDevSet.Page::bytes).sum();
    ExtractSettings d = ExtractSettings.DEFAULTS;
    MainContentExtractor extractor = new MainContentExtractor(
        new ExtractSettings(mode, d.minMainChars(), d.maxMarkupChars(), d.maxElements()));
    System.out.printf("dev set: %d pages, %.1f MB of HTML; mode %s%n", pages.size(), bytes / 1e6, mode);

    ExtractionScore score = ExtractionScore.ZERO;
    // Two disjoint halves (pages at even and odd positions) to tell a general gain from one that
    // a few pages make: a rule worth keeping helps both.
    ExtractionScore[] halves = {ExtractionScore.ZERO, ExtractionScore.ZERO};
    Map<Extraction.Path, Integer> paths = new EnumMap<>(Extraction.Path.class);
    int cut = 0;
    for (int i = 0; i < pages.size(); i++) {
      ExtractionDevSet.Page p = pages.get(i);
      Extraction x = extractor.extract(p.html());
      ExtractionScore page = ExtractionScore.of(x.text(), p.with(), p.without());
      score = score.plus(page);
      halves[i % 2] = halves[i % 2].plus(page);
      paths.merge(x.path(), 1, Integer::sum);
      cut += x.budgetExceeded() ? 1 : 0;
      if (dump != null) {
        java.nio.file.Files.createDirectories(dump);
        java.nio.file.Files.writeString(dump.resolve(p.file().replace(".html.gz", ".txt")),
            "# " + p.url() + "\n# title: " + x.title() + "\n# path: " + x.path() + "\n" + x.text() + "\n");
      }
    }
    System.out.println(score);
    System.out.println("even pages: " + halves[0]);
    System.out.println("odd pages:  " + halves[1]);
    System.out.println("pages per path: " + paths + "; budget exceeded: " + cut);

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] cpu = new long[runs];
    long[] wall = new long[runs];
    for (int r = 0; r < runs; r++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (ExtractionDevSet.Page p : pages) {
        extractor.extract(p.html());
      }
      cpu[r] = threads.getCurrentThreadCpuTime() - c0;
      wall[r] = System.nanoTime() - w0;
    }
    System.out.printf("speed (parse + extract, one thread, median of %d runs after a warm-up): "
        + "%.1f MB/s of CPU time, %.1f MB/s of wall time%n",
        runs, bytes / 1e6 / (median(cpu) / 1e9), bytes / 1e6 / (median(wall) / 1e9));
  }

  private static double median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }
}
