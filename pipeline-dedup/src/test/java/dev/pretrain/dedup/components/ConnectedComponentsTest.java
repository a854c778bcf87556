package dev.pretrain.dedup.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.testing.LocalSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
  private static final StructType EDGES = new StructType()
      .add("src", DataTypes.StringType, false)
      .add("dst", DataTypes.StringType, false);

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(ConnectedComponentsTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Map<String, String> components(List<String[]> edges) {
    List<Row> rows = edges.stream().map(e -> RowFactory.create(e[0], e[1])).toList();
    ConnectedComponents.Result result = new ConnectedComponents(50, false).run(spark.createDataFrame(rows, EDGES));
    Map<String, String> out = new TreeMap<>();
    for (Row row : result.components().collectAsList()) {
      String previous = out.put(row.getString(0), row.getString(1));
      assertEquals(null, previous, "node " + row.getString(0) + " listed twice");
    }
    return out;
  }

  private static String[] edge(String a, String b) {
    return new String[] {a, b};
  }

  @Test
  void everyNodeOfAComponentGetsItsSmallestId() {
    Map<String, String> found = components(List.of(
        edge("d", "c"), edge("c", "b"), edge("b", "a"), // a chain
        edge("x", "z"), edge("y", "z"), // a second component
        edge("q", "q"))); // a self-loop alone is no edge
    assertEquals(Map.of("a", "a", "b", "a", "c", "a", "d", "a", "x", "x", "y", "x", "z", "x"), found);
  }

  @Test
  void cyclesStarsAndDuplicateEdgesConverge() {
    Map<String, String> found = components(List.of(
        edge("n1", "n2"), edge("n2", "n3"), edge("n3", "n1"), edge("n1", "n2"), edge("n2", "n1"),
        edge("hub", "s1"), edge("hub", "s2"), edge("s3", "hub")));
    assertEquals(Map.of("n1", "n1", "n2", "n1", "n3", "n1", "hub", "hub", "s1", "hub", "s2", "hub", "s3", "hub"),
        found);
  }

  @Test
  void matchesUnionFindOnARandomGraph() {
    Random random = new Random(7);
    List<String[]> edges = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      edges.add(edge("doc-" + random.nextInt(400), "doc-" + random.nextInt(400)));
    }
    for (int i = 0; i < 60; i++) { // a long path, the slow case for label propagation
      edges.add(edge("path-" + String.format("%03d", i), "path-" + String.format("%03d", i + 1)));
    }
    assertEquals(unionFind(edges), components(edges));
  }

  @Test
  void roundLimitIsEnforcedWithAClearMessage() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      rows.add(RowFactory.create("p" + (1000 + i), "p" + (1001 + i)));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new ConnectedComponents(1, false).run(spark.createDataFrame(rows, EDGES)));
    assertTrue(e.getMessage().contains("did not converge in 1 rounds"), e.getMessage());
  }

  /** The oracle: components by union-find, labelled with their smallest member. */
  private static Map<String, String> unionFind(List<String[]> edges) {
    Map<String, String> parent = new HashMap<>();
    for (String[] e : edges) {
      if (e[0].equals(e[1])) {
        continue;
      }
      String a = find(parent, e[0]);
      String b = find(parent, e[1]);
      if (!a.equals(b)) {
        parent.put(a.compareTo(b) < 0 ? b : a, a.compareTo(b) < 0 ? a : b);
      }
    }
    Map<String, String> out = new TreeMap<>();
    for (String node : parent.keySet()) {
      out.put(node, find(parent, node));
    }
    return out;
  }

  private static String find(Map<String, String> parent, String node) {
    parent.putIfAbsent(node, node);
    String root = node;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    return root;
  }
}
