package dev.pretrain.bench.dedup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a benchmark corpus for the curate job, built from the bundled sample corpus, with planted
 * near-duplicates whose true Jaccard similarity is known.
 *
 * <p>Originals: each is a new document spliced from pieces (runs of 30–150 words of consecutive
 * lines, starting at a random line of a random sample document) of one source, brown or
 * spamassassin, with a {@code --admixture} share of pieces from the small sources (the 39 UDHR
 * translations); its length follows the word counts of that source's sample documents. Two
 * originals share a piece only by chance (the pool has ~2.7M word positions), so the corpus is
 * made of distinct documents rather than copies of the 2.6k sample documents. Boilerplate that
 * recurs in the sample itself (mailing-list footers in the spam mail) recurs here too, as on the
 * web, and links some short originals to each other: the curate bench measures such unplanted
 * merges with the exact Jaccard of every pair inside a cluster.
 *
 * <p>Planted duplicates: with probability {@code --dup-probability} an original gets 1 to
 * {@code --max-copies} copies, each edited by {@link WordEdits} at a rate drawn from
 * {@code --rates} (0 = an exact copy). Every pair within such a family (original–copy and
 * copy–copy) goes to {@code planted-pairs.tsv} with its exact Jaccard over word 5-grams of
 * {@code DedupNormalizer} text, both after the curate job's default clean chain (what the job
 * signs) and on the raw text.
 *
 * <p>Output: {@code OUT/docs/part-NNNNN.jsonl} (documents assigned to files at random, so copies
 * rarely sit next to their original), {@code OUT/planted-pairs.tsv}, {@code OUT/corpus.json}.
 *
 * <pre>java -cp ... dev.pretrain.bench.dedup.CorpusGenerator --out /tmp/curatebench/corpus-500mb
 *     [--mb 500] [--file-mb 32] [--seed 1] [--sample jobs/sample/corpus] [--dup-probability 0.2]
 *     [--max-copies 3] [--rates 0,0.002,0.005,0.01,0.015,0.02,0.03,0.05,0.08,0.12] [--admixture 0.04]</pre>
 */
public final class CorpusGenerator {
  static final String PAIRS_FILE = "planted-pairs.tsv";
  static final String DOCS_DIR = "docs";
  static final String PAIRS_HEADER = "a\tb\tkind\trate_a\trate_b\tjaccard\tjaccard_raw";

  /** Generator settings; see the class comment for each. */
  record Settings(Path sample, Path out, double mb, double fileMb, long seed, double dupProbability, int maxCopies,
      double[] rates, double admixture) {
    Settings {
      if (mb <= 0 || fileMb <= 0) {
        throw new IllegalArgumentException("--mb and --file-mb must be positive");
      }
      if (dupProbability < 0 || dupProbability > 1 || admixture < 0 || admixture > 1) {
        throw new IllegalArgumentException("--dup-probability and --admixture must be in [0, 1]");
      }
      if (maxCopies < 1 || rates.length == 0) {
        throw new IllegalArgumentException("--max-copies must be at least 1 and --rates non-empty");
      }
    }
  }

  /** What was written. */
  record Summary(long documents, long originals, long copies, long pairs, long fileBytes, long textBytes,
      Map<String, Long> copiesByRate) {}

  private CorpusGenerator() {}

