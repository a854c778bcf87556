package dev.pretrain.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.dedup.testing.ReferenceConf;
import dev.pretrain.common.testing.LocalSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
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

/** The Spark SQL MinHash against the JVM one and against the MinHash contract. */
class SqlMinHashTest {
  private static final StructType DOCS = new StructType()
      .add("id", DataTypes.StringType, false).add("text", DataTypes.StringType, true);
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(SqlMinHashTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Random words from a 2,000-word vocabulary: unrelated texts share almost no 5-gram. */
  private static String text(Random random, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      b.append(i == 0 ? "" : " ").append("w").append(Integer.toString(random.nextInt(2000), 36));
    }
    return b.toString();
  }

  /** Every {@code every}-th word replaced: 5-gram Jaccard about (1 - 5/every) / (1 + 5/every). */
  private static String edit(String text, int every, String tag) {
    String[] words = text.split(" ");
    for (int i = every / 2; i < words.length; i += every) {
      words[i] = tag + i;
    }
    return String.join(" ", words);
  }

  private static Dataset<Row> docs(Map<String, String> texts) {
    List<Row> rows = new ArrayList<>();
    texts.forEach((id, text) -> rows.add(RowFactory.create(id, text)));
    return spark.createDataFrame(rows, DOCS);
  }

  private static Map<String, long[]> sqlKeys(MinHashSettings settings, Map<String, String> texts) {
    Map<String, long[]> out = new TreeMap<>();
    for (Row row : new SqlMinHash(settings).withBandKeys(docs(texts).repartition(3), "text", "band_keys")
        .select("id", "band_keys").collectAsList()) {
      out.put(row.getString(0), row.isNullAt(1) ? null : toLongs(row.getList(1)));
    }
    return out;
  }

  private static Map<String, long[]> jvmKeys(MinHashSettings settings, Map<String, String> texts) {
    MinHasher hasher = new MinHasher(settings);
    Map<String, long[]> out = new TreeMap<>();
    texts.forEach((id, text) -> out.put(id, hasher.signature(text).map(sig -> {
      long[] keys = new long[settings.bands()];
      hasher.bandKeys(sig, keys);
      return keys;
    }).orElse(null)));
    return out;
  }

  private static long[] toLongs(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  /** Duplicate clusters as LSH finds them: documents sharing a key in a band are linked, transitively. */
  private static Set<Set<String>> clusters(Map<String, long[]> keys) {
    Map<String, String> parent = new HashMap<>();
    keys.keySet().forEach(id -> parent.put(id, id));
    Map<String, String> bucketOwner = new HashMap<>();
    keys.forEach((id, k) -> {
      if (k == null) {
        return;
      }
      for (int band = 0; band < k.length; band++) {
        String other = bucketOwner.putIfAbsent(band + ":" + k[band], id);
        if (other != null) {
          parent.put(root(parent, id), root(parent, other));
        }
      }
    });
    Map<String, Set<String>> byRoot = new TreeMap<>();
    keys.keySet().forEach(id -> byRoot.computeIfAbsent(root(parent, id), r -> new TreeSet<>()).add(id));
    return new HashSet<>(byRoot.values());
  }

  private static String root(Map<String, String> parent, String id) {
    while (!parent.get(id).equals(id)) {
      id = parent.get(id);
    }
    return id;
  }

  @Test
  void findsTheSameDuplicateClustersAsTheJvmMinHasher() {
    Random random = new Random(7);
    Map<String, String> texts = new LinkedHashMap<>();
    for (int family = 0; family < 6; family++) {
      String base = text(random, 300);
      texts.put("f" + family + "-base", base);
      // Jaccard about 0.82 and 0.67 to the base: above the 14x8 midpoint (0.72) and near it.
      texts.put("f" + family + "-edit50", edit(base, 50, "x"));
      texts.put("f" + family + "-edit100-case", edit(base, 100, "y").toUpperCase());
      texts.put("f" + family + "-other", text(random, 300));
    }
    texts.put("short", "four words only here");

    MinHashSettings settings = ReferenceConf.curate().minhash();
    Set<Set<String>> jvm = clusters(jvmKeys(settings, texts));
    Set<Set<String>> sql = clusters(sqlKeys(settings, texts));
    assertEquals(jvm, sql);
    for (int family = 0; family < 6; family++) {
      String f = "f" + family;
      assertTrue(sql.contains(Set.of(f + "-base", f + "-edit50", f + "-edit100-case")), sql.toString());
      assertTrue(sql.contains(Set.of(f + "-other")));
    }
    assertTrue(sql.contains(Set.of("short")));
  }

  @Test
  void textsShorterThanOneShingleGetNoKeysAndLongerOnesOneKeyPerBand() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("empty", "");
    texts.put("punctuation-only", "... !!! ---");
    texts.put("four-words", "one two three four");
    texts.put("five-words", "one, two; three: FOUR five!");
    Map<String, String> withNull = new LinkedHashMap<>(texts);
    withNull.put("null", null);
    Map<String, long[]> keys = sqlKeys(ReferenceConf.curate().minhash(), withNull);
    assertNull(keys.get("empty"));
    assertNull(keys.get("punctuation-only"));
    assertNull(keys.get("four-words"));
    assertNull(keys.get("null"));
    assertEquals(14, keys.get("five-words").length);
    // The JVM path agrees on which texts are too short.
    Map<String, long[]> jvm = jvmKeys(ReferenceConf.curate().minhash(), texts);
    texts.keySet().forEach(id -> assertEquals(jvm.get(id) == null, keys.get(id) == null, id));
  }

