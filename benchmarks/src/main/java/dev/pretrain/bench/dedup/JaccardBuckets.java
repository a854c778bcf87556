package dev.pretrain.bench.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Counts of pairs and of pairs a method joined, per band of true Jaccard, printed as a table. */
final class JaccardBuckets {
  static final double[] EDGES = {0.0, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0};

  private final long[] pairs = new long[EDGES.length - 1];
  private final long[] joined = new long[EDGES.length - 1];

  void add(double jaccard, boolean wasJoined) {
    int b = bucket(jaccard);
    pairs[b]++;
    if (wasJoined) {
      joined[b]++;
    }
  }

  static int bucket(double j) {
    for (int b = EDGES.length - 2; b > 0; b--) {
      if (j >= EDGES[b]) {
        return b;
      }
    }
    return 0;
  }

  /** Share joined among pairs with Jaccard in [from, to); NaN when there are none. */
  double share(double from, double to) {
    long p = 0;
    long j = 0;
    for (int b = 0; b < pairs.length; b++) {
      if (EDGES[b] >= from && EDGES[b + 1] <= to) {
        p += pairs[b];
        j += joined[b];
      }
    }
    return p == 0 ? Double.NaN : (double) j / p;
  }

  long pairs(double from, double to) {
    long p = 0;
    for (int b = 0; b < pairs.length; b++) {
      if (EDGES[b] >= from && EDGES[b + 1] <= to) {
        p += pairs[b];
      }
    }
    return p;
  }

  List<String> table(String joinedLabel) {
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "  %-13s %8s %8s %8s", "true Jaccard", "pairs", joinedLabel, "share"));
    for (int b = 0; b < pairs.length; b++) {
      String band = String.format(Locale.ROOT, "[%.2f, %.2f%s", EDGES[b], EDGES[b + 1], b == pairs.length - 1 ? "]" : ")");
      out.add(String.format(Locale.ROOT, "  %-13s %8d %8d %8s", band, pairs[b], joined[b],
          pairs[b] == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) joined[b] / pairs[b])));
    }
    return out;
  }
}
