package dev.pretrain.dedup.minhash;

import dev.pretrain.dedup.text.Punctuation;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * datatrove's text normalization for dedup ({@code simplify_text}: lowercase, whitespace collapsed,
 * punctuation removed, accents removed by NFD and dropping nonspacing marks, each run of digits
 * folded to one "0", trimmed), done in one pass through a per-char table built once.
 *
 * <p>Punctuation is datatrove's set plus every Unicode punctuation char (general categories P*),
 * so "«quoted»" and "“quoted”" normalize alike. Lowercasing and decomposition are per char:
 * Python's context rule for a final capital sigma is the one difference, and it cannot change
 * whether two texts are near duplicates. Characters outside the BMP are lowercased and kept.
 *
 * <p>An instance reuses its buffer and is not thread-safe: use one per task.
 */
public final class DedupNormalizer {
  private static final byte DROP = 0;
  private static final byte CHAR = 1;
  private static final byte SPACE = 2;
  private static final byte DIGIT = 3;
  private static final byte MULTI = 4;

  private static final byte[] KIND = new byte[0x10000];
  private static final char[] MAP = new char[0x10000];
  private static final Map<Character, char[]> MULTIPLE = new HashMap<>();

  static {
    for (int c = 0; c < 0x10000; c++) {
      if (Character.isSurrogate((char) c)) {
        KIND[c] = CHAR;
        MAP[c] = (char) c;
        continue;
      }
      String lower = String.valueOf(Character.toLowerCase((char) c));
      String nfd = Normalizer.normalize(lower, Normalizer.Form.NFD);
      StringBuilder kept = new StringBuilder();
      byte kind = DROP;
      for (int i = 0; i < nfd.length(); i++) {
        char d = nfd.charAt(i);
        byte k = classify(d);
        if (k == SPACE || k == DIGIT) {
          kind = k;
        } else if (k == CHAR) {
          kept.append(d);
        }
      }
      if (kind == SPACE || kind == DIGIT) {
        KIND[c] = kind;
      } else if (kept.length() == 1) {
        KIND[c] = CHAR;
        MAP[c] = kept.charAt(0);
      } else if (kept.length() > 1) {
        KIND[c] = MULTI;
        MULTIPLE.put((char) c, kept.toString().toCharArray());
      }
    }
  }

  private static byte classify(char d) {
    if (Character.isWhitespace(d) || Character.isSpaceChar(d)) {
      return SPACE;
    }
    if (Character.isDigit(d)) {
      return DIGIT;
    }
    if (Punctuation.contains(d) || isUnicodePunctuation(d) || Character.getType(d) == Character.NON_SPACING_MARK
        || Character.getType(d) == Character.CONTROL) {
      return DROP;
    }
    return CHAR;
  }

  private static boolean isUnicodePunctuation(char d) {
    return switch (Character.getType(d)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  private char[] buffer = new char[1 << 12];
  private char[] input = new char[1 << 12];
  private int length;

  /** Normalizes {@code text} into this normalizer's buffer; returns the normalized length. */
  public int normalize(CharSequence text) {
    int n = text.length();
    if (buffer.length < n) {
      buffer = new char[Math.max(n, buffer.length * 2)];
    }
    if (input.length < n) {
      input = new char[Math.max(n, input.length * 2)];
    }
    // One bulk copy, then plain array reads: String.charAt checks the coder and bounds per char.
    char[] in = input;
    text.toString().getChars(0, n, in, 0);
    char[] out = buffer;
    int len = 0;
    boolean pendingSpace = false;
    boolean inDigits = false;
    for (int i = 0; i < n; i++) {
      char c = in[i];
      byte kind = KIND[c];
      if (kind == CHAR) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(in[i + 1])) {
          int cp = Character.toLowerCase(Character.toCodePoint(c, in[i + 1]));
          i++;
          if (pendingSpace && len > 0) {
            out[len++] = ' ';
          }
          len += Character.toChars(cp, out, len);
        } else {
          if (pendingSpace && len > 0) {
            out[len++] = ' ';
          }
          out[len++] = MAP[c];
        }
        pendingSpace = false;
        inDigits = false;
      } else if (kind == SPACE) {
        pendingSpace = true;
        inDigits = false;
      } else if (kind == DIGIT) {
        if (!inDigits || pendingSpace) {
          if (pendingSpace && len > 0) {
            out[len++] = ' ';
          }
          out[len++] = '0';
          pendingSpace = false;
          inDigits = true;
        }
      } else if (kind == MULTI) {
        char[] chars = MULTIPLE.get(c);
        if (len + chars.length + 1 > out.length) {
          out = buffer = Arrays.copyOf(out, (len + chars.length + 1) * 2);
        }
        if (pendingSpace && len > 0) {
          out[len++] = ' ';
        }
        for (char d : chars) {
          out[len++] = d;
        }
        pendingSpace = false;
        inDigits = false;
      }
      // DROP: punctuation and marks vanish without splitting the word ("don't" is "dont") and
      // without ending a run of digits ("1,000" is "0"), as in datatrove.
      if (len + 3 > out.length) {
        out = buffer = Arrays.copyOf(out, out.length * 2);
      }
    }
    length = len;
    return len;
  }

  /** The buffer holding the last normalized text in {@code [0, length())}. */
  public char[] buffer() {
    return buffer;
  }

  public int length() {
    return length;
  }

  /** The normalized text as a String (for tests and exact-dedup keys outside hot loops). */
  public static String normalizeToString(CharSequence text) {
    DedupNormalizer n = new DedupNormalizer();
    int len = n.normalize(text);
    return new String(n.buffer, 0, len);
  }
}
