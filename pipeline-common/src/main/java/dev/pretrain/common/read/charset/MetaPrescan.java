package dev.pretrain.common.read.charset;

import java.util.Optional;

/**
 * The charset a page declares in a {@code <meta charset>} or
 * {@code <meta http-equiv="Content-Type" content="...; charset=...">} near its start, found the way
 * browsers find it before parsing: WHATWG HTML, "prescan a byte stream to determine its encoding"
 * (comments skipped, other tags' attributes stepped over so that a {@code charset=} inside them
 * does not count, the first meta declaring a known encoding wins, a declared UTF-16 means UTF-8
 * since the bytes were read as ASCII; labels the Encoding Standard does not know are skipped).
 */
final class MetaPrescan {
  /** How far to look: browsers prescan 1024 bytes; pages with long heads put it later, so 4 KiB. */
  static final int PRESCAN_BYTES = 4096;

  private final byte[] bytes;
  private final int end;
  private int pos;
  // The attribute the last getAttribute() read.
  private String attrName;
  private String attrValue;

  private MetaPrescan(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.pos = offset;
    this.end = offset + Math.min(length, PRESCAN_BYTES);
  }

  /** The encoding declared in the first {@link #PRESCAN_BYTES} bytes, if any. */
  static Optional<WebCharset> find(byte[] bytes, int offset, int length) {
    return Optional.ofNullable(new MetaPrescan(bytes, offset, length).scan());
  }

  private WebCharset scan() {
    while (pos < end) {
      if (startsWith("<!--")) {
        int close = indexOf("-->", pos + 2);
        if (close < 0) {
          return null;
        }
        pos = close + 3;
      } else if (startsWithIgnoreCase("<meta") && pos + 5 < end && isSpaceOrSlash(bytes[pos + 5])) {
        pos += 6;
        WebCharset charset = meta();
        if (charset != null) {
          return charset;
        }
      } else if (startsWith("<") && pos + 1 < end && isAsciiLetter(bytes[pos + 1])
          || startsWith("</") && pos + 2 < end && isAsciiLetter(bytes[pos + 2])) {
        // Another tag: skip its name, then its attributes, so their values are not scanned.
        while (pos < end && !isSpace(bytes[pos]) && bytes[pos] != '>') {
          pos++;
        }
        while (getAttribute()) {
          // skipped
        }
        pos++;
      } else if (startsWith("<!") || startsWith("</") || startsWith("<?")) {
        int close = indexOf(">", pos + 1);
        if (close < 0) {
          return null;
        }
        pos = close + 1;
      } else {
        pos++;
      }
    }
    return null;
  }

  /** The attributes of one meta tag; its declared encoding, or null if it declares none usable. */
  private WebCharset meta() {
    boolean gotPragma = false;
    Boolean needPragma = null;
    WebCharset charset = null;
    boolean seenHttpEquiv = false;
    boolean seenContent = false;
    boolean seenCharset = false;
    while (getAttribute()) {
      switch (attrName) {
        case "http-equiv" -> {
          if (!seenHttpEquiv) {
            seenHttpEquiv = true;
            gotPragma |= attrValue.equalsIgnoreCase("content-type");
          }
        }
        case "content" -> {
          if (!seenContent) {
            seenContent = true;
            if (charset == null) {
              String label = charsetInContent(attrValue);
              if (label != null) {
                charset = WebCharset.forLabel(label).orElse(null);
                if (charset != null) {
                  needPragma = true;
                }
              }
            }
          }
        }
        case "charset" -> {
          if (!seenCharset) {
            seenCharset = true;
            charset = WebCharset.forLabel(attrValue).orElse(null);
            needPragma = false;
          }
        }
        default -> {
          // not a declaration
        }
      }
    }
    if (needPragma == null || needPragma && !gotPragma || charset == null) {
      return null;
    }
    return charset.isUtf16() ? WebCharset.UTF_8 : charset;
  }

  /**
   * Reads one attribute at {@code pos} into {@link #attrName} (lower case) and {@link #attrValue};
   * false at the tag's end. WHATWG HTML, "get an attribute".
   */
  private boolean getAttribute() {
    while (pos < end && (isSpace(bytes[pos]) || bytes[pos] == '/')) {
      pos++;
    }
    if (pos >= end || bytes[pos] == '>') {
      return false;
    }
    StringBuilder name = new StringBuilder();
    StringBuilder value = new StringBuilder();
    boolean hasValue = false;
    while (pos < end) {
      byte b = bytes[pos];
      if (b == '=' && name.length() > 0) {
        pos++;
        hasValue = true;
        break;
      }
      if (isSpace(b)) {
        while (pos < end && isSpace(bytes[pos])) {
          pos++;
        }
        if (pos < end && bytes[pos] == '=') {
          pos++;
          hasValue = true;
        }
        break;
      }
      if (b == '/' || b == '>') {
        break;
      }
      name.append(lower(b));
      pos++;
    }
    if (hasValue) {
      while (pos < end && isSpace(bytes[pos])) {
        pos++;
      }
      if (pos < end && (bytes[pos] == '"' || bytes[pos] == '\'')) {
        byte quote = bytes[pos++];
        while (pos < end && bytes[pos] != quote) {
          value.append(lower(bytes[pos++]));
        }
        pos++;
      } else {
        while (pos < end && !isSpace(bytes[pos]) && bytes[pos] != '>') {
          value.append(lower(bytes[pos++]));
        }
      }
    }
    attrName = name.toString();
    attrValue = value.toString();
    return true;
  }

  /**
   * The label in a meta {@code content} value such as {@code text/html; charset=koi8-r}, or null.
   * WHATWG HTML, "extracting a character encoding from a meta element".
   */
  static String charsetInContent(String content) {
    String lower = content.toLowerCase(java.util.Locale.ROOT);
    int i = 0;
    int n = content.length();
    while (true) {
      int at = lower.indexOf("charset", i);
      if (at < 0) {
        return null;
      }
      i = at + 7;
      while (i < n && isSpace((byte) content.charAt(i))) {
        i++;
      }
      if (i >= n || content.charAt(i) != '=') {
        continue;
      }
      i++;
      while (i < n && isSpace((byte) content.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return null;
      }
      char c = content.charAt(i);
      if (c == '"' || c == '\'') {
        int close = content.indexOf(c, i + 1);
        return close < 0 ? null : content.substring(i + 1, close);
      }
      int stop = i;
      while (stop < n && !isSpace((byte) content.charAt(stop)) && content.charAt(stop) != ';') {
        stop++;
      }
      return content.substring(i, stop);
    }
  }

  private boolean startsWith(String s) {
    if (pos + s.length() > end) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (bytes[pos + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private boolean startsWithIgnoreCase(String lowerCase) {
    if (pos + lowerCase.length() > end) {
      return false;
    }
    for (int k = 0; k < lowerCase.length(); k++) {
      if (lower(bytes[pos + k]) != lowerCase.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(String s, int from) {
    for (int i = from; i + s.length() <= end; i++) {
      boolean match = true;
      for (int k = 0; k < s.length() && match; k++) {
        match = bytes[i + k] == s.charAt(k);
      }
      if (match) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSpace(byte b) {
    return b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D || b == 0x20;
  }

  private static boolean isSpaceOrSlash(byte b) {
    return isSpace(b) || b == '/';
  }

  private static boolean isAsciiLetter(byte b) {
    return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
  }

  /** ASCII lower case; other bytes as Latin-1 characters (only ASCII labels map to anything). */
  private static char lower(byte b) {
    char c = (char) (b & 0xFF);
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }
}
