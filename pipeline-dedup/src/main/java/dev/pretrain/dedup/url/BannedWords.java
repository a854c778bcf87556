package dev.pretrain.dedup.url;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Words a URL may not contain as a whole token, datatrove's URL filter idea (its "hard" banned
 * words, as FineWeb ran it): the normalized URL (host, path, query) is split at every char that is
 * not a letter or a digit and lower-cased, and a token equal to a listed word drops the page. Whole
 * tokens, not substrings, so a word does not hit every longer word that contains it
 * ({@code sex} in {@code sussex.ac.uk} splits as {@code sussex}, {@code ac}, {@code uk}).
 */
final class BannedWords {
  private final Set<String> words;

  BannedWords(List<String> words) {
    this.words = Set.copyOf(words);
  }

  boolean isEmpty() {
    return words.isEmpty();
  }

  /** The first banned token of {@code normalizedUrl}, or empty. */
  Optional<String> find(String normalizedUrl) {
    int start = -1;
    for (int i = 0; i <= normalizedUrl.length(); i++) {
      boolean inToken = i < normalizedUrl.length() && Character.isLetterOrDigit(normalizedUrl.charAt(i));
      if (inToken && start < 0) {
        start = i;
      } else if (!inToken && start >= 0) {
        String token = normalizedUrl.substring(start, i).toLowerCase(Locale.ROOT);
        if (words.contains(token)) {
          return Optional.of(token);
        }
        start = -1;
      }
    }
    return Optional.empty();
  }
}
