package dev.pretrain.bench.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pretrain.dedup.filter.LanguageFilter;
import dev.pretrain.dedup.filter.LanguageSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cost of the language filter, one configuration per JVM (both engines keep loaded models in static
 * maps, so a second configuration in the same JVM would be measured on a warm heap): the time to
 * build the detector, the heap it holds (used heap after a full GC, before and after), and the
 * single-thread throughput over the input (median of several runs after a warm-up, MB = 10^6
 * bytes of UTF-8, per CPU-second of the thread and per wall-second). Where the input carries a
 * {@code meta.bcp47} tag (the sample UDHR file), also how often the language found matches it.
 * Settings: the job's {@code curate.filter.language} (reference.conf), each option overriding its key.
 *
 * <pre>java -cp ... dev.pretrain.bench.dedup.LanguageBench [--engine langid|lingua] [--accuracy low|high] [--max-chars N]
 *     [--detect-among en,fr,...] [--runs 5] [--min-mb 5] FILE.jsonl[.gz]...</pre>
 */
public final class LanguageBench {
  private LanguageBench() {}

  private record Doc(String text, String expected) {}

  public static void main(String[] args) throws IOException {
    String key = "curate.filter.language.";
    List<String> overrides = new ArrayList<>(List.of(key + "enabled=true"));
    int runs = 5;
    int minMb = 5;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--engine" -> overrides.add(key + "engine=" + args[++i]);
        case "--accuracy" -> overrides.add(key + "accuracy=" + args[++i]);
        case "--max-chars" -> overrides.add(key + "max-chars=" + args[++i]);
        case "--detect-among" -> overrides.add(key + "detect-among=[" + args[++i] + "]");
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--min-mb" -> minMb = Integer.parseInt(args[++i]);
        default -> files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: LanguageBench [--engine langid|lingua] [--accuracy low|high] [--max-chars N] [--detect-among en,fr] FILE...");
      System.exit(2);
    }
    List<Doc> sample = read(files);
    LanguageSettings settings = CurateConfig.read(overrides).filter().language();
    List<String> among = settings.detectAmong();

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = usedHeapAfterGc(memory);
    long t0 = System.nanoTime();
    LanguageFilter filter = new LanguageFilter(settings);
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    long heapAfter = usedHeapAfterGc(memory);
    System.out.printf("java %s, max heap %d MB; engine %s, accuracy %s (lingua only), max-chars %d, detect among %s languages%n",
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, settings.engine(),
        settings.accuracy(), settings.maxChars(),
        among.isEmpty() ? "all " + LanguageSettings.codes(settings.engine()).size() : among.toString());
    System.out.printf("detector built in %.1f s; heap held by the models: %.0f MB%n",
        buildSeconds, (heapAfter - heapBefore) / 1e6);

    long sampleBytes = 0;
    for (Doc d : sample) {
      sampleBytes += d.text().getBytes(StandardCharsets.UTF_8).length;
    }
    List<Doc> docs = new ArrayList<>();
    long bytes = 0;
    while (bytes < minMb * 1_000_000L) {
      docs.addAll(sample);
      bytes += sampleBytes;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] cpu = new double[runs];
    double[] wall = new double[runs];
    long sink = 0;
    for (Doc d : docs) {
      sink += filter.identify(d.text()).code().length(); // warm-up
    }
    for (int r = 0; r < runs; r++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (Doc d : docs) {
        sink += filter.identify(d.text()).code().length();
      }
      cpu[r] = bytes / 1e6 / ((threads.getCurrentThreadCpuTime() - c0) / 1e9);
      wall[r] = bytes / 1e6 / ((System.nanoTime() - w0) / 1e9);
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf("%d documents, %.1f MB per run: %.2f MB/s per core (wall clock %.2f MB/s), median of %d%s%n",
        docs.size(), bytes / 1e6, cpu[runs / 2], wall[runs / 2], runs, sink == 42 ? " " : "");

    int labelled = 0;
    int matched = 0;
    List<String> misses = new ArrayList<>();
    List<String> wronglyKept = new ArrayList<>();
    for (Doc d : sample) {
      if (d.expected() != null) {
        labelled++;
        LanguageFilter.Identification id = filter.identify(d.text());
        if (id.kept() && !settings.keep().contains(d.expected())) {
          wronglyKept.add(d.expected() + "->" + id.code() + String.format(":%.2f", id.confidence()));
        }
        boolean expectedDetectable = among.isEmpty() || among.contains(d.expected());
        if (id.code().equals(d.expected())) {
          matched++;
        } else if (expectedDetectable) {
          misses.add(d.expected() + "->" + id.code() + String.format(":%.2f", id.confidence()));
        }
      }
    }
    if (labelled > 0) {
      System.out.printf("labelled documents: %d, language found = label: %d; misses among detectable: %s%n",
          labelled, matched, misses);
      System.out.printf("kept (keep = %s) though labelled another language: %s%n", settings.keep(), wronglyKept);
    }
    System.out.printf("load average: %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static List<Doc> read(List<Path> files) throws IOException {
    List<Doc> out = new ArrayList<>();
    for (Path file : files) {
      for (JsonNode node : JsonlRecords.read(file)) {
        JsonNode tag = node.path("meta").path("bcp47");
        String expected = tag.isTextual() ? tag.asText().split("-")[0] : null;
        out.add(new Doc(node.get("text").asText(), expected));
      }
    }
    return out;
  }
}
