package dev.pretrain.common.read;

import java.util.List;
import java.util.Locale;

/** How an input file holds documents. */
public enum InputFormat {
  /** Decide per file from its name: see {@link #detect(String)}. */
  AUTO,
  /** One JSON object per line; plain, .gz, .zst or .bz2. */
  JSONL,
  /** Parquet with a text column (and optionally id, url, source columns). */
  PARQUET,
  /** A whole file is one document. */
  TEXT_FILE,
  /** Each non-blank line is one document. */
  TEXT_LINE,
  /** Common Crawl WET: WARC conversion records holding extracted page text. */
  WET,
  /** WARC: HTTP response records holding HTML pages (Common Crawl's WARC files, any crawler's). */
  WARC;

  /**
   * The format a file's name implies: {@code .jsonl}/{@code .json}/{@code .ndjson} → JSONL,
   * {@code .parquet} → PARQUET, {@code .wet} (Common Crawl's {@code .warc.wet.gz}) → WET,
   * {@code .warc} → WARC, anything else → TEXT_FILE; compression suffixes are looked through.
   */
  public static InputFormat detect(String fileName) {
    String name = Compression.stripSuffix(fileName.toLowerCase(Locale.ROOT));
    if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
      return JSONL;
    }
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    if (name.endsWith(".wet")) {
      return WET;
    }
    if (name.endsWith(".warc")) {
      return WARC;
    }
    return TEXT_FILE;
  }

  private static final List<String> DATA_EXTENSIONS = List.of(".jsonl", ".ndjson", ".parquet", ".txt", ".wet", ".warc");

  /**
   * Whether a file met in a directory holds documents, by its name: {@code .jsonl},
   * {@code .ndjson}, {@code .parquet}, {@code .txt}, {@code .wet}, {@code .warc}, plain or
   * compressed, and {@code .json} only compressed. An uncompressed {@code .json} next to a corpus
   * is as often one JSON document (a manifest, a config) as JSON Lines; compressed ones are JSON
   * Lines (Dolma ships its documents as {@code *.json.gz}).
   */
  public static boolean isDataFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    String name = Compression.stripSuffix(lower);
    boolean compressed = !name.equals(lower);
    return DATA_EXTENSIONS.stream().anyMatch(name::endsWith) || (compressed && name.endsWith(".json"));
  }
}
