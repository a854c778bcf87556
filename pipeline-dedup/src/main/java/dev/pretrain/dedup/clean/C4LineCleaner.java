package dev.pretrain.dedup.clean;

import java.util.List;
import java.util.Locale;

/**
 * C4's line rules (Raffel et al. 2020, section 2.2; TFDS {@code c4_utils.clean_page}, as in
 * datatrove's {@code C4QualityFilter}): drop lines that mention "javascript" (enable-JavaScript
 * notices), lines with cookie, privacy-policy or terms-of-use boilerplate, and lines holding a
 * word longer than {@code maxWordLength} chars. C4's whole-page rules ("lorem ipsum", "{") are
 * the {@code c4-page} filter. Matching is case-insensitive.
 */
public final class C4LineCleaner implements Cleaner {
  /** C4's policy substrings (TFDS c4_utils {@code _POLICY_SUBSTRINGS}, as in datatrove). */
  static final List<String> POLICY_SUBSTRINGS = List.of(
      "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies");

  private final boolean javascript;
  private final boolean policy;
  private final int maxWordLength;

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
    while (start <= n) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      String reason = reason(text, start, end);
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

  private String reason(String text, int start, int end) {
    if (maxWordLength > 0 && longestWord(text, start, end) > maxWordLength) {
      return "long-word";
    }
    if (!javascript && !policy) {
      return null;
    }
    boolean policyFound = false;
    for (int i = start; i < end; i++) {
      char c = LOWER_ASCII[text.charAt(i)];
      if (javascript && c == 'j' && matches(text, i, end, "javascript")) {
        return "javascript";
      }
      if (policy && !policyFound && (c == 't' || c == 'p' || c == 'c' || c == 'u')) {
        for (String p : POLICY_SUBSTRINGS) {
          if (p.charAt(0) == c && matches(text, i, end, p)) {
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

  /** Whether {@code text[at, end)} starts with {@code phrase} (lower-case ASCII) once lowered. */
  private static boolean matches(String text, int at, int end, String phrase) {
    int n = phrase.length();
    if (end - at < n) {
      return false;
    }
    for (int k = 1; k < n; k++) {
      if (LOWER_ASCII[text.charAt(at + k)] != phrase.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Each char's lower case where {@code String.toLowerCase(Locale.ROOT)} makes it one ASCII char
   * (A-Z, and the Kelvin sign to k), else 0. The phrases searched are lower-case ASCII, so a char
   * lowered to anything else can be no part of a match: İ (U+0130) lowers to i plus a combining
   * dot, and no phrase has an i followed by a combining dot; surrogates lower to non-ASCII. So
   * the line need not be lowered as a whole to find the phrases.
   */
  static final char[] LOWER_ASCII = new char[0x10000];

  static {
    for (int c = 0; c < 0x10000; c++) {
      String lower = String.valueOf((char) c).toLowerCase(Locale.ROOT);
      if (lower.length() == 1 && lower.charAt(0) < 0x80) {
        LOWER_ASCII[c] = lower.charAt(0);
      }
    }
  }

  private static int longestWord(String text, int start, int end) {
    int longest = 0;
    int run = 0;
    for (int i = start; i < end; i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        run = 0;
      } else {
        run++;
        longest = Math.max(longest, run);
      }
    }
    return longest;
  }
}
