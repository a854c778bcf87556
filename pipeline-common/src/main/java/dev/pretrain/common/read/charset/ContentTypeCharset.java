package dev.pretrain.common.read.charset;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code charset} parameter of an HTTP {@code Content-Type} value such as
 * {@code text/html; charset="windows-1251"} (RFC 9110 section 8.3: parameters after {@code ;},
 * names case-insensitive, values a token or a quoted string).
 */
public final class ContentTypeCharset {
  private ContentTypeCharset() {}

  /** The charset label the header declares, or empty if it declares none. */
  public static Optional<String> label(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    int i = contentType.indexOf(';');
    while (i >= 0 && i < contentType.length()) {
      int start = i + 1;
      int eq = contentType.indexOf('=', start);
      if (eq < 0) {
        return Optional.empty();
      }
      int semicolon = contentType.indexOf(';', start);
      if (semicolon >= 0 && semicolon < eq) {
        i = semicolon; // a parameter without a value
        continue;
      }
      String name = contentType.substring(start, eq).strip().toLowerCase(Locale.ROOT);
      int valueStart = eq + 1;
      while (valueStart < contentType.length() && contentType.charAt(valueStart) == ' ') {
        valueStart++;
      }
      String value;
      int next;
      if (valueStart < contentType.length() && contentType.charAt(valueStart) == '"') {
        int close = contentType.indexOf('"', valueStart + 1);
        int end = close < 0 ? contentType.length() : close;
        value = contentType.substring(valueStart + 1, end);
        next = contentType.indexOf(';', end);
      } else {
        next = contentType.indexOf(';', valueStart);
        value = contentType.substring(valueStart, next < 0 ? contentType.length() : next);
      }
      if (name.equals("charset")) {
        String label = value.strip();
        return label.isEmpty() ? Optional.empty() : Optional.of(label);
      }
      i = next;
    }
    return Optional.empty();
  }

  /** The encoding the header declares, if it declares a label the Encoding Standard knows. */
  public static Optional<WebCharset> of(String contentType) {
    return label(contentType).flatMap(WebCharset::forLabel);
  }
}
