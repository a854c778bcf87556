package dev.pretrain.common.read;

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
  WET;

  /**
   * The format a file's name implies: {@code .jsonl}/{@code .json}/{@code .ndjson} → JSONL,
   * {@code .parquet} → PARQUET, {@code .wet}/{@code .warc} → WET, anything else → TEXT_FILE;
   * compression suffixes are looked through.
   */
  public static InputFormat detect(String fileName) {
    String name = Compression.stripSuffix(fileName.toLowerCase(Locale.ROOT));
    if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
      return JSONL;
    }
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    if (name.endsWith(".wet") || name.endsWith(".warc")) {
      return WET;
    }
    return TEXT_FILE;
  }
}
