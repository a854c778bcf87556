package dev.pretrain.bench.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pretrain.dedup.clean.HtmlDetector;
import dev.pretrain.dedup.extract.ExtractSettings;
import dev.pretrain.dedup.extract.MainContentExtractor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sample corpus cut into lines, grouped by source, from which {@link CorpusGenerator} draws
 * pieces of new documents: a piece is a run of consecutive lines of one sample document, starting
 * at a random line. Each source's lines are kept in one array with, per line, the index one past
 * its document's last line, so a run never crosses into the next document. Sample documents that
 * look like HTML (spam mail) are converted to text first, by the curate job's own converter.
 */
final class SamplePool {
  /** The whole page's text, as the curate job's extract step gives it in full mode. */
  private static final MainContentExtractor HTML = new MainContentExtractor(
      new ExtractSettings(ExtractSettings.Mode.FULL, 0, Integer.MAX_VALUE, Integer.MAX_VALUE));
  private static final int MIN_FAMILY_DOCUMENTS = 100;

  /** The lines of one source's documents, end to end. */
  static final class Source {
    final String name;
    final List<String> lines = new ArrayList<>();
    final List<Integer> docEnd = new ArrayList<>();
    /** Word counts of the sample documents, to draw realistic lengths from. */
    final List<Integer> docWords = new ArrayList<>();
    long bytes;
    int htmlConverted;

    Source(String name) {
      this.name = name;
    }

    void add(String text) {
      if (HtmlDetector.looksLikeHtml(text)) {
        // Spliced fragments of HTML mail would be tag soup that the job's HTML detection flips
        // on and off with small edits; web-scale inputs (WET) are text already.
        text = HTML.extract(text).text();
        htmlConverted++;
      }
      String[] split = text.split("\n", -1);
      int end = lines.size() + split.length;
      int words = 0;
      for (String line : split) {
        lines.add(line);
        docEnd.add(end);
        words += wordCount(line);
      }
      docWords.add(words);
      bytes += text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Appends a run of lines starting at a random line until {@code words} words or the document's end. */
    int appendPiece(SplittableRandom random, int words, StringBuilder out) {
      int line = random.nextInt(lines.size());
      int end = docEnd.get(line);
      int taken = 0;
      while (line < end && taken < words) {
        String l = lines.get(line++);
        out.append(l).append('\n');
        taken += wordCount(l);
      }
      return taken;
    }

    /**
     * A random word of this source (unigram frequencies) made of letters only, so an edit never
     * adds markup, "{", an e-mail address or a URL that would make the job's cleaners or filters
     * treat the copy differently from its original.
     */
    String randomWord(SplittableRandom random) {
      for (int attempt = 0; attempt < 1000; attempt++) {
        String[] words = lines.get(random.nextInt(lines.size())).trim().split("\\s+");
        String word = words[random.nextInt(words.length)];
        if (!word.isEmpty() && word.length() <= 20 && word.chars().allMatch(Character::isLetter)) {
          return word;
        }
      }
      return "word";
    }
  }

  private final Map<String, Source> sources;

  private SamplePool(Map<String, Source> sources) {
    this.sources = sources;
  }

  Source source(String name) {
    Source s = sources.get(name);
    if (s == null) {
      throw new IllegalArgumentException("the sample corpus has no source '" + name + "'; it has " + sources.keySet());
    }
    return s;
  }

  Map<String, Source> sources() {
    return sources;
  }

  /**
   * The sources new documents are spliced from: those with at least 100 documents. Sources with
   * fewer (UDHR: 39) would repeat themselves as whole documents; they are {@link #admixtures()}.
   */
  List<Source> families() throws IOException {
    List<Source> out = sources.values().stream().filter(s -> s.docWords.size() >= MIN_FAMILY_DOCUMENTS).toList();
    if (out.isEmpty()) {
      throw new IOException("the sample corpus needs a source with at least " + MIN_FAMILY_DOCUMENTS + " documents");
    }
    return out;
  }

  /** The sources too small to splice documents from, mixed into others' documents as pieces. */
  List<Source> admixtures() {
    return sources.values().stream().filter(s -> s.docWords.size() < MIN_FAMILY_DOCUMENTS).toList();
  }

  /** Reads every {@code *.jsonl.gz} / {@code *.jsonl} file of {@code dir}; the source is the record's "source" field. */
  static SamplePool read(Path dir) throws IOException {
    Map<String, Source> sources = new LinkedHashMap<>();
    List<Path> files;
    try (var listing = Files.list(dir)) {
      files = listing.filter(p -> p.toString().endsWith(".jsonl.gz") || p.toString().endsWith(".jsonl")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no .jsonl or .jsonl.gz files in " + dir);
    }
    for (Path file : files) {
      for (JsonNode node : JsonlRecords.read(file)) {
        String source = node.path("source").asText(file.getFileName().toString());
        String text = node.path("text").asText("");
        if (!text.isBlank()) {
          sources.computeIfAbsent(source, Source::new).add(text);
        }
      }
    }
    return new SamplePool(sources);
  }

  static int wordCount(String line) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      boolean space = Character.isWhitespace(line.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }
}
