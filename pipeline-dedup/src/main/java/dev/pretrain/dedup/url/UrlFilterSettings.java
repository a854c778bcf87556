package dev.pretrain.dedup.url;

import dev.pretrain.common.config.SettingsReader;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The {@code curate.url-filter} section: the UT1-format blocklist directory and its categories to
 * apply, and the words that may not appear in a URL (see {@link UrlFilter}).
 *
 * @param enabled whether the step runs
 * @param blocklist a directory in the UT1 layout ({@code <category>/domains}, {@code <category>/urls}),
 *     local or on any Hadoop file system; empty for none
 * @param categories the categories of {@code blocklist} applied, in the order a match is reported
 * @param bannedWords lower-case letters and digits only: a URL with one of them as a whole token is dropped
 */
public record UrlFilterSettings(boolean enabled, String blocklist, List<String> categories, List<String> bannedWords)
    implements Serializable {

  public UrlFilterSettings {
    categories = List.copyOf(categories);
    bannedWords = List.copyOf(bannedWords);
  }

  public boolean hasBlocklist() {
    return !blocklist.isBlank();
  }

  public static UrlFilterSettings read(SettingsReader r) {
    String p = "curate.url-filter.";
    UrlFilterSettings s = new UrlFilterSettings(
        r.bool(p + "enabled"),
        r.string(p + "blocklist").strip(),
        r.stringList(p + "categories"),
        r.stringList(p + "banned-words"));
    r.check(!s.enabled || s.hasBlocklist() || !s.bannedWords.isEmpty(), p + "enabled",
        "must be false unless curate.url-filter.blocklist or curate.url-filter.banned-words is set (nothing to match)");
    r.check(!s.hasBlocklist() || !s.categories.isEmpty(), p + "categories",
        "must name at least one category of the blocklist (UT1's adult is what FineWeb applies)");
    List<String> badCategories = s.categories.stream()
        .filter(c -> c.isBlank() || c.contains("/") || c.contains("\\") || c.startsWith(".")).toList();
    r.check(badCategories.isEmpty(), p + "categories",
        "must hold directory names of the blocklist (no '/', no leading '.'); not " + badCategories);
    List<String> badWords = s.bannedWords.stream().filter(w -> !isToken(w)).toList();
    r.check(badWords.isEmpty(), p + "banned-words",
        "must hold lower-case letters and digits only (they are matched against whole URL tokens); not " + badWords);
    return s;
  }

  /** What a URL splits into (see {@link BannedWords}): letters and digits, lower case, at least one. */
  static boolean isToken(String word) {
    return !word.isEmpty() && word.equals(word.toLowerCase(Locale.ROOT))
        && word.codePoints().allMatch(Character::isLetterOrDigit);
  }
}
