package dev.pretrain.dedup.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.testing.GroupBuffering;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
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

  /** Components by distributed rounds, checked equal to the driver-side solution of the same graph. */
  private static Map<String, String> components(List<String[]> edges) {
    Map<String, String> distributed = components(edges, 0);
    assertEquals(distributed, components(edges, edges.size()), "driver-side union-find");
    return distributed;
  }

  private static Map<String, String> components(List<String[]> edges, int driverComponentsMaxEdges) {
    return collect(run(edges, driverComponentsMaxEdges));
  }

  private static ConnectedComponents.Result run(List<String[]> edges, int driverComponentsMaxEdges) {
    List<Row> rows = edges.stream().map(e -> RowFactory.create(e[0], e[1])).toList();
    return new ConnectedComponents(50, false, driverComponentsMaxEdges).run(spark.createDataFrame(rows, EDGES));
  }

  private static Map<String, String> collect(ConnectedComponents.Result result) {
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
  void aStarOfTwentyThousandEdgesConvergesInDistributedRoundsWithoutBufferingTheHub() {
    // The graph of one bucket of near copies: every member linked to one hub, which is not the
    // smallest id here, so the rounds must move the whole star to the minimum.
    List<String[]> edges = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      edges.add(edge(String.format("m%05d", i), "m10000"));
    }
    Dataset<Row> graph = spark.createDataFrame(edges.stream().map(e -> RowFactory.create(e[0], e[1])).toList(), EDGES);
    GroupBuffering.assertNone(ConnectedComponents.smallStar(ConnectedComponents.largeStar(graph)));
    ConnectedComponents.Result result = new ConnectedComponents(50, false, 0).run(graph);
    assertTrue(result.rounds() <= 3, "rounds: " + result.rounds());
    Map<String, String> found = collect(result);
    assertEquals(20_000, found.size());
    assertEquals(java.util.Set.of("m00000"), new java.util.HashSet<>(found.values()));
  }

  @Test
  void roundLimitIsEnforcedWithAClearMessage() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      rows.add(RowFactory.create("p" + (1000 + i), "p" + (1001 + i)));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new ConnectedComponents(1, false, 0).run(spark.createDataFrame(rows, EDGES)));
    assertTrue(e.getMessage().contains("did not converge in 1 rounds"), e.getMessage());
  }

  @Test
  void graphsUpToTheLocalLimitAreSolvedInTheDriverWithoutRounds() {
    // Four distinct edges once self-loops and duplicates (in either direction) are dropped.
    List<String[]> edges = List.of(edge("c", "b"), edge("b", "c"), edge("b", "a"), edge("e", "d"), edge("d", "d"),
        edge("f", "e"));
    Map<String, String> expected = Map.of("a", "a", "b", "a", "c", "a", "d", "d", "e", "d", "f", "d");
    ConnectedComponents.Result local = run(edges, 4);
    assertEquals(0, local.rounds());
    assertEquals(expected, collect(local));
    ConnectedComponents.Result distributed = run(edges, 3);
    assertTrue(distributed.rounds() >= 1, "rounds: " + distributed.rounds());
    assertEquals(expected, collect(distributed));
    // Both paths count the graph they were given and what they found alike.
    for (ConnectedComponents.Result result : List.of(local, distributed)) {
      assertEquals(List.of(4L, 6L, 2L), List.of(result.edges(), result.nodes(), result.componentCount()));
    }
  }

  @Test
  void theDriverOrdersStringsAsSparkDoes() {
    // U+1F600 is a surrogate pair in UTF-16, so String.compareTo puts it before U+FFFD; Spark
    // compares UTF-8 bytes (code points) and puts it after. components() checks both paths agree.
    assertEquals(Map.of("\uD83D\uDE00", "\uFFFD", "\uFFFD", "\uFFFD"),
        components(List.<String[]>of(edge("\uD83D\uDE00", "\uFFFD"))));
  }

  @Test
  void structNodesAreOrderedFieldByFieldInBothPaths() {
    // Curate's node key (this_run, id): a previous document (false) leads its component whatever
    // its id, and a document of this run with the same id is another node.
    StructType node = new StructType().add("this_run", DataTypes.BooleanType, false).add("id", DataTypes.StringType);
    StructType edgeSchema = new StructType().add("src", node, false).add("dst", node, false);
    Row previousB = RowFactory.create(false, "b");
    Row a = RowFactory.create(true, "a");
    Row b = RowFactory.create(true, "b");
    Row c = RowFactory.create(true, "c");
    Row d = RowFactory.create(true, "d");
    List<Row> edges = List.of(RowFactory.create(a, c), RowFactory.create(c, previousB), RowFactory.create(d, b));
    Map<Row, Row> expected = Map.of(a, previousB, c, previousB, previousB, previousB, b, b, d, b);
    for (int driverComponentsMaxEdges : new int[] {0, 3}) {
      ConnectedComponents.Result result = new ConnectedComponents(50, false, driverComponentsMaxEdges)
          .run(spark.createDataFrame(edges, edgeSchema));
      assertEquals(node, result.components().schema().apply("component").dataType());
      Map<Row, Row> found = new HashMap<>();
      result.components().collectAsList().forEach(r -> found.put(r.getStruct(0), r.getStruct(1)));
      assertEquals(expected, found, "driverComponentsMaxEdges " + driverComponentsMaxEdges);
      assertEquals(2, result.componentCount());
    }
  }

  @Test
  void theTwoArgumentConstructorSolvesSmallGraphsInTheDriver() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      rows.add(RowFactory.create("p" + (1000 + i), "p" + (1001 + i)));
    }
    // One round would not converge on this path; the driver needs none.
    ConnectedComponents.Result result = new ConnectedComponents(1, false).run(spark.createDataFrame(rows, EDGES));
    assertEquals(0, result.rounds());
    Map<String, String> found = collect(result);
    assertEquals(65, found.size());
    assertEquals(java.util.Set.of("p1000"), new java.util.HashSet<>(found.values()));
  }

  @Test
  void negativeLocalLimitIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ConnectedComponents(5, false, -1));
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
