package dev.pretrain.dedup.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pretrain.common.testing.LocalSpark;
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

  private static BandBuckets.Candidates find(int cap, Row... rows) {
    return BandBuckets.find(spark.createDataFrame(List.of(rows), SIGNATURES), cap);
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
    BandBuckets.Candidates found = find(100,
        doc("c", 1L, 7L), doc("a", 1L, 8L), doc("b", 2L, 7L), doc("d", 9L, 1L), doc("e", 5L, 6L));
    // band 0 key 1: {a, c}; band 1 key 7: {b, c}; key 1 in band 1 (d) is another bucket than band 0's.
    assertEquals(Set.of("c->a", "c->b"), edges(found));
    assertEquals(0, found.oversized().count());
  }

  @Test
  void documentsWithoutSignaturesAreLeftOut() {
    assertEquals(Set.of(), edges(find(100, doc("short", (Long[]) null), doc("x", 3L))));
  }

  @Test
  void oversizedBucketsAreCutToTheirSmallestIdsAndReported() {
    BandBuckets.Candidates found = find(3, doc("d1", 4L), doc("d2", 4L), doc("d3", 4L), doc("d4", 4L), doc("d5", 4L),
        doc("e1", 5L), doc("e2", 5L));
    assertEquals(Set.of("d2->d1", "d3->d1", "e2->e1"), edges(found));
    List<Row> oversized = found.oversized().collectAsList();
    assertEquals(List.of(RowFactory.create(0, 4L, 5L, "d1")), oversized);
  }

  @Test
  void aBucketCapBelowTwoIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> find(1, doc("a", 1L)));
  }
}
