package dev.pretrain.bench.dedup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code /usr/bin/time -f "%e %U %S %M" -o FILE} wrote about a child process: wall, user and
 * system seconds, and its peak resident set in KiB (GNU time's man page: %e, %U, %S, %M).
 *
 * @param wallSeconds elapsed real time
 * @param userSeconds CPU in user mode, the child and the children it waited for
 * @param systemSeconds CPU in the kernel on its behalf
 * @param peakRssKib the largest resident set of the process (KiB)
 */
record GnuTime(double wallSeconds, double userSeconds, double systemSeconds, long peakRssKib) {
  /** The format to pass to {@code -f}. */
  static final String FORMAT = "%e %U %S %M";

  double cpuSeconds() {
    return userSeconds + systemSeconds;
  }

  /**
   * The figures of {@code file}: its last non-empty line, since GNU time writes "Command exited
   * with non-zero status N" above them when the child fails.
   */
  static GnuTime read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IOException(file + " is empty: /usr/bin/time wrote no figures");
    }
    String last = lines.get(lines.size() - 1).trim();
    String[] fields = last.split("\\s+");
    if (fields.length != 4) {
      throw new IOException(file + ": expected 4 fields (" + FORMAT + "), found '" + last + "'");
    }
    try {
      return new GnuTime(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
          Long.parseLong(fields[3]));
    } catch (NumberFormatException e) {
      throw new IOException(file + ": not numbers (" + FORMAT + "): '" + last + "'", e);
    }
  }
}
