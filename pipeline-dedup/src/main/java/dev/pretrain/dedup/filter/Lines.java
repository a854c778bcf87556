package dev.pretrain.dedup.filter;

import java.util.ArrayList;
import java.util.List;

/** A document's lines, split the way the filters' references split them. */
final class Lines {
  private Lines() {}

  /** Python's {@code str.split("\n")}: every piece, including empty ones at either end. */
  static List<String> splitOnNewline(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
      out.add(text.substring(start, i));
      start = i + 1;
    }
    out.add(text.substring(start));
    return out;
  }
}
