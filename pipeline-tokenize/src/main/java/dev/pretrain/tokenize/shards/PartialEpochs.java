package dev.pretrain.tokenize.shards;

import dev.pretrain.tokenize.mix.MixPlan;
import dev.pretrain.tokenize.mix.SelectionKey;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Which documents each source's partial epoch takes, chosen so that the source's tokens match its
 * planned share to within half a document.
 *
 * <p>Copy {@code wholeEpochs} of a document (its first copy beyond the whole epochs; for a
 * downsampled source, its only one) is taken when its {@link SelectionKey} lies below the source's
 * limit. A coin flip per document (key below {@code fraction * 2^64}) would give the right share
 * only on average: a few hundred documents of a few dozen tokens miss it by several percent. So
 * the limit is found from the documents' tokens in key order instead: the source's partial epoch
 * is the shortest prefix, in key order, whose tokens come closest to its target. To find it
 * without sorting every document on one machine, one pass sums the tokens per key bucket (the top
 * {@value #BUCKET_BITS} bits of the key), the driver walks the buckets to the one where the target
 * is crossed, and a second pass brings only that bucket's documents (1 / 65,536 of the source) to
 * the driver, which walks them in key order. The prefix is a seeded random subset: the keys depend
 * on the seed, the source and the document id only.
 */
final class PartialEpochs implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int BUCKET_BITS = 16;

  private final long seed;
  private final String[] names;
  private final long[] wholeEpochs;
  private final long[] limits; // unsigned: a document whose key is below is taken
  private final boolean[] takesAll;
  private final long[] documents; // of the partial epoch
  private final long[] tokens; // of the partial epoch

  private PartialEpochs(long seed, String[] names, long[] wholeEpochs, long[] limits, boolean[] takesAll,
      long[] documents, long[] tokens) {
    this.seed = seed;
    this.names = names;
    this.wholeEpochs = wholeEpochs;
    this.limits = limits;
    this.takesAll = takesAll;
    this.documents = documents;
    this.tokens = tokens;
  }

  /** Finds every source's limit in two passes over the (cached) encoded documents. */
  static PartialEpochs find(JavaRDD<EncodedDocument> encoded, MixPlan plan, long seed) {
    int n = plan.shares().size();
    String[] names = new String[n];
    long[] whole = new long[n];
    long[] targets = new long[n];
    for (int s = 0; s < n; s++) {
      MixPlan.Share share = plan.shares().get(s);
      names[s] = share.source().name();
      whole[s] = share.wholeEpochs();
      targets[s] = share.partialTokens();
    }
    long[] limits = new long[n]; // 0: nothing is below, the partial epoch is empty
    boolean[] takesAll = new boolean[n];
    long[] documents = new long[n];
    long[] tokens = new long[n];
    PartialEpochs keys = new PartialEpochs(seed, names, whole, limits, takesAll, documents, tokens);

    Map<Long, Tuple2<Long, Long>> buckets = encoded
        .filter(d -> !d.isReject() && targets[d.source] > 0)
        .mapToPair(d -> new Tuple2<>(cell(d.source, SelectionKey.bucket(keys.key(d), BUCKET_BITS)),
            new Tuple2<>((long) d.tokenCount(), 1L)))
        .reduceByKey((a, b) -> new Tuple2<>(a._1() + b._1(), a._2() + b._2()))
        .collectAsMap();
    int[] crossing = new int[n];
    java.util.Arrays.fill(crossing, -1);
    for (int s = 0; s < n; s++) {
      if (targets[s] == 0) {
        continue;
      }
      for (int b = 0; b < 1 << BUCKET_BITS; b++) {
        Tuple2<Long, Long> cell = buckets.get(cell(s, b));
        long t = cell == null ? 0 : cell._1();
        if (tokens[s] + t > targets[s]) {
          crossing[s] = b;
          break;
        }
        tokens[s] += t;
        documents[s] += cell == null ? 0 : cell._2();
      }
      if (crossing[s] < 0) { // the target is all the source holds: a plan makes it a whole epoch instead
        takesAll[s] = true;
      }
    }

    List<Tuple2<Integer, Tuple2<Long, Integer>>> inCrossing = encoded
        .filter(d -> !d.isReject() && crossing[d.source] >= 0
            && SelectionKey.bucket(keys.key(d), BUCKET_BITS) == crossing[d.source])
        .map(d -> new Tuple2<>(d.source, new Tuple2<>(keys.key(d), d.tokenCount())))
        .collect();
    for (int s = 0; s < n; s++) {
      if (crossing[s] >= 0) {
        int source = s;
        List<Tuple2<Long, Integer>> docs = new ArrayList<>(inCrossing.stream()
            .filter(d -> d._1() == source).map(Tuple2::_2).toList());
        docs.sort(Comparator.<Tuple2<Long, Integer>, Long>comparing(Tuple2::_1, Long::compareUnsigned));
        walk(s, docs, targets[s], crossing[s], keys);
      }
    }
    return keys;
  }

  /**
   * Takes the crossing bucket's documents in key order while they fit the target, then the one
   * that does not fit if taking it lands closer. Documents with equal keys (a source repeating an
   * id) are taken or left together: a limit cannot separate them.
   */
  private static void walk(int s, List<Tuple2<Long, Integer>> docs, long target, int bucket, PartialEpochs into) {
    int i = 0;
    while (i < docs.size()) {
      long key = docs.get(i)._1();
      long t = 0;
      int j = i;
      for (; j < docs.size() && docs.get(j)._1() == key; j++) {
        t += docs.get(j)._2();
      }
      long remaining = target - into.tokens[s];
      boolean fits = t <= remaining;
      if (fits || t - remaining < remaining) {
        into.tokens[s] += t;
        into.documents[s] += j - i;
        i = j;
      }
      if (!fits) {
        break;
      }
    }
    if (i < docs.size()) {
      into.limits[s] = docs.get(i)._1();
    } else if (bucket == (1 << BUCKET_BITS) - 1) {
      into.takesAll[s] = true;
    } else {
      into.limits[s] = (long) (bucket + 1) << (64 - BUCKET_BITS);
    }
  }

  private static long cell(int source, int bucket) {
    return ((long) source << BUCKET_BITS) | bucket;
  }

  private long key(EncodedDocument d) {
    return SelectionKey.of(seed, names[d.source], d.id, (int) wholeEpochs[d.source]);
  }

  /** Times every document of {@code source} is repeated. */
  long wholeEpochs(int source) {
    return wholeEpochs[source];
  }

  /** Whether the partial epoch of a document's source takes it. */
  boolean takes(EncodedDocument d) {
    return takesAll[d.source] || Long.compareUnsigned(key(d), limits[d.source]) < 0;
  }

  /** Documents of the source's partial epoch. */
  long documents(int source) {
    return documents[source];
  }

  /** Tokens of the source's partial epoch. */
  long tokens(int source) {
    return tokens[source];
  }
}
