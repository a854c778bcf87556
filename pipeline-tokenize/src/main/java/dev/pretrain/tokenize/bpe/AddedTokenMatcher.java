package dev.pretrain.tokenize.bpe;

import dev.pretrain.tokenize.pretokenize.CharClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds added tokens in text, leftmost first and longest among those starting at the same place,
 * as HF tokenizers does (Aho-Corasick, LeftmostLongest). Texts are scanned once; only chars that
 * start some token are looked at twice.
 */
public final class AddedTokenMatcher {
  /** A match of {@code token} covering {@code [start, end)}, whitespace swallowed by lstrip/rstrip included. */
  public record Match(int start, int end, AddedToken token) {}

  private final BitSet firstChars = new BitSet();
  private final Map<Character, AddedToken[]> byFirstChar = new HashMap<>();

  public AddedTokenMatcher(List<AddedToken> tokens) {
    Map<Character, List<AddedToken>> groups = new HashMap<>();
    for (AddedToken t : tokens) {
      char c = t.content().charAt(0);
      firstChars.set(c);
      groups.computeIfAbsent(c, k -> new ArrayList<>()).add(t);
    }
    groups.forEach((c, list) -> {
      AddedToken[] sorted = list.toArray(new AddedToken[0]);
      Arrays.sort(sorted, Comparator.comparingInt((AddedToken t) -> t.content().length()).reversed());
      byFirstChar.put(c, sorted);
    });
  }

  public boolean isEmpty() {
    return byFirstChar.isEmpty();
  }

  /** The first match in {@code text[from, text.length())}, or null. */
  public Match find(String text, int from) {
    if (byFirstChar.isEmpty()) {
      return null;
    }
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      if (!firstChars.get(c)) {
        continue;
      }
      for (AddedToken t : byFirstChar.get(c)) {
        String content = t.content();
        int end = i + content.length();
        if (!text.startsWith(content, i)) {
          continue;
        }
        if (t.singleWord() && (isWordCharBefore(text, i) || isWordCharAt(text, end))) {
          continue;
        }
        int start = i;
        if (t.lstrip()) {
          while (start > from && CharClass.isWhiteSpace(text.charAt(start - 1))) {
            start--;
          }
        }
        if (t.rstrip()) {
          while (end < n && CharClass.isWhiteSpace(text.charAt(end))) {
            end++;
          }
        }
        return new Match(start, end, t);
      }
    }
    return null;
  }

  private static boolean isWordCharBefore(String text, int i) {
    return i > 0 && isWordChar(text.codePointBefore(i));
  }

  private static boolean isWordCharAt(String text, int i) {
    return i < text.length() && isWordChar(text.codePointAt(i));
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp) || cp == '_';
  }
}
