package dev.pretrain.dedup.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.testing.GroupBuffering;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BandBucketsTest {
  private static final StructType SIGNATURES = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("band_keys", DataTypes.createArrayType(DataTypes.LongType, false), true);

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(BandBucketsTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static BandBuckets.Candidates find(Row... rows) {
    return BandBuckets.find(spark.createDataFrame(List.of(rows), SIGNATURES), false);
  }

  private static Row doc(String id, Long... keys) {
    return RowFactory.create(id, keys == null ? null : List.of(keys).toArray(new Long[0]));
  }

  private static Set<String> edges(BandBuckets.Candidates candidates) {
    Set<String> out = new TreeSet<>();
    candidates.edges().collectAsList().forEach(r -> out.add(r.getString(0) + "->" + r.getString(1)));
    return out;
  }

  @Test
  void documentsSharingAKeyInTheSameBandAreLinkedToTheBucketMinimum() {
    BandBuckets.Candidates found = find(
        doc("c", 1L, 7L), doc("a", 1L, 8L), doc("b", 2L, 7L), doc("d", 9L, 1L), doc("e", 5L, 6L));
    // band 0 key 1: {a, c}; band 1 key 7: {b, c}; key 1 in band 1 (d) is another bucket than band 0's.
    assertEquals(Set.of("c->a", "c->b"), edges(found));
    assertEquals(List.of(RowFactory.create(0, 1L, 2L, "a"), RowFactory.create(1, 7L, 2L, "b")),
        found.largest().collectAsList());
  }

  @Test
  void documentsWithoutSignaturesAreLeftOut() {
    assertEquals(Set.of(), edges(find(doc("short", (Long[]) null), doc("x", 3L))));
  }

  @Test
  void everyMemberOfAHugeBucketIsLinkedToItsSmallestIdAndTheLargestBucketsAreReported() {
    // 5,000 documents in one bucket (the old cap of 1,000 linked only the first 999), plus
    // buckets of 3 and 2 elsewhere and one singleton, which is no bucket worth reporting.
    List<Row> rows = new java.util.ArrayList<>();
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 5000; i++) {
      String id = String.format("h%05d", i);
      rows.add(doc(id, 4L, (long) i));
      if (i > 0) {
        expected.add(id + "->h00000");
      }
    }
    rows.addAll(List.of(doc("e1", 5L, -1L), doc("e2", 5L, -1L), doc("e3", 5L, -2L), doc("f", 6L, -3L)));
    expected.addAll(List.of("e2->e1", "e3->e1"));
    BandBuckets.Candidates found = BandBuckets.find(spark.createDataFrame(rows, SIGNATURES), false);
    assertEquals(expected, edges(found));
    GroupBuffering.assertNone(found.edges());
    assertEquals(List.of(RowFactory.create(0, 4L, 5000L, "h00000"), RowFactory.create(0, 5L, 3L, "e1"),
        RowFactory.create(1, -1L, 2L, "e1")), found.largest().collectAsList());
  }
}
