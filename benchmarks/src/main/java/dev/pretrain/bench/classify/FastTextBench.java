package dev.pretrain.bench.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.classify.fasttext.FastTextModel;
import dev.pretrain.classify.fasttext.FastTextPredictor;
import dev.pretrain.classify.fasttext.FastTextReader;
import dev.pretrain.classify.fasttext.Prediction;
import dev.pretrain.classify.fasttext.Scoring;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * fastText's own command line against the Java predictor, on one thread each, on the same text
 * and model. The model is a DCLM-style quality classifier: trained here by {@code fasttext
 * supervised} (64 dims, word bigrams, fastText's default 2M buckets; not kept) on the sample's
 * documents, one per line with newlines as spaces, Brown and UDHR as {@code __label__hq} against
 * SpamAssassin as {@code __label__cc}. Both then predict the same text, those documents again (MB =
 * 10^6 bytes of UTF-8): {@code fasttext predict-prob MODEL TEXT 1} with its output discarded, its CPU
 * seconds (user + system, from bash's {@code time}) less those of loading the model (the same command
 * on an empty text); Java's {@link FastTextPredictor#predict(CharSequence, int, float)} per line (each
 * line a String, as curate has its documents), its thread's CPU seconds. Medians of several runs
 * after a warm-up run, wall clock beside CPU, and the ratio; plus how many lines the two label
 * alike (same label, probability within 1e-5).
 *
 * <p>Without the {@code fasttext} command the bench says so and times Java alone, on {@code --model}
 * or else on the 8-dim bigram fixture of pipeline-classify (figures not comparable to the 64-dim ones).
 *
 * <pre>FastTextBench [--sample jobs/sample/corpus] [--work /tmp/fasttextbench] [--runs 5] [--mb 0]
 *     [--dim 64] [--bucket 2000000] [--epoch 5] [--model PATH] [--fasttext fasttext]</pre>
 */
public final class FastTextBench {
  private static final String FIXTURE = "pipeline-classify/src/test/resources/fasttext/quality-softmax-bigram.bin";

  private FastTextBench() {}

  /** One timed run: seconds of CPU and of wall clock. */
  private record Time(double cpu, double wall) {}

