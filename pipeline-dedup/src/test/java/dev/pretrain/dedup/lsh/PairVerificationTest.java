package dev.pretrain.dedup.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.testing.GroupBuffering;
import dev.pretrain.dedup.minhash.MinHashSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PairVerificationTest {
  private static final StructType EDGES = new StructType()
      .add("src", DataTypes.StringType, false).add("dst", DataTypes.StringType, false);
  private static final StructType TEXTS = new StructType()
      .add("id", DataTypes.StringType, false).add("text", DataTypes.StringType, false);
  private static final MinHashSettings MINHASH = new MinHashSettings(5, 4, 2, MinHashSettings.DEFAULT_SEED);

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(PairVerificationTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Twenty distinct words: 16 word 5-grams. */
  private static List<String> base() {
    List<String> words = new ArrayList<>();
    for (char c = 'a'; c < 'a' + 20; c++) {
      words.add("w" + c + c);
    }
    return words;
  }

  private static String text(List<String> words) {
    return String.join(" ", words);
  }

  private static Set<String> verify(double threshold, List<String[]> edges) {
    return edges(verified(threshold, edges));
  }

  private static Set<String> edges(Dataset<Row> verified) {
    Set<String> out = new TreeSet<>();
    verified.collectAsList().forEach(r -> out.add(r.getString(0) + "->" + r.getString(1)));
    return out;
  }

  private static Dataset<Row> verified(double threshold, List<String[]> edges) {
    List<String> base = base();
    List<String> lastChanged = new ArrayList<>(base);
    lastChanged.set(19, "zzz"); // 15 of 16 shingles shared: Jaccard 15/17 = 0.882
    List<String> halfChanged = new ArrayList<>(base.subList(0, 10));
    for (char c = 'a'; c < 'a' + 10; c++) {
      halfChanged.add("v" + c + c); // 6 of 16 shingles shared: Jaccard 6/26 = 0.231
    }
    List<Row> texts = List.of(RowFactory.create("a", text(base)), RowFactory.create("b", text(lastChanged)),
        RowFactory.create("c", text(halfChanged)), RowFactory.create("d", "WAA,  wbb wcc wdd wee wff wgg whh wii wjj"
            + " wkk wll wmm wnn woo wpp wqq wrr wss wtt")); // "a" after normalization: Jaccard 1
    Dataset<Row> e = spark.createDataFrame(edges.stream().map(x -> RowFactory.create(x[0], x[1])).toList(), EDGES);
    return PairVerification.verify(e, spark.createDataFrame(texts, TEXTS), MINHASH, threshold, false).verified();
  }

  private static String[] edge(String src, String dst) {
    return new String[] {src, dst};
  }

  @Test
  void keepsExactlyTheEdgesAtOrAboveTheThreshold() {
    List<String[]> edges = List.of(edge("b", "a"), edge("c", "a"), edge("d", "a"), edge("c", "b"));
    assertEquals(Set.of("b->a", "d->a"), verify(0.75, edges));
    assertEquals(Set.of("b->a", "d->a"), verify(15.0 / 17, edges)); // at the threshold is kept
    assertEquals(Set.of("d->a"), verify(0.9, edges));
    assertEquals(Set.of("b->a", "c->a", "c->b", "d->a"), verify(0.2, edges));
  }

  @Test
  void fewNodesAreBroadcastToTheTextsAndManyMeetThemInAShuffleWithTheSameEdges() {
    List<String[]> edges = List.of(edge("b", "a"), edge("c", "a"), edge("d", "a"), edge("c", "b"));
    Dataset<Row> broadcast = verified(0.75, edges);
    assertTrue(plan(broadcast).contains("BroadcastHashJoin"), plan(broadcast));
    assertEquals(Set.of("b->a", "d->a"), edges(broadcast));
    String budget = spark.conf().get("spark.sql.autoBroadcastJoinThreshold");
    spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
    try {
      Dataset<Row> shuffled = verified(0.75, edges);
      assertFalse(plan(shuffled).contains("BroadcastHashJoin"), plan(shuffled));
      assertEquals(Set.of("b->a", "d->a"), edges(shuffled));
    } finally {
      spark.conf().set("spark.sql.autoBroadcastJoinThreshold", budget);
    }
  }

  @Test
  void theNodesAreBroadcastWhileTwoPerPairFitTheBudget() {
    String budget = spark.conf().get("spark.sql.autoBroadcastJoinThreshold");
    try {
      spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "1280"); // 10 pairs of 2 × 64 bytes
      assertTrue(PairVerification.nodesFitBroadcast(10, spark));
      assertFalse(PairVerification.nodesFitBroadcast(11, spark));
      spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
      assertFalse(PairVerification.nodesFitBroadcast(0, spark));
    } finally {
      spark.conf().set("spark.sql.autoBroadcastJoinThreshold", budget);
    }
  }

  private static String plan(Dataset<Row> table) {
    return table.queryExecution().executedPlan().toString();
  }

  @Test
  void duplicateEdgesComeOutOnceAndMissingTextsDropTheirEdges() {
    List<String[]> edges = List.of(edge("b", "a"), edge("b", "a"), edge("x", "a"), edge("d", "b"), edge("a", "d"));
    // a and d are equal after normalization, in either direction; x has no text.
    assertEquals(Set.of("a->d", "b->a", "d->b"), verify(0.75, edges));
  }

  @Test
  void aNodeInTwentyThousandPairsIsCheckedAgainstEachWithoutHoldingItsPairsInOneRow() {
    // The smallest id of a bucket of 20,001 near copies is the dst of 20,000 candidate pairs.
    List<String> base = base();
    List<Row> texts = new ArrayList<>();
    List<Row> edges = new ArrayList<>();
    texts.add(RowFactory.create("hub", text(base)));
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 20_000; i++) {
      List<String> copy = new ArrayList<>(base);
      String id = String.format("m%05d", i);
      // Every 10th copy differs in half its words (Jaccard 0.23); the others in the last (0.88).
      copy.set(19, "zzz");
      if (i % 10 == 0) {
        for (int w = 10; w < 19; w++) {
          copy.set(w, "v" + (char) ('a' + w) + (char) ('a' + w));
        }
      } else {
        expected.add(id + "->hub");
      }
      texts.add(RowFactory.create(id, text(copy)));
      edges.add(RowFactory.create(id, "hub"));
    }
    Dataset<Row> verified = PairVerification.verify(spark.createDataFrame(edges, EDGES),
        spark.createDataFrame(texts, TEXTS), MINHASH, 0.75, false).verified();
    GroupBuffering.assertNone(verified);
    assertEquals(expected, edges(verified));
  }
}
