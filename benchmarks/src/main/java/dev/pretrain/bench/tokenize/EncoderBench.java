package dev.pretrain.bench.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.Tokenizers;
import dev.pretrain.tokenize.pretokenize.PreTokenizer;
import dev.pretrain.tokenize.pretokenize.RegexSplitter;
import dev.pretrain.tokenize.pretokenize.SplitPattern;
import dev.pretrain.tokenize.pretokenize.SplitPatterns;
import dev.pretrain.tokenize.train.BpeTrainer;
import dev.pretrain.tokenize.train.BpeTrainerOptions;
import dev.pretrain.tokenize.train.PreTokenCounter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Single-thread encoder throughput, ours with a GPT-2 tokenizer.json against JTokkit's r50k_base
 * on the same documents in the same JVM (alternating, median of the timed rounds), whether the
 * ids are identical, and the trainer's time for a small vocabulary on the same text.
 *
 * <pre>
 * java -cp ... dev.pretrain.bench.tokenize.EncoderBench GPT2_TOKENIZER_JSON[.gz] CORPUS.jsonl[.gz] [ROUNDS] [VOCAB]
 * </pre>
 */
public final class EncoderBench {
  private EncoderBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: EncoderBench GPT2_TOKENIZER_JSON CORPUS_JSONL [ROUNDS=7] [TRAIN_VOCAB=4096]");
      System.exit(2);
    }
    Tokenizer ours = Tokenizers.load(args[0]);
    Tokenizer jtokkit = Tokenizers.load("tiktoken:r50k_base");
    List<String> docs = readTexts(Path.of(args[1]));
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    int trainVocab = args.length > 3 ? Integer.parseInt(args[3]) : 4096;
    long bytes = 0;
    for (String d : docs) {
      bytes += d.getBytes(StandardCharsets.UTF_8).length;
    }
    System.out.printf("corpus: %s, %d documents, %.2f MB UTF-8%n", args[1], docs.size(), bytes / 1e6);

    long differing = 0;
    long tokens = 0;
    for (String d : docs) {
      int[] a = ours.encodeOrdinary(d);
      tokens += a.length;
      if (!Arrays.equals(a, jtokkit.encodeOrdinary(d))) {
        differing++;
      }
    }
    System.out.printf("ids identical to JTokkit r50k_base: %s (%d of %d documents differ), %d tokens, %.2f bytes/token%n",
        differing == 0, differing, docs.size(), tokens, (double) bytes / tokens);

    double[] oursMBs = new double[rounds];
    double[] theirsMBs = new double[rounds];
    timeEncode(ours, docs); // warm-up: JIT for both
    timeEncode(jtokkit, docs);
    for (int r = 0; r < rounds; r++) {
      oursMBs[r] = bytes / 1e6 / timeEncode(ours, docs);
      theirsMBs[r] = bytes / 1e6 / timeEncode(jtokkit, docs);
    }
    double o = median(oursMBs);
    double t = median(theirsMBs);
    System.out.printf("encode, single thread, median of %d rounds: ours (%s) %.1f MB/s, JTokkit r50k_base %.1f MB/s, ratio %.2fx%n",
        rounds, ours.name(), o, t, o / t);
    System.out.printf("  ours per round: %s%n  JTokkit per round: %s%n", fmt(oursMBs), fmt(theirsMBs));

    double[] coldMBs = new double[Math.min(rounds, 3)];
    for (int r = 0; r < coldMBs.length; r++) {
      coldMBs[r] = bytes / 1e6 / timeEncode(Tokenizers.load(args[0]), docs);
    }
    System.out.printf("  ours with a cold piece cache (fresh instance per round): median %.1f MB/s of %s%n",
        median(coldMBs), fmt(coldMBs));

    PreTokenizer[] splitters = {
      SplitPattern.GPT2.splitter(),
      new RegexSplitter(SplitPatterns.compile(SplitPatterns.GPT2)),
      SplitPattern.CL100K.splitter()
    };
    String[] splitterNames = {"GPT-2 hand-written", "GPT-2 java.util.regex", "cl100k " + SplitPattern.CL100K.splitter()};
    for (int i = 0; i < splitters.length; i++) {
      timeSplit(splitters[i], docs);
      double[] mbs = new double[3];
      for (int r = 0; r < mbs.length; r++) {
        mbs[r] = bytes / 1e6 / timeSplit(splitters[i], docs);
      }
      System.out.printf("pre-tokenize only, %s: median %.1f MB/s%n", splitterNames[i], median(mbs));
    }

    // One very long piece (no spaces): merging must stay near-linear, not quadratic.
    StringBuilder longWord = new StringBuilder();
    java.util.Random random = new java.util.Random(1);
    while (longWord.length() < 1_000_000) {
      longWord.append((char) ('a' + random.nextInt(26)));
    }
    String piece = longWord.toString();
    for (int size : new int[] {250_000, 1_000_000}) {
      String p = piece.substring(0, size);
      ours.encodeOrdinary(p);
      long s = System.nanoTime();
      int n = ours.encodeOrdinary(p).length;
      System.out.printf("one %d-letter piece: %.3f s, %d tokens%n", size, (System.nanoTime() - s) / 1e9, n);
    }

    long start = System.nanoTime();
    PreTokenCounter counter = new PreTokenCounter(SplitPattern.GPT2.splitter());
    docs.forEach(counter::add);
    Map<String, Long> counts = counter.counts();
    double countSeconds = (System.nanoTime() - start) / 1e9;
    double[] trainSeconds = new double[3];
    BpeTrainer.Stats stats = null;
    for (int r = 0; r < trainSeconds.length; r++) {
      BpeTrainer trainer = new BpeTrainer(new BpeTrainerOptions(
          trainVocab, 2, BpeTrainerOptions.DEFAULT_SPECIAL_TOKENS, SplitPattern.GPT2));
      long s = System.nanoTime();
      trainer.train(counts);
      trainSeconds[r] = (System.nanoTime() - s) / 1e9;
      stats = trainer.stats();
    }
    System.out.printf("train: counting pre-tokens %.2f s (%d distinct); merges to vocab %d: median %.2f s of %s"
            + " (%d merges, last merge count %d)%n",
        countSeconds, counts.size(), trainVocab, median(trainSeconds), fmt(trainSeconds),
        stats.merges(), stats.lastMergeCount());
  }

  private static double timeSplit(PreTokenizer splitter, List<String> docs) {
    long start = System.nanoTime();
    long[] pieces = new long[1];
    for (String d : docs) {
      splitter.split(d, 0, d.length(), (t, s, e) -> pieces[0] += e - s);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (pieces[0] < 0) {
      throw new AssertionError();
    }
    return seconds;
  }

  private static double timeEncode(Tokenizer tokenizer, List<String> docs) {
    long start = System.nanoTime();
    long sink = 0;
    for (String d : docs) {
      sink += tokenizer.encodeOrdinary(d).length;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (sink < 0) {
      throw new AssertionError();
    }
    return seconds;
  }

  static List<String> readTexts(Path jsonl) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    var raw = Files.newInputStream(jsonl);
    var in = jsonl.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          JsonNode text = json.readTree(line).get("text");
          if (text != null && text.isTextual()) {
            texts.add(text.asText());
          }
        }
      }
    }
    return texts;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String fmt(double[] values) {
    StringBuilder sb = new StringBuilder();
    for (double v : values) {
      sb.append(String.format("%.2f ", v));
    }
    return sb.toString().trim();
  }
}