  public static void main(String[] args) throws IOException {
    Path sample = Path.of("jobs/sample/corpus");
    Path out = null;
    double mb = 500;
    double fileMb = 32;
    long seed = 1;
    double dup = 0.2;
    int maxCopies = 3;
    double[] rates = {0, 0.002, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.08, 0.12};
    double admixture = 0.04;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sample" -> sample = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--mb" -> mb = Double.parseDouble(args[++i]);
        case "--file-mb" -> fileMb = Double.parseDouble(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--dup-probability" -> dup = Double.parseDouble(args[++i]);
        case "--max-copies" -> maxCopies = Integer.parseInt(args[++i]);
        case "--rates" -> rates = Arrays.stream(args[++i].split(",")).mapToDouble(Double::parseDouble).toArray();
        case "--admixture" -> admixture = Double.parseDouble(args[++i]);
        default -> {
          System.err.println("unknown argument " + args[i] + "; usage: CorpusGenerator --out DIR [--mb 500] [--file-mb 32]"
              + " [--seed 1] [--sample DIR] [--dup-probability 0.2] [--max-copies 3] [--rates r1,r2,...] [--admixture 0.04]");
          System.exit(2);
        }
      }
    }
    if (out == null) {
      System.err.println("usage: CorpusGenerator --out DIR [--mb 500] ...");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    Summary s = generate(new Settings(sample, out, mb, fileMb, seed, dup, maxCopies, rates, admixture));
    System.out.printf(Locale.ROOT, "wrote %s: %,d documents (%,d originals, %,d planted copies = %.1f%% of documents),"
        + " %.1f MB of JSONL, %.1f MB of text, %,d planted pairs, in %.1f s%n", out, s.documents(), s.originals(),
        s.copies(), 100.0 * s.copies() / s.documents(), s.fileBytes() / 1e6, s.textBytes() / 1e6, s.pairs(),
        (System.nanoTime() - t0) / 1e9);
    System.out.println("copies by edit rate: " + s.copiesByRate());
  }

  static Summary generate(Settings settings) throws IOException {
    requireNewDirectory(settings.out());
    SamplePool pool = SamplePool.read(settings.sample());
    List<SamplePool.Source> families = pool.families();
    List<SamplePool.Source> admixtures = pool.admixtures();
    long familyBytes = families.stream().mapToLong(f -> f.bytes).sum();

    Path docs = settings.out().resolve(DOCS_DIR);
    Files.createDirectories(docs);
    int fileCount = (int) Math.max(1, Math.ceil(settings.mb() / settings.fileMb()));
    List<Writer> files = new ArrayList<>();
    for (int f = 0; f < fileCount; f++) {
      files.add(Files.newBufferedWriter(docs.resolve(String.format(Locale.ROOT, "part-%05d.jsonl", f)), StandardCharsets.UTF_8));
    }
    ObjectMapper json = new ObjectMapper();
    SplittableRandom random = new SplittableRandom(settings.seed());
    ShingleSets jobView = new ShingleSets(true);
    ShingleSets rawView = new ShingleSets(false);
    long target = (long) (settings.mb() * 1e6);
    long fileBytes = 0;
    long textBytes = 0;
    long documents = 0;
    long originals = 0;
    long copies = 0;
    long pairs = 0;
    Map<String, Long> byRate = new TreeMap<>();
    int[] editCounts = new int[4];
    try (BufferedWriter pairsOut = Files.newBufferedWriter(settings.out().resolve(PAIRS_FILE), StandardCharsets.UTF_8)) {
      pairsOut.write(PAIRS_HEADER);
      pairsOut.newLine();
      while (fileBytes < target) {
        SamplePool.Source family = pick(families, familyBytes, random);
        String id = String.format(Locale.ROOT, "g%08d", originals++);
        String text = original(family, admixtures, settings.admixture(), random);
        List<String> ids = new ArrayList<>(List.of(id));
        List<String> texts = new ArrayList<>(List.of(text));
        List<Double> rates = new ArrayList<>(List.of(0.0));
        if (random.nextDouble() < settings.dupProbability()) {
          int n = 1 + random.nextInt(settings.maxCopies());
          for (int c = 1; c <= n; c++) {
            double rate = settings.rates()[random.nextInt(settings.rates().length)];
            ids.add(id + "-c" + c);
            texts.add(WordEdits.apply(text, rate, random, () -> family.randomWord(random), editCounts));
            rates.add(rate);
            byRate.merge(Double.toString(rate), 1L, Long::sum);
            copies++;
          }
          pairs += writePairs(ids, texts, rates, jobView, rawView, pairsOut);
        }
        for (int d = 0; d < ids.size(); d++) {
          Map<String, Object> record = new LinkedHashMap<>();
          record.put("id", ids.get(d));
          record.put("text", texts.get(d));
          record.put("source", family.name);
          record.put("url", null);
          record.put("meta", d == 0 ? Map.of("generated", "original")
              : Map.of("generated", "copy", "copy_of", id, "edit_rate", Double.toString(rates.get(d))));
          String line = json.writeValueAsString(record);
          files.get(random.nextInt(fileCount)).write(line + "\n");
          fileBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
          textBytes += texts.get(d).getBytes(StandardCharsets.UTF_8).length;
          documents++;
        }
      }
    } finally {
      for (Writer w : files) {
        w.close();
      }
    }
    Summary summary = new Summary(documents, originals, copies, pairs, fileBytes, textBytes, byRate);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("generator", CorpusGenerator.class.getName());
    manifest.put("sample", settings.sample().toString());
    manifest.put("seed", settings.seed());
    manifest.put("target_mb", settings.mb());
    manifest.put("files", fileCount);
    manifest.put("dup_probability", settings.dupProbability());
    manifest.put("max_copies", settings.maxCopies());
    manifest.put("rates", settings.rates());
    manifest.put("admixture", settings.admixture());
    Map<String, Integer> html = new TreeMap<>();
    pool.sources().forEach((name, source) -> html.put(name, source.htmlConverted));
    manifest.put("sample_html_documents_converted_to_text", html);
    manifest.put("documents", documents);
    manifest.put("originals", originals);
    manifest.put("planted_copies", copies);
    manifest.put("planted_pairs", pairs);
    manifest.put("jsonl_bytes", fileBytes);
    manifest.put("text_bytes", textBytes);
    manifest.put("copies_by_rate", byRate);
    manifest.put("edits", Map.of("words_seen", editCounts[0], "substituted", editCounts[1], "deleted", editCounts[2],
        "inserted", editCounts[3]));
    Files.writeString(settings.out().resolve("corpus.json"),
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(manifest) + "\n");
    return summary;
  }

