package dev.pretrain.dedup.clean;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cheap test for "this document is HTML markup": it starts (after whitespace and a byte order
 * mark) with a doctype, {@code <html>}, {@code <head>} or {@code <body>}, or it has at least
 * {@value #MIN_TAGS} tags of common HTML elements, at least one of them a closing tag. Prose that
 * mentions a tag or two ("use <br> for a break") is not HTML.
 */
public final class HtmlDetector {
  static final int MIN_TAGS = 5;
  private static final int SCAN_LIMIT = 64 * 1024;
  private static final Pattern TAG = Pattern.compile(
      "<(/?)(html|head|body|div|p|span|a|br|hr|table|tr|td|th|ul|ol|li|h[1-6]|script|style|meta|link"
          + "|title|img|b|i|em|strong|form|input|section|article|nav|footer|header)(?=[\\s>/])[^<>]{0,2000}>",
      Pattern.CASE_INSENSITIVE);

  private HtmlDetector() {}

  public static boolean looksLikeHtml(String text) {
    if (text.indexOf('<') < 0) {
      return false;
    }
    String head = text.substring(0, Math.min(text.length(), SCAN_LIMIT));
    String start = head.stripLeading();
    if (start.startsWith("\ufeff")) {
      start = start.substring(1).stripLeading();
    }
    String lower = start.substring(0, Math.min(start.length(), 16)).toLowerCase(Locale.ROOT);
    if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.startsWith("<head")
        || lower.startsWith("<body")) {
      return true;
    }
    Matcher m = TAG.matcher(head);
    int tags = 0;
    boolean closing = false;
    while (m.find()) {
      tags++;
      closing |= !m.group(1).isEmpty();
      if (tags >= MIN_TAGS && closing) {
        return true;
      }
    }
    return false;
  }
}