  public static void main(String[] args) throws Exception {
    Path sample = Path.of("jobs/sample/corpus");
    Path work = Path.of("/tmp/fasttextbench");
    int runs = 5;
    double minMb = 0;
    int dim = 64;
    int bucket = 2_000_000;
    int epoch = 5;
    Path model = null;
    String fasttext = "fasttext";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sample" -> sample = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--mb" -> minMb = Double.parseDouble(args[++i]);
        case "--dim" -> dim = Integer.parseInt(args[++i]);
        case "--bucket" -> bucket = Integer.parseInt(args[++i]);
        case "--epoch" -> epoch = Integer.parseInt(args[++i]);
        case "--model" -> model = Path.of(args[++i]);
        case "--fasttext" -> fasttext = args[++i];
        default -> {
          System.err.println("usage: FastTextBench [--sample DIR] [--work DIR] [--runs N] [--mb N] [--dim N] [--bucket N]"
              + " [--epoch N] [--model PATH] [--fasttext CMD]");
          System.exit(2);
        }
      }
    }
    Files.createDirectories(work);
    List<String> documents = documents(sample);
    Path text = work.resolve("text.txt");
    List<String> lines = writeText(documents, minMb, text);
    long bytes = Files.size(text);
    boolean cli = available(fasttext);
    System.out.printf("java %s; text: %d lines, %.1f MB (%s)%n", System.getProperty("java.version"), lines.size(),
        bytes / 1e6, text);

    if (model == null && cli) {
      model = train(fasttext, documents, work, dim, bucket, epoch);
    } else if (model == null) {
      model = Path.of(FIXTURE);
      System.out.println("no '" + fasttext + "' command: timing Java alone, on the 8-dim bigram fixture " + model
          + " (not comparable with a 64-dim model)");
    }
    long t0 = System.nanoTime();
    FastTextModel loaded = FastTextReader.read(model);
    System.out.printf("model %s: %.0f MB, dim %d, wordNgrams %d, bucket %d, loss %s, %d words, %d labels;"
            + " Java loads it in %.2f s%n", model, Files.size(model) / 1e6, loaded.args().dim(), loaded.args().wordNgrams(),
        loaded.args().bucket(), loaded.args().loss().flag(), loaded.dictionary().wordCount(), loaded.labels().size(),
        (System.nanoTime() - t0) / 1e9);

    Time java = median(javaRuns(loaded, lines, runs));
    System.out.printf("Java predictor (exact), one thread: %.2f MB/s per CPU-second (wall clock %.2f MB/s), median of %d%n",
        bytes / 1e6 / java.cpu(), bytes / 1e6 / java.wall(), runs);
    t0 = System.nanoTime();
    FastTextModel table = loaded.withScoring(Scoring.ROW_LABEL_SCORES);
    Time tableTime = null;
    if (table.scoring() == Scoring.ROW_LABEL_SCORES) {
      System.out.printf("row label scores computed in %.2f s%n", (System.nanoTime() - t0) / 1e9);
      tableTime = median(javaRuns(table, lines, runs));
      System.out.printf("Java predictor (row label scores), one thread: %.2f MB/s per CPU-second (wall clock %.2f MB/s),"
          + " median of %d%n", bytes / 1e6 / tableTime.cpu(), bytes / 1e6 / tableTime.wall(), runs);
    }
    if (cli) {
      Path empty = work.resolve("empty.txt");
      Files.writeString(empty, "");
      Path printed = work.resolve("predictions.txt");
      commandLine(fasttext, model, text, printed); // warm-up (file cache), and the labels to compare
      List<Time> loads = new ArrayList<>();
      List<Time> totals = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        loads.add(commandLine(fasttext, model, empty, null));
        totals.add(commandLine(fasttext, model, text, null));
      }
      Time load = median(loads);
      Time total = median(totals);
      Time predict = new Time(total.cpu() - load.cpu(), total.wall() - load.wall());
      System.out.printf("fasttext predict-prob, one thread: %.2f MB/s per CPU-second (wall clock %.2f MB/s), median of %d;"
              + " loading the model takes it %.2f CPU-s, not counted%n", bytes / 1e6 / predict.cpu(),
          bytes / 1e6 / predict.wall(), runs, load.cpu());
      System.out.printf("Java (exact) / fastText: %.2fx per CPU-second, %.2fx wall clock%n", predict.cpu() / java.cpu(),
          predict.wall() / java.wall());
      if (tableTime != null) {
        System.out.printf("Java (row label scores) / fastText: %.2fx per CPU-second, %.2fx wall clock%n",
            predict.cpu() / tableTime.cpu(), predict.wall() / tableTime.wall());
      }
      agreement(loaded, lines, printed);
      if (tableTime != null) {
        agreement(table, lines, printed);
      }
    }
    System.out.printf("load average: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** The sample's documents, one line each (newlines and carriage returns as spaces), labelled by source. */
  /** The sample's documents as fastText training lines (label, then the text on one line). */
  static List<String> documents(Path sample) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String source : List.of("brown", "udhr", "spamassassin")) {
      String label = source.equals("spamassassin") ? "__label__cc" : "__label__hq";
      Path file = sample.resolve(source + ".jsonl.gz");
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          JsonNode record = json.readTree(line);
          out.add(label + " " + record.get("text").asText().replace('\n', ' ').replace('\r', ' '));
        }
      }
    }
    return out;
  }

  /** The documents without their labels, repeated until the text has {@code minMb} MB; returns its lines. */
  private static List<String> writeText(List<String> documents, double minMb, Path text) throws IOException {
    List<String> lines = new ArrayList<>();
    long bytes = 0;
    do {
      for (String document : documents) {
        String line = document.substring(document.indexOf(' ') + 1);
        lines.add(line);
        bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
      }
    } while (bytes < minMb * 1e6);
    Files.write(text, lines, StandardCharsets.UTF_8);
    return lines;
  }

  private static Path train(String fasttext, List<String> documents, Path work, int dim, int bucket, int epoch)
      throws IOException, InterruptedException {
    Path input = work.resolve("train.txt");
    Files.write(input, documents, StandardCharsets.UTF_8);
    Path output = work.resolve("model");
    long t0 = System.nanoTime();
    run(List.of(fasttext, "supervised", "-input", input.toString(), "-output", output.toString(), "-dim",
        String.valueOf(dim), "-wordNgrams", "2", "-bucket", String.valueOf(bucket), "-epoch", String.valueOf(epoch),
        "-lr", "0.5", "-thread", "1", "-seed", "1", "-verbose", "0"), null);
    System.out.printf("trained with %s supervised in %.0f s%n", fasttext, (System.nanoTime() - t0) / 1e9);
    Files.deleteIfExists(work.resolve("model.vec"));
    return work.resolve("model.bin");
  }

  private static List<Time> javaRuns(FastTextModel model, List<String> lines, int runs) {
    FastTextPredictor predictor = model.predictor();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Time> times = new ArrayList<>();
    long sink = 0;
    for (int r = -1; r < runs; r++) { // run -1 warms the JIT up
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (String line : lines) {
        sink += predictor.predict(line, 1, 0f).get(0).labelId();
      }
      if (r >= 0) {
        times.add(new Time((threads.getCurrentThreadCpuTime() - c0) / 1e9, (System.nanoTime() - w0) / 1e9));
      }
    }
    if (sink == Long.MIN_VALUE) {
      System.out.println(sink);
    }
    return times;
  }

  /** Runs {@code fasttext predict-prob MODEL TEXT 1} under bash's {@code time}; output to {@code printed} or dropped. */
  private static Time commandLine(String fasttext, Path model, Path text, Path printed)
      throws IOException, InterruptedException {
    String command = "TIMEFORMAT='%3U %3S %3R'; time " + quote(fasttext) + " predict-prob " + quote(model.toString()) + " "
        + quote(text.toString()) + " 1 > " + (printed == null ? "/dev/null" : quote(printed.toString()));
    String[] times = run(List.of("bash", "-c", command), null).trim().split("\\s+");
    int n = times.length;
    return new Time(Double.parseDouble(times[n - 3]) + Double.parseDouble(times[n - 2]), Double.parseDouble(times[n - 1]));
  }

  /** How many lines get the command line's label, with its probability within 1e-5. */
  private static void agreement(FastTextModel model, List<String> lines, Path printed) throws IOException {
    List<String> cli = Files.readAllLines(printed, StandardCharsets.UTF_8);
    FastTextPredictor predictor = model.predictor();
    int same = 0;
    for (int i = 0; i < lines.size() && i < cli.size(); i++) {
      Prediction p = predictor.predict(lines.get(i), 1, 0f).get(0);
      String[] f = cli.get(i).split(" ");
      if (f.length == 2 && f[0].equals(p.label()) && Math.abs(Double.parseDouble(f[1]) - p.probability()) <= 1e-5) {
        same++;
      }
    }
    System.out.printf("%s: same label and probability (within 1e-5) as fasttext on %d of %d lines (it printed %d)%n",
        model.scoring(), same, lines.size(), cli.size());
  }

  private static boolean available(String fasttext) {
    try {
      Process p = new ProcessBuilder("bash", "-c", "command -v " + quote(fasttext)).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Runs a command, returning its standard error; fails with it if the command fails. */
  private static String run(List<String> command, Path stdout) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + err);
    }
    return err;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static Time median(List<Time> times) {
    double[] cpu = times.stream().mapToDouble(Time::cpu).sorted().toArray();
    double[] wall = times.stream().mapToDouble(Time::wall).sorted().toArray();
    return new Time(cpu[cpu.length / 2], wall[wall.length / 2]);
  }
}
