package dev.pretrain.common.report;

/**
 * Text made safe for an HTML page. Every value a report shows (document snippets, ids, file names,
 * reasons) goes through {@link #escape}; JSON placed inside a {@code <script>} element goes through
 * {@link #scriptJson}, so no document text can close the element or run as script.
 */
public final class Html {
  private Html() {}

  /** Escapes the five characters that are markup in element text and quoted attribute values. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON text made safe to sit between {@code <script>} and {@code </script>}: {@code <}, {@code >}
   * and {@code &} become {@code \}{@code u} escapes, which mean the same inside JSON strings (the only
   * place JSON can hold them), so {@code </script>} or {@code <!--} in a value cannot end the element.
   * U+2028 and U+2029 are escaped too (JavaScript line terminators before ES2019).
   */
  public static String scriptJson(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