  @Test
  void keysSeeNormalizedTextOnlyAndDependOnWordOrderAndSeed() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("a", "The quick brown fox jumps over the lazy dog 1999 times");
    texts.put("b", "the QUICK brown, fox jumps over the lázy dog 2024 times!");
    texts.put("c", "the quick brown fox jumps over the dog lazy 1999 times");
    Map<String, long[]> keys = sqlKeys(ReferenceConf.curate().minhash(), texts);
    assertTrue(Arrays.equals(keys.get("a"), keys.get("b")));
    assertTrue(!Arrays.equals(keys.get("a"), keys.get("c")));
    Map<String, long[]> reseeded = sqlKeys(new MinHashSettings(5, 14, 8, 1L, MinHashSettings.Implementation.SQL), texts);
    for (int band = 0; band < 14; band++) {
      assertNotEquals(keys.get("a")[band], reseeded.get("a")[band]);
    }
  }

  @Test
  void signatureAgreementTracksTrueJaccard() {
    Random random = new Random(11);
    MinHashSettings settings = new MinHashSettings(5, 20, 13, MinHashSettings.DEFAULT_SEED);
    Map<String, String> texts = new LinkedHashMap<>();
    int[] every = {8, 15, 30, 60};
    for (int i = 0; i < every.length; i++) {
      String base = text(random, 400);
      texts.put(i + "-base", base);
      texts.put(i + "-edit", edit(base, every[i], "e"));
    }
    Map<String, long[]> signatures = new TreeMap<>();
    for (Row row : new SqlMinHash(settings).withSignature(docs(texts), "text")
        .select("id", "_minhash_signature").collectAsList()) {
      signatures.put(row.getString(0), toLongs(row.getList(1)));
    }
    for (int i = 0; i < every.length; i++) {
      double truth = jaccard(shingles(texts.get(i + "-base")), shingles(texts.get(i + "-edit")));
      double estimate = SignatureAgreement.estimatedJaccard(signatures.get(i + "-base"), signatures.get(i + "-edit"));
      // 260 permutations: standard error sqrt(J(1-J)/260) <= 0.031; 0.1 is over three of them.
      assertEquals(truth, estimate, 0.1, "edit every " + every[i]);
    }
  }

  @Test
  void bandKeysHaveTheJvmPathsColumnType() {
    Dataset<Row> out = new SqlMinHash(ReferenceConf.curate().minhash())
        .withBandKeys(docs(Map.of("x", "a b c d e f")), "text", "band_keys");
    assertEquals(DataTypes.createArrayType(DataTypes.LongType, false), out.schema().apply("band_keys").dataType());
    assertEquals(List.of("id", "text", "band_keys"), List.of(out.columns()));
  }

  private static Set<String> shingles(String text) {
    String[] words = DedupNormalizer.normalizeToString(text).split(" ");
    Set<String> out = new HashSet<>();
    for (int i = 0; i + 5 <= words.length; i++) {
      out.add(String.join(" ", Arrays.copyOfRange(words, i, i + 5)));
    }
    return out;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return (double) both.size() / (a.size() + b.size() - both.size());
  }
}