  /** Generated corpora go to a new (or empty) directory: never mixed with, or written over, other files. */
  static void requireNewDirectory(Path out) throws IOException {
    if (Files.exists(out)) {
      try (var listing = Files.list(out)) {
        if (listing.findAny().isPresent()) {
          throw new IOException(out + " exists and is not empty; choose a new directory");
        }
      }
    }
  }

  static SamplePool.Source pick(List<SamplePool.Source> sources, long totalBytes, SplittableRandom random) {
    long at = (long) (random.nextDouble() * totalBytes);
    for (SamplePool.Source s : sources) {
      at -= s.bytes;
      if (at < 0) {
        return s;
      }
    }
    return sources.get(sources.size() - 1);
  }

  /** A new document of about the length of a random sample document of {@code family}. */
  static String original(SamplePool.Source family, List<SamplePool.Source> admixtures, double admixture,
      SplittableRandom random) {
    int words = Math.max(80, Math.min(5000, family.docWords.get(random.nextInt(family.docWords.size()))));
    return spliced(family, admixtures, admixture, words, random);
  }

  /** A new document of at least {@code words} words spliced from pieces of {@code family} (and the admixtures). */
  static String spliced(SamplePool.Source family, List<SamplePool.Source> admixtures, double admixture, int words,
      SplittableRandom random) {
    StringBuilder text = new StringBuilder(words * 7);
    int taken = 0;
    while (taken < words) {
      if (text.length() > 0) {
        text.append('\n'); // a blank line between pieces
      }
      SamplePool.Source from = !admixtures.isEmpty() && random.nextDouble() < admixture
          ? admixtures.get(random.nextInt(admixtures.size())) : family;
      taken += from.appendPiece(random, 30 + random.nextInt(121), text);
    }
    return text.toString().strip();
  }

  private static long writePairs(List<String> ids, List<String> texts, List<Double> rates, ShingleSets jobView,
      ShingleSets rawView, BufferedWriter out) throws IOException {
    List<Set<String>> job = new ArrayList<>();
    List<Set<String>> raw = new ArrayList<>();
    for (String t : texts) {
      job.add(jobView.of(t));
      raw.add(rawView.of(t));
    }
    long n = 0;
    for (int a = 0; a < ids.size(); a++) {
      for (int b = a + 1; b < ids.size(); b++) {
        out.write(String.format(Locale.ROOT, "%s\t%s\t%s\t%s\t%s\t%.6f\t%.6f", ids.get(a), ids.get(b),
            a == 0 ? "original-copy" : "copy-copy", rates.get(a), rates.get(b),
            ShingleSets.jaccard(job.get(a), job.get(b)), ShingleSets.jaccard(raw.get(a), raw.get(b))));
        out.newLine();
        n++;
      }
    }
    return n;
  }
}
