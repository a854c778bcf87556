package dev.pretrain.bench.dedup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a corpus of the shape of issue 12's held-out check, for measuring curate on the most
 * repeated content: a share of the documents ({@code --near-share}, 0.2 as in the check's 40,001
 * of 200,000) are copies of one page that differ only in a footer of {@code --footer-words} random
 * words (a signature, a date line, a tracking tag), a smaller share ({@code --exact-share}) are
 * unchanged copies of a second page, and the rest are unique documents spliced from the sample
 * corpus as {@link CorpusGenerator} makes them, {@code --min-words} to {@code --max-words} long
 * (short enough that ~1 GB holds 200,000+ documents).
 *
 * <p>Ids say what a document is: {@code near-NNNNNNNN}, {@code exact-NNNNNNNN}, {@code u-NNNNNNNN}.
 * A correct curate run keeps {@code near-00000000} and {@code exact-00000000} and reports clusters
 * of the full copy counts (its summary's largest clusters); every other copy is removed.
 *
 * <p>Output: {@code OUT/docs/part-NNNNN.jsonl} (documents assigned to files at random) and
 * {@code OUT/corpus.json}. No planted pairs: run {@link CurateBench} with {@code --no-quality}.
 *
 * <pre>java -cp ... dev.pretrain.bench.dedup.RepeatedPageCorpus --out /tmp/curatebench/repeated-1gb --mb 1000
 *     [--near-share 0.2] [--exact-share 0.02] [--footer-words 3] [--min-words 80] [--max-words 1200]
 *     [--file-mb 32] [--seed 1] [--sample jobs/sample/corpus]</pre>
 */
public final class RepeatedPageCorpus {
  /** Generator settings; see the class comment for each. */
  record Settings(Path sample, Path out, double mb, double fileMb, long seed, double nearShare, double exactShare,
      int footerWords, int minWords, int maxWords) {
    Settings {
      if (mb <= 0 || fileMb <= 0) {
        throw new IllegalArgumentException("--mb and --file-mb must be positive");
      }
      if (nearShare < 0 || exactShare < 0 || nearShare + exactShare > 1) {
        throw new IllegalArgumentException("--near-share and --exact-share must be at least 0 and sum to at most 1");
      }
      if (footerWords < 1 || minWords < 1 || maxWords < minWords) {
        throw new IllegalArgumentException("need --footer-words >= 1 and 1 <= --min-words <= --max-words");
      }
    }
  }

  /** What was written. */
  record Summary(long documents, long nearCopies, long exactCopies, long unique, long fileBytes) {}

  private static final String PAGE_SOURCE = "brown";

  private RepeatedPageCorpus() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> given = new LinkedHashMap<>(Map.of("--sample", "jobs/sample/corpus", "--mb", "1000",
        "--file-mb", "32", "--seed", "1", "--near-share", "0.2", "--exact-share", "0.02", "--footer-words", "3",
        "--min-words", "80", "--max-words", "1200"));
    given.put("--out", null);
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!given.containsKey(args[i])) {
        usage("unknown argument " + args[i]);
      }
      given.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0 || given.get("--out") == null) {
      usage("--out is required and every option takes a value");
    }
    long t0 = System.nanoTime();
    Summary s = generate(new Settings(Path.of(given.get("--sample")), Path.of(given.get("--out")),
        Double.parseDouble(given.get("--mb")), Double.parseDouble(given.get("--file-mb")),
        Long.parseLong(given.get("--seed")), Double.parseDouble(given.get("--near-share")),
        Double.parseDouble(given.get("--exact-share")), Integer.parseInt(given.get("--footer-words")),
        Integer.parseInt(given.get("--min-words")), Integer.parseInt(given.get("--max-words"))));
    System.out.printf(Locale.ROOT, "wrote %s: %,d documents (%,d near copies of one page, %,d exact copies of"
        + " another, %,d unique), %.1f MB of JSONL, in %.1f s%n", given.get("--out"), s.documents(), s.nearCopies(),
        s.exactCopies(), s.unique(), s.fileBytes() / 1e6, (System.nanoTime() - t0) / 1e9);
  }

  static Summary generate(Settings settings) throws IOException {
    CorpusGenerator.requireNewDirectory(settings.out());
    SamplePool pool = SamplePool.read(settings.sample());
    List<SamplePool.Source> families = pool.families();
    List<SamplePool.Source> admixtures = pool.admixtures();
    long familyBytes = families.stream().mapToLong(f -> f.bytes).sum();
    SamplePool.Source pageSource = pool.sources().getOrDefault(PAGE_SOURCE, families.get(0));
    SplittableRandom random = new SplittableRandom(settings.seed());
    // Pages of running prose, which every default filter keeps.
    String nearPage = CorpusGenerator.spliced(pageSource, List.of(), 0, 400, random);
    String exactPage = CorpusGenerator.spliced(pageSource, List.of(), 0, 300, random);

    Path docs = settings.out().resolve(CorpusGenerator.DOCS_DIR);
    Files.createDirectories(docs);
    int fileCount = (int) Math.max(1, Math.ceil(settings.mb() / settings.fileMb()));
    List<Writer> files = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    long target = (long) (settings.mb() * 1e6);
    long[] counts = new long[3]; // near, exact, unique
    long fileBytes = 0;
    try {
      for (int f = 0; f < fileCount; f++) {
        files.add(Files.newBufferedWriter(docs.resolve(String.format(Locale.ROOT, "part-%05d.jsonl", f)),
            StandardCharsets.UTF_8));
      }
      while (fileBytes < target) {
        double kind = random.nextDouble();
        Map<String, Object> record = new LinkedHashMap<>();
        if (kind < settings.nearShare()) {
          StringBuilder footer = new StringBuilder();
          for (int w = 0; w < settings.footerWords(); w++) {
            footer.append(w == 0 ? "" : " ").append(pageSource.randomWord(random));
          }
          record.put("id", String.format(Locale.ROOT, "near-%08d", counts[0]++));
          record.put("text", nearPage + "\n" + footer);
          record.put("source", pageSource.name);
        } else if (kind < settings.nearShare() + settings.exactShare()) {
          record.put("id", String.format(Locale.ROOT, "exact-%08d", counts[1]++));
          record.put("text", exactPage);
          record.put("source", pageSource.name);
        } else {
          SamplePool.Source family = CorpusGenerator.pick(families, familyBytes, random);
          int words = settings.minWords() + random.nextInt(settings.maxWords() - settings.minWords() + 1);
          record.put("id", String.format(Locale.ROOT, "u-%08d", counts[2]++));
          record.put("text", CorpusGenerator.spliced(family, admixtures, 0.04, words, random));
          record.put("source", family.name);
        }
        record.put("url", null);
        String line = json.writeValueAsString(record) + "\n";
        files.get(random.nextInt(fileCount)).write(line);
        fileBytes += line.getBytes(StandardCharsets.UTF_8).length;
      }
    } finally {
      for (Writer w : files) {
        w.close();
      }
    }
    Summary summary = new Summary(counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2], fileBytes);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("generator", RepeatedPageCorpus.class.getName());
    manifest.put("settings", Map.of("sample", settings.sample().toString(), "seed", settings.seed(), "target_mb",
        settings.mb(), "near_share", settings.nearShare(), "exact_share", settings.exactShare(), "footer_words",
        settings.footerWords(), "min_words", settings.minWords(), "max_words", settings.maxWords()));
    manifest.put("files", fileCount);
    manifest.put("documents", summary.documents());
    manifest.put("near_copies", summary.nearCopies());
    manifest.put("exact_copies", summary.exactCopies());
    manifest.put("unique", summary.unique());
    manifest.put("jsonl_bytes", fileBytes);
    Files.writeString(settings.out().resolve("corpus.json"),
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(manifest) + "\n");
    return summary;
  }

  private static void usage(String problem) {
    System.err.println(problem + "\nusage: RepeatedPageCorpus --out DIR [--mb 1000] [--near-share 0.2]"
        + " [--exact-share 0.02] [--footer-words 3] [--min-words 80] [--max-words 1200] [--file-mb 32] [--seed 1]"
        + " [--sample jobs/sample/corpus]");
    System.exit(2);
  }
}
