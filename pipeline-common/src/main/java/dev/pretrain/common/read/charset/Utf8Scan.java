package dev.pretrain.common.read.charset;

/**
 * One pass over bytes counting what UTF-8 makes of them (RFC 3629, Table 3-7 of the Unicode
 * Standard: no overlong forms, no surrogates, nothing above U+10FFFF). A page that is valid UTF-8
 * with multi-byte sequences (or nearly: {@link #mostlyUtf8}) is UTF-8 whatever it declares: a legacy-encoded text of any length
 * that happens to be well-formed UTF-8 is vanishingly rare, while UTF-8 served under a stale
 * latin-1 declaration is the web's most common charset error.
 *
 * @param multiByte well-formed sequences of 2 to 4 bytes
 * @param invalid ill-formed sequences (each would become one U+FFFD or more)
 * @param escapes ESC bytes (0x1B), which ISO-2022-JP's pure-ASCII bytes carry
 */
record Utf8Scan(int multiByte, int invalid, int escapes) {
  static Utf8Scan of(byte[] b, int offset, int length) {
    int multiByte = 0;
    int invalid = 0;
    int escapes = 0;
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        if (c == 0x1B) {
          escapes++;
        }
        i++;
        continue;
      }
      int need;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) {
          lo = 0xA0; // no overlong 3-byte forms
        } else if (c == 0xED) {
          hi = 0x9F; // no surrogates
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) {
          lo = 0x90;
        } else if (c == 0xF4) {
          hi = 0x8F;
        }
      } else {
        invalid++;
        i++;
        continue;
      }
      int j = i + 1;
      boolean ok = true;
      for (int k = 0; k < need; k++, j++) {
        if (j >= end) {
          ok = false;
          break;
        }
        int t = b[j] & 0xFF;
        if (k == 0 ? t < lo || t > hi : t < 0x80 || t > 0xBF) {
          ok = false;
          break;
        }
      }
      if (ok) {
        multiByte++;
        i = j;
      } else {
        invalid++;
        i = Math.max(j, i + 1);
      }
    }
    return new Utf8Scan(multiByte, invalid, escapes);
  }

  /** No byte above 0x7F and no escape sequence: every ASCII-compatible charset reads it alike. */
  boolean pureAscii() {
    return multiByte == 0 && invalid == 0 && escapes == 0;
  }

  /**
   * UTF-8 with at most one ill-formed sequence per 20 well-formed multi-byte ones: a UTF-8 page
   * with a few stray bytes (a latin-1 comment, a truncated record) is still UTF-8, while legacy
   * text forms valid multi-byte sequences only by chance (a GBK or windows-1251 text has several
   * ill-formed ones for each).
   */
  boolean mostlyUtf8() {
    return multiByte > 0 && invalid * 20L <= multiByte;
  }
}
