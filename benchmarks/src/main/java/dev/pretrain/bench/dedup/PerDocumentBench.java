package dev.pretrain.bench.dedup;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.job.CurateSteps;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Measure;
import dev.pretrain.dedup.step.StepDocument;
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
 * Where the curate job's per-document CPU goes: the job's own list of steps ({@link CurateSteps}:
 * cleaners, filters, language, exact key, MinHash), run one after another on one thread as the
 * job runs them (a step sees only documents its predecessors kept; filters share one view of the
 * text, so the first filter that asks for the words pays for splitting them).
 * Prints, per step, the CPU seconds of this thread (median of {@code --runs} after a warm-up), its
 * share of the total, and MB (10^6 bytes of the original UTF-8 text) per CPU-second of the whole
 * input, so the steps' figures add up to the end-to-end one. Configuration: the job's defaults
 * plus {@code --set key=value} overrides. The filters record their measured values as in the job
 * (the report's histograms); {@code --no-measures} leaves them unrecorded, to see what that costs.
 *
 * <pre>java -cp ... dev.pretrain.bench.dedup.PerDocumentBench [--mb 20] [--runs 3] [--no-measures] [--set k=v]... CORPUS_DIR|FILE.jsonl...</pre>
 */
public final class PerDocumentBench {
  private PerDocumentBench() {}

  public static void main(String[] args) throws IOException {
    int mb = 20;
    int runs = 3;
    boolean measures = true;
    List<String> sets = new ArrayList<>();
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mb" -> mb = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--set" -> sets.add(args[++i]);
        case "--no-measures" -> measures = false;
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

    Steps steps = new Steps(settings, measures);
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

  /** The job's per-document steps ({@link CurateSteps}), each timed on its own with this thread's CPU clock. */
  private static final class Steps {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<DocumentStep> steps;
    private final int measureCount;
    private final Map<String, Integer> measureOffsets;
    private final boolean recordMeasures;
    private long kept;

    Steps(CurateSettings settings, boolean recordMeasures) {
      steps = CurateSteps.of(settings);
      List<Measure> measures = CurateSteps.measures(settings);
      measureCount = measures.size();
      measureOffsets = CurateSteps.measureOffsets(measures);
      this.recordMeasures = recordMeasures;
    }

    Map<String, Long> run(List<String> texts) {
      Map<String, Long> nanos = new LinkedHashMap<>();
      steps.forEach(step -> nanos.put(step.name(), 0L));
      kept = 0;
      for (String original : texts) {
        StepDocument document = new StepDocument(original);
        if (recordMeasures) {
          double[] measured = new double[measureCount];
          java.util.Arrays.fill(measured, Double.NaN);
          document.recordMeasures(measured, measureOffsets);
        }
        boolean dropped = false;
        for (DocumentStep step : steps) {
          long t0 = cpu();
          dropped = step.run(document).isPresent();
          nanos.merge(step.name(), cpu() - t0, Long::sum);
          if (dropped) {
            break;
          }
        }
        kept += dropped ? 0 : 1;
      }
      return nanos;
    }

    private long cpu() {
      return threads.getCurrentThreadCpuTime();
    }
  }
}
