package dev.pretrain.dedup.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The codes a language may be named by in {@code curate.filter.by-language}: an ISO 639-1 code
 * ({@code zh}, as langid and Lingua name languages), an ISO 639-3 code ({@code cmn}), either with an
 * ISO 15924 script ({@code ckb_Arab}, as fastText models such as GlotLID name them). The lists are
 * resources made from Debian's iso-codes by {@code pipeline-dedup/tools/iso-codes.sh}.
 */
final class LanguageCodes {
  private LanguageCodes() {}

  private static final class Lists {
    static final Set<String> LANGUAGES = read("iso-639-codes.txt");
    static final Set<String> SCRIPTS = read("iso-15924-scripts.txt");
  }

  /** Whether {@code code} is a lowercase ISO 639-1 or 639-3 code, optionally followed by {@code _} and an ISO 15924 script. */
  static boolean isValid(String code) {
    int underscore = code.indexOf('_');
    String language = underscore < 0 ? code : code.substring(0, underscore);
    return Lists.LANGUAGES.contains(language)
        && (underscore < 0 || Lists.SCRIPTS.contains(code.substring(underscore + 1)));
  }

  private static Set<String> read(String resource) {
    return Set.copyOf(lines(resource).stream().map(String::strip).toList());
  }

  /** The lines of a resource next to this class, blank lines and {@code #} comments left out. */
  static List<String> lines(String resource) {
    List<String> lines = new ArrayList<>();
    try (InputStream in = LanguageCodes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " next to " + LanguageCodes.class.getName());
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return lines;
  }
}
