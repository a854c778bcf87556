package dev.pretrain.jobs.rapids;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fallbacks to CPU that are accepted, each with its reason, read from a text file with one entry
 * per line: {@code <Name> | text the explain line contains | why it is allowed}. Blank lines
 * and lines starting with {@code #} are comments.
 */
record FallbackAllowlist(List<Entry> entries) {
  record Entry(String name, String contains, String why, int line) {
    boolean matches(RapidsExplain.Node node) {
      return node.name().equals(name) && node.text().contains(contains);
    }

    @Override
    public String toString() {
      return "line " + line + ": <" + name + "> | " + contains;
    }
  }

  static FallbackAllowlist read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\|", 3);
      String name = parts[0].strip();
      if (parts.length != 3 || !name.matches("<[\\w$]+>") || parts[2].isBlank()) {
        throw new IllegalArgumentException(file + " line " + (i + 1)
            + ": expected '<Name> | text the line contains | why it is allowed', got: " + line);
      }
      entries.add(new Entry(name.substring(1, name.length() - 1), parts[1].strip(), parts[2].strip(), i + 1));
    }
    return new FallbackAllowlist(List.copyOf(entries));
  }

  /** The entry allowing {@code node}, or null. */
  Entry allowing(RapidsExplain.Node node) {
    for (Entry e : entries) {
      if (e.matches(node)) {
        return e;
      }
    }
    return null;
  }
}
