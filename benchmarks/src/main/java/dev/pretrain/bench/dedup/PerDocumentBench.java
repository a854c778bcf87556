package dev.pretrain.bench.dedup;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.clean.CleanChain;
import dev.pretrain.dedup.clean.CleanCounters;
import dev.pretrain.dedup.clean.Cleaner;
import dev.pretrain.dedup.filter.DocumentFilter;
import dev.pretrain.dedup.filter.DocumentText;
import dev.pretrain.dedup.filter.FilterChain;
import dev.pretrain.dedup.filter.LanguageFilter;
import dev.pretrain.dedup.filter.Verdict;
import dev.pretrain.dedup.minhash.DedupNormalizer;
import dev.pretrain.dedup.minhash.ExactKey;
import dev.pretrain.dedup.minhash.MinHasher;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the curate job's per-document CPU goes: every cleaner, filter, the language filter, the
 * exact key and the MinHash signature, run one after another on one thread exactly as the job
 * chains them (a filter sees only documents its predecessors kept; filters share one
 * {@link DocumentText}, so the first filter that asks for the words pays for splitting them).
 * Prints, per step, the CPU seconds of this thread (median of {@code --runs} after a warm-up), its
 * share of the total, and MB (10^6 bytes of the original UTF-8 text) per CPU-second of the whole
 * input, so the steps' figures add up to the end-to-end one. Configuration: the job's defaults
 * plus {@code --set key=value} overrides.
 *
 * <pre>java -cp ... dev.pretrain.bench.dedup.PerDocumentBench [--mb 20] [--runs 3] [--set k=v]... CORPUS_DIR|FILE.jsonl...</pre>
 */
public final class PerDocumentBench {
  private PerDocumentBench() {}

  public static void main(String[] args) throws IOException {
    int mb = 20;
    int runs = 3;
    List<String> sets = new ArrayList<>();
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mb" -> mb = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--set" -> sets.add(args[++i]);
        default -> inputs.add(Path.of(args[i]));
      }
    }
    if (inputs.isEmpty()) {
      System.err.println("usage: PerDocumentBench [--mb 20] [--runs 3] [--set k=v]... CORPUS_DIR|FILE.jsonl...");
      System.exit(2);
    }
    SettingsReader reader = ConfigLayers.load(Optional.empty(), sets, CurateSettings.SCHEMA).reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();

    List<String> texts = sample(inputs, mb * 1_000_000L);
    long bytes = texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
    System.out.printf("input: %d documents, %.1f MB%n", texts.size(), bytes / 1e6);

    Steps steps = new Steps(settings);
    steps.run(texts); // warm-up: JIT, and Lingua's lazily loaded models
    List<Map<String, Long>> timings = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      timings.add(steps.run(texts));
    }
    print(timings, bytes, steps.kept);
  }

  /** The documents of the inputs (a corpus directory's {@code docs/}, or JSONL files), up to {@code limit} bytes. */
  private static List<String> sample(List<Path> inputs, long limit) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      Path dir = Files.isDirectory(input.resolve(CorpusGenerator.DOCS_DIR)) ? input.resolve(CorpusGenerator.DOCS_DIR) : input;
      if (Files.isDirectory(dir)) {
        try (Stream<Path> listing = Files.list(dir)) {
          listing.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".jsonl.gz")).sorted().forEach(files::add);
        }
      } else {
        files.add(dir);
      }
    }
    List<String> out = new ArrayList<>();
    long bytes = 0;
    for (Path file : files) {
      for (String text : JsonlRecords.texts(List.of(file))) {
        out.add(text);
        bytes += text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= limit) {
          return out;
        }
      }
    }
    return out;
  }

  private static void print(List<Map<String, Long>> timings, long bytes, long kept) {
    Map<String, Long> median = new LinkedHashMap<>();
    for (String step : timings.get(0).keySet()) {
      long[] values = timings.stream().mapToLong(t -> t.get(step)).sorted().toArray();
      median.put(step, values[values.length / 2]);
    }
    long total = median.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("%-26s %10s %7s %14s%n", "step", "CPU s", "share", "MB/CPU-s");
    for (Map.Entry<String, Long> step : median.entrySet()) {
      double seconds = step.getValue() / 1e9;
      System.out.printf("%-26s %10.3f %6.1f%% %14.1f%n", step.getKey(), seconds, 100.0 * step.getValue() / total,
          bytes / 1e6 / seconds);
    }
    System.out.printf("%-26s %10.3f %6.1f%% %14.1f%n", "all", total / 1e9, 100.0, bytes / 1e6 / (total / 1e9));
    System.out.printf("kept %d documents; median of %d runs%n", kept, timings.size());
  }

  /** The job's per-document steps, each timed on its own with this thread's CPU clock. */
  private static final class Steps {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<Cleaner> cleaners;
    private final List<DocumentFilter> filters;
    private final Optional<LanguageFilter> language;
    private final DedupNormalizer normalizer = new DedupNormalizer();
    private final MinHasher minHasher;
    private long kept;

    Steps(CurateSettings settings) {
      cleaners = CleanChain.of(settings.clean()).cleaners();
      filters = FilterChain.of(settings.filter()).filters();
      language = settings.filter().languageFilter();
      minHasher = new MinHasher(settings.minhash());
    }

    Map<String, Long> run(List<String> texts) {
      Map<String, Long> nanos = new LinkedHashMap<>();
      cleaners.forEach(c -> nanos.put("clean " + c.name(), 0L));
      filters.forEach(f -> nanos.put("filter " + f.name(), 0L));
      language.ifPresent(l -> nanos.put("filter language", 0L));
      nanos.put("exact key", 0L);
      nanos.put("minhash", 0L);
      long[] keys = new long[minHasher.bands()];
      long[] signature = new long[minHasher.settings().permutations()];
      kept = 0;
      for (String original : texts) {
        CleanCounters counters = new CleanCounters();
        String text = original;
        for (Cleaner cleaner : cleaners) {
          long t0 = cpu();
          text = cleaner.apply(text, counters);
          nanos.merge("clean " + cleaner.name(), cpu() - t0, Long::sum);
        }
        if (text.isBlank() || !filtered(text, nanos)) {
          continue;
        }
        kept++;
        // As the job: one normalization (counted with the exact key) feeds both.
        long t0 = cpu();
        int normalized = normalizer.normalize(text);
        ExactKey.ofNormalized(normalizer.buffer(), normalized);
        long t1 = cpu();
        if (minHasher.signNormalized(normalizer.buffer(), normalized, signature)) {
          minHasher.bandKeys(signature, keys);
        }
        long t2 = cpu();
        nanos.merge("exact key", t1 - t0, Long::sum);
        nanos.merge("minhash", t2 - t1, Long::sum);
      }
      return nanos;
    }

    private boolean filtered(String text, Map<String, Long> nanos) {
      DocumentText document = new DocumentText(text);
      for (DocumentFilter filter : filters) {
        long t0 = cpu();
        Verdict verdict = filter.apply(document);
        nanos.merge("filter " + filter.name(), cpu() - t0, Long::sum);
        if (!verdict.kept()) {
          return false;
        }
      }
      if (language.isPresent()) {
        long t0 = cpu();
        Verdict verdict = language.get().verdict(language.get().identify(text));
        nanos.merge("filter language", cpu() - t0, Long::sum);
        return verdict.kept();
      }
      return true;
    }

    private long cpu() {
      return threads.getCurrentThreadCpuTime();
    }
  }
}
