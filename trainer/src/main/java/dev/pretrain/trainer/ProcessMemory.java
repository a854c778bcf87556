package dev.pretrain.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * This process's resident memory from {@code /proc/self/status} (Linux): {@code VmRSS} now and its
 * peak {@code VmHWM}. ND4J's CPU arrays are allocated natively where neither the JVM nor JavaCPP's
 * byte counter sees them (docs/training.md, "Memory"), so the resident set is the figure that counts them.
 *
 * @param residentBytes     VmRSS, Java heap and native memory together
 * @param peakResidentBytes VmHWM, the highest VmRSS since the process started
 */
public record ProcessMemory(long residentBytes, long peakResidentBytes) {

  private static final Path STATUS = Path.of("/proc/self/status");

  /** Empty where {@code /proc/self/status} does not exist or lacks the two lines (not Linux). */
  public static Optional<ProcessMemory> read() {
    try {
      return parse(Files.readAllLines(STATUS));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  static Optional<ProcessMemory> parse(List<String> statusLines) {
    long rss = -1;
    long hwm = -1;
    for (String line : statusLines) {
      if (line.startsWith("VmRSS:")) {
        rss = kilobytes(line);
      } else if (line.startsWith("VmHWM:")) {
        hwm = kilobytes(line);
      }
    }
    return rss >= 0 && hwm >= 0 ? Optional.of(new ProcessMemory(rss * 1024, hwm * 1024)) : Optional.empty();
  }

  /** "VmRSS:\t  123456 kB" → 123456. */
  private static long kilobytes(String line) {
    String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
    if (parts.length != 2 || !parts[1].equals("kB")) {
      throw new IllegalStateException("unexpected line in " + STATUS + ": " + line);
    }
    return Long.parseLong(parts[0]);
  }
}
