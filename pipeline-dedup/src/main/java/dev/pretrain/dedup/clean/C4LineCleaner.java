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

  private String reason(char[] text, int start, int end) {
    if (maxWordLength > 0 && hasLongerWord(text, start, end, maxWordLength)) {
      return "long-word";
    }
    if (!javascript && !policy) {
      return null;
    }
    boolean policyFound = false;
    for (int i = start; i < end; i++) {
      char c = AsciiLowerCase.of(text[i]);
      if (javascript && c == 'j' && AsciiLowerCase.startsWith(text, i, end, "javascript")) {
        return "javascript";
      }
      if (policy && !policyFound && (c == 't' || c == 'p' || c == 'c' || c == 'u')) {
        for (String p : POLICY_SUBSTRINGS) {
          if (p.charAt(0) == c && AsciiLowerCase.startsWith(text, i, end, p)) {
            policyFound = true;
            if (!javascript) {
              return "policy";
            }
            break;
          }
        }
      }
    }
    // "javascript" anywhere in the line wins over a policy phrase, as when the lowered line was
    // searched for it first.
    return policyFound ? "policy" : null;
  }

  /** Whether a run of non-whitespace chars of {@code text[start, end)} is longer than {@code max}. */
  private static boolean hasLongerWord(char[] text, int start, int end, int max) {
    int run = 0;
    for (int i = start; i < end; i++) {
      if (isWhitespace(text[i])) {
        run = 0;
      } else if (++run > max) {
        return true;
      }
    }
    return false;
  }

  /** {@link Character#isWhitespace(char)}, with ASCII answered without its table lookup. */
  private static boolean isWhitespace(char c) {
    if (c < 0x80) {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
    }
    return Character.isWhitespace(c);
  }
}
