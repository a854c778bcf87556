package dev.pretrain.common.config;

import java.util.Comparator;

/** The "did you mean" of config keys and command-line options: the nearest known name by edit distance. */
public final class ClosestName {
  private ClosestName() {}

  /** The known name within edit distance 2 (or a third of the name's length), if any; ties go to the first in order. */
  public static String of(String name, Iterable<String> known) {
    int limit = Math.max(2, name.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = editDistance(name, candidate);
      if (distance < bestDistance
          || (distance == bestDistance && Comparator.<String>naturalOrder().compare(candidate, best) < 0)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= limit ? best : null;
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
