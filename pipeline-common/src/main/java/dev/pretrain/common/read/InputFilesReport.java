package dev.pretrain.common.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The input files of a run, for its report: how many were read, which were skipped and why, which
 * were broken (truncated or corrupt) and where, and what their readers counted besides records.
 *
 * @param read how many files were read (broken ones included)
 * @param skipped files met in the inputs but not read, in path order
 * @param broken files that broke off or did not decode, in path order
 * @param counts the readers' counts summed by name (see {@link ReadRecords}): WARC records that
 *     hold no page by kind ({@code warc.skipped.*}), how pages' charsets were decided
 *     ({@code charset.*})
 */
public record InputFilesReport(int read, List<SkippedFile> skipped, List<BrokenFile> broken, Map<String, Long> counts) {
  /** How many skipped files report.json names; a directory of Spark output holds one .crc per part. */
  static final int SKIPPED_LISTED = 1000;
  private static final int BROKEN_ON_CONSOLE = 5;

  public InputFilesReport {
    skipped = List.copyOf(skipped);
    broken = List.copyOf(broken);
    counts = java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
  }

  /** @param rows the reader's rows, where each broken file left its one row and counts rows their counts */
  public static InputFilesReport of(InputListing listing, Dataset<Row> rows) {
    return new InputFilesReport(listing.files().size(), listing.skipped(), BrokenFile.in(ReadRecords.records(rows)),
        ReadRecords.counts(rows));
  }

  /** The {@code input_files} object of a report: counts, then the files (the skipped ones up to {@value #SKIPPED_LISTED}). */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("read", read);
    out.put("skipped", skipped.size());
    out.put("skipped_by_reason", skippedByReason());
    out.put("skipped_files", skipped.stream().limit(SKIPPED_LISTED).map(f -> {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("file", f.path());
      file.put("reason", f.reason());
      return file;
    }).toList());
    out.put("broken", broken.size());
    out.put("broken_files", broken.stream().map(f -> {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("file", f.path());
      file.put("offset", f.offset());
      file.put("error", f.error());
      return file;
    }).toList());
    out.put("read_counts", counts);
    return out;
  }

  private Map<String, Long> skippedByReason() {
    return skipped.stream().collect(Collectors.groupingBy(SkippedFile::reason, TreeMap::new, Collectors.counting()));
  }

  /** Lines for the console: the counts, and the first broken files by name. */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "input files: %,d read, %,d skipped%s, %,d broken", read, skipped.size(),
        skipped.isEmpty() ? "" : " " + skippedByReason(), broken.size()));
    if (!counts.isEmpty()) {
      lines.add("  read counts: " + counts);
    }
    broken.stream().limit(BROKEN_ON_CONSOLE).forEach(f -> lines.add(
        String.format(Locale.ROOT, "  broken: %s at byte/row %,d: %s", f.path(), f.offset(), f.error())));
    return lines;
  }
}
