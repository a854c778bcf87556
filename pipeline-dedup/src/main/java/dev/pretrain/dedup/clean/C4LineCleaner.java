package dev.pretrain.dedup.clean;

import dev.pretrain.dedup.text.AsciiLowerCase;
import java.util.List;

/**
 * C4's line rules (Raffel et al. 2020, section 2.2; TFDS {@code c4_utils.clean_page}, as in
 * datatrove's {@code C4QualityFilter}): drop lines that mention "javascript" (enable-JavaScript
 * notices), lines with cookie, privacy-policy or terms-of-use boilerplate, and lines holding a
 * word longer than {@code maxWordLength} chars. C4's whole-page rules ("lorem ipsum", "{") are
 * the {@code c4-page} filter. Matching is case-insensitive.
 *
 * <p>An instance reuses a buffer and is not thread-safe: one per task, as the job's steps are.
 */
public final class C4LineCleaner implements Cleaner {
  /** C4's policy substrings (TFDS c4_utils {@code _POLICY_SUBSTRINGS}, as in datatrove). */
  static final List<String> POLICY_SUBSTRINGS = List.of(
      "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies");

  /**
   * For each first letter of "javascript" and the policy phrases, the second letter of the
   * phrases that start with it (one per first letter: ja, te, pr, co, us); 0 for other chars.
   */
  private static final char[] SECOND_LETTER = new char[128];

  /** {@link Character#isWhitespace(char)} of the ASCII chars, one load instead of its two-level lookup. */
  private static final boolean[] ASCII_WHITESPACE = new boolean[128];

  static {
    List<String> phrases = new java.util.ArrayList<>(POLICY_SUBSTRINGS);
    phrases.add("javascript");
    for (String phrase : phrases) {
      char first = phrase.charAt(0);
      if (SECOND_LETTER[first] != 0 && SECOND_LETTER[first] != phrase.charAt(1)) {
        throw new ExceptionInInitializerError("two phrases start with " + first + " but differ in their second letter");
      }
      SECOND_LETTER[first] = phrase.charAt(1);
    }
    for (char c = 0; c < 128; c++) {
      ASCII_WHITESPACE[c] = Character.isWhitespace(c);
    }
  }

  private final boolean javascript;
  private final boolean policy;
  private final int maxWordLength;
  /** The text's chars, grown to the longest text (an instance serves one task). */
  private char[] chars = new char[1 << 12];

  /**
   * @param javascript drop lines mentioning javascript
   * @param policy drop lines with cookie/privacy/terms boilerplate
   * @param maxWordLength drop lines with a longer word; 0 turns the rule off
   */
  public C4LineCleaner(boolean javascript, boolean policy, int maxWordLength) {
    if (maxWordLength < 0) {
      throw new IllegalArgumentException("maxWordLength must be >= 0, got " + maxWordLength);
    }
    this.javascript = javascript;
    this.policy = policy;
    this.maxWordLength = maxWordLength;
  }

  @Override
  public String name() {
    return "c4-lines";
  }

  @Override
  public String apply(String text, CleanCounters counters) {
    StringBuilder out = null;
    int start = 0;
    int n = text.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    text.getChars(0, n, chars, 0);
    while (start <= n) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      String reason = reason(chars, start, end);
      if (reason != null) {
        if (out == null) {
          out = new StringBuilder(n);
          out.append(text, 0, start);
        }
        counters.add("c4-lines.removed-" + reason, 1);
      } else if (out != null) {
        out.append(text, start, end);
        if (end < n) {
          out.append('\n');
        }
      }
      start = end + 1;
    }
    if (out == null) {
      return text;
    }
    // A removed last line leaves the newline of the line before it.
    int len = out.length();
    if (len > 0 && out.charAt(len - 1) == '\n' && !text.endsWith("\n")) {
      out.setLength(len - 1);
    }
    return out.toString();
  }

  /**
   * The rule that drops the line {@code text[start, end)}, in C4's order (a long word, then
   * "javascript", then a policy phrase), or null; one pass over the line for all of them.
   */
  private String reason(char[] text, int start, int end) {
    int max = maxWordLength > 0 ? maxWordLength : Integer.MAX_VALUE;
    boolean phrases = javascript || policy;
    boolean javascriptFound = false;
    boolean policyFound = false;
    int run = 0;
    for (int i = start; i < end; i++) {
      char raw = text[i];
      if (raw < 128 ? ASCII_WHITESPACE[raw] : Character.isWhitespace(raw)) {
        run = 0;
      } else if (++run > max) {
        return "long-word";
      }
      if (!phrases || i + 1 == end) {
        continue;
      }
      char c = AsciiLowerCase.of(raw);
      // Most chars start no phrase, and most that do are not followed by its second letter.
      char second = SECOND_LETTER[c];
      if (second == 0 || AsciiLowerCase.of(text[i + 1]) != second) {
        continue;
      }
      if (c == 'j') {
        javascriptFound |= javascript && AsciiLowerCase.startsWith(text, i, end, "javascript");
      } else if (policy && !policyFound) {
        for (String p : POLICY_SUBSTRINGS) {
          if (p.charAt(0) == c && AsciiLowerCase.startsWith(text, i, end, p)) {
            policyFound = true;
            break;
          }
        }
      }
    }
    return javascriptFound ? "javascript" : policyFound ? "policy" : null;
  }
}
