package dev.pretrain.bench.classify;

import dev.pretrain.classify.fasttext.FastTextModel;
import dev.pretrain.classify.train.SupervisedOptions;
import dev.pretrain.classify.train.SupervisedTrainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Training speed: fastText 0.9.2's own {@code fasttext supervised -thread 1} against
 * {@link SupervisedTrainer} (what {@code train-classifier} runs in the driver), on the same training
 * lines with the same hyperparameters: the sample's documents as in {@link FastTextBench} (Brown and
 * UDHR as {@code __label__hq}, SpamAssassin as {@code __label__cc}), shuffled with a fixed seed.
 * fastText: CPU seconds (user + system, bash's {@code time}) of the whole command, which reads the
 * file twice, builds the dictionary, trains and saves the model; Java: the thread's CPU seconds to
 * build the dictionary, initialize and train, from lines already in memory (no file, no save).
 * Medians of several runs after a warm-up; figures are training lines times epochs per CPU second.
 *
 * <pre>SupervisedTrainerBench [--sample jobs/sample/corpus] [--work /tmp/trainerbench] [--runs 3]
 *     [--dim 64] [--bucket 2000000] [--epoch 5] [--fasttext fasttext]</pre>
 */
public final class SupervisedTrainerBench {
  private SupervisedTrainerBench() {}

  public static void main(String[] args) throws Exception {
    Path sample = Path.of("jobs/sample/corpus");
    Path work = Path.of("/tmp/trainerbench");
    int runs = 3;
    int dim = 64;
    int bucket = 2_000_000;
    int epoch = 5;
    String fasttext = "fasttext";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sample" -> sample = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--dim" -> dim = Integer.parseInt(args[++i]);
        case "--bucket" -> bucket = Integer.parseInt(args[++i]);
        case "--epoch" -> epoch = Integer.parseInt(args[++i]);
        case "--fasttext" -> fasttext = args[++i];
        default -> {
          System.err.println("usage: SupervisedTrainerBench [--sample DIR] [--work DIR] [--runs N] [--dim N]"
              + " [--bucket N] [--epoch N] [--fasttext CMD]");
          System.exit(2);
        }
      }
    }
    Files.createDirectories(work);
    List<String> lines = new ArrayList<>(FastTextBench.documents(sample));
    Collections.shuffle(lines, new Random(1));
    Path input = work.resolve("train.txt");
    Files.write(input, lines, StandardCharsets.UTF_8);
    List<byte[]> bytes = lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
    long examples = (long) lines.size() * epoch;
    System.out.printf(Locale.ROOT, "%,d lines (%.1f MB), dim %d, bigrams, %,d buckets, %d epochs, lr 0.1, softmax%n",
        lines.size(), Files.size(input) / 1e6, dim, bucket, epoch);

    SupervisedOptions options = new SupervisedOptions(dim, epoch, 0.1, 2, 1, bucket, 0, 0,
        SupervisedOptions.ClassifierLoss.SOFTMAX, 100, 1);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Double> java = new ArrayList<>();
    for (int r = 0; r <= runs; r++) {
      long cpu = threads.getCurrentThreadCpuTime();
      FastTextModel model = new SupervisedTrainer(options, p -> {}).train(bytes);
      double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      if (r > 0) {
        java.add(seconds);
      }
      if (model.labels().size() != 2) {
        throw new IllegalStateException("expected two labels, got " + model.labels());
      }
    }
    double javaRate = examples / median(java);
    System.out.printf(Locale.ROOT, "java SupervisedTrainer: %.2f CPU s, %,.0f lines/CPU s%n", median(java), javaRate);

    if (!available(fasttext)) {
      System.out.println("no '" + fasttext + "' command (Debian: apt-get install fasttext): Java alone");
      return;
    }
    List<Double> native_ = new ArrayList<>();
    for (int r = 0; r <= runs; r++) {
      double seconds = cpuSeconds(String.join(" ", fasttext, "supervised", "-input", input.toString(), "-output",
          work.resolve("model").toString(), "-dim", "" + dim, "-wordNgrams", "2", "-bucket", "" + bucket, "-epoch",
          "" + epoch, "-lr", "0.1", "-thread", "1"));
      if (r > 0) {
        native_.add(seconds);
      }
    }
    double nativeRate = examples / median(native_);
    System.out.printf(Locale.ROOT, "fasttext supervised -thread 1: %.2f CPU s, %,.0f lines/CPU s%n", median(native_),
        nativeRate);
    System.out.printf(Locale.ROOT, "java / fastText: %.2fx%n", javaRate / nativeRate);
  }

  private static double cpuSeconds(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", "TIMEFORMAT='%U %S'; { time " + command + " >/dev/null 2>&1; } 2>&1")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IOException("failed: " + command + "\n" + out);
    }
    String[] last = out.lines().reduce((a, b) -> b).orElseThrow().split(" ");
    return Double.parseDouble(last[0]) + Double.parseDouble(last[1]);
  }

  private static boolean available(String command) throws IOException, InterruptedException {
    return new ProcessBuilder("bash", "-c", "command -v " + command).start().waitFor() == 0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
