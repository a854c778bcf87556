package dev.pretrain.bench.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.size;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSessions;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.DedupSettings;
import dev.pretrain.dedup.components.ConnectedComponents;
import dev.pretrain.dedup.lsh.BandBuckets;
import dev.pretrain.dedup.lsh.PairVerification;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.minhash.MinHasher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Near-duplicate detection on the same documents two ways, side by side in one Spark session:
 * <ul>
 *   <li>this project's, with the curate job's settings from reference.conf ({@code curate.minhash},
 *       {@code curate.dedup}) unless overridden: {@link MinHasher} signatures (by default 112 permutations,
 *       14 bands × 8 rows; {@code --bands B --rows R} for a custom banding), {@link BandBuckets} star edges,
 *       verified as {@code curate.dedup.verify} ({@code --verify J}: exact shingle Jaccard at least J, 0 = off),
 *       {@link ConnectedComponents}; a "reported pair" is two documents in one component, since that is what
 *       dedup acts on;
 *   <li>Spark MLlib's: the same word 5-grams of {@code DedupNormalizer} text as binary
 *       {@link HashingTF} vectors, {@link MinHashLSH} with {@code --tables} hash tables, and
 *       {@code approxSimilarityJoin} of the set with itself at Jaccard distance {@code 1 - --jaccard};
 *       a reported pair is a row of the join. MLlib's tables are OR-only (one MinHash each, no
 *       bands), and it verifies every candidate with the exact distance of the hashed vectors.
 * </ul>
 * Both start from the same cached (id, text) table of raw text (no cleaning or filters, so both
 * see identical input), are warmed up on 300 documents, and are timed (wall and process CPU
 * seconds) to a materialized result. Then every pair either reports,
 * plus the planted pairs, gets its exact Jaccard on raw text ({@link ShingleSets}); with
 * positives = pairs at or above {@code --jaccard}, each method's precision and recall follow, and
 * its recall per band of true Jaccard on the planted pairs.
 *
 * <pre>java -Xmx6g --add-opens ... -cp ... dev.pretrain.bench.dedup.MllibMinHashComparison
 *     --corpus /tmp/curatebench/corpus-50mb [--tables 3,5] [--jaccard 0.75] [--features 4194304] [--bands 14 --rows 8] [--verify J]
 *     [--runs 1] [--master local[2]]</pre>
 */
public final class MllibMinHashComparison {
  private static final StructType SIGNED = new StructType()
      .add("id", DataTypes.StringType).add("band_keys", DataTypes.createArrayType(DataTypes.LongType));
  private static final StructType SHINGLED = new StructType()
      .add("id", DataTypes.StringType).add("shingles", DataTypes.createArrayType(DataTypes.StringType));
  private static final StructType PAIR = new StructType()
      .add("a", DataTypes.StringType).add("b", DataTypes.StringType);

  private MllibMinHashComparison() {}

  public static void main(String[] args) throws IOException {
    Path corpus = null;
    String master = "local[2]";
    int[] tables = {3, 5};
    double jaccard = 0.75;
    int features = 1 << 22;
    int runs = 1;
    List<String> overrides = new ArrayList<>();
    Double verify = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--corpus" -> corpus = Path.of(args[++i]);
        case "--master" -> master = args[++i];
        case "--tables" -> tables = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--jaccard" -> jaccard = Double.parseDouble(args[++i]);
        case "--features" -> features = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--bands" -> overrides.addAll(List.of("curate.minhash.preset=custom", "curate.minhash.bands=" + args[++i]));
        case "--rows" -> overrides.addAll(List.of("curate.minhash.preset=custom", "curate.minhash.rows=" + args[++i]));
        case "--verify" -> verify = Double.parseDouble(args[++i]);
        default -> {
          System.err.println("unknown argument " + args[i] + "\nusage: MllibMinHashComparison --corpus DIR [--tables 3,5]"
              + " [--jaccard 0.75] [--features N] [--bands 14 --rows 8] [--verify J] [--runs 1] [--master local[2]]");
          System.exit(2);
        }
      }
    }
    if (corpus == null) {
      System.err.println("usage: MllibMinHashComparison --corpus DIR ...");
      System.exit(2);
    }
    LoadedConfig config = ConfigLayers.load(Optional.empty(),
        List.of("spark.local-master=\"" + master + "\"", "spark.console-progress=false"), SparkSettings.SCHEMA);
    SettingsReader reader = config.reader();
    SparkSettings sparkSettings = SparkSettings.read(reader);
    reader.finish();
    SparkSession spark = SparkSessions.open(sparkSettings, "mllib-comparison");
    try {
      CurateSettings curate = CurateConfig.read(overrides);
      DedupSettings dedup = curate.dedup();
      double threshold = verify != null ? verify : dedup.verify() ? dedup.verifyThreshold() : 0;
      Project project = new Project(curate.minhash(), dedup, threshold);
      run(spark, corpus, project, tables, jaccard, features, runs);
    } finally {
      spark.stop();
    }
  }

  /**
   * This project's side: MinHash with these settings, LSH buckets, optionally each candidate pair
   * checked by its exact shingle Jaccard ({@code verify} > 0, as {@code curate.dedup.verify}), then
   * connected components as {@code curate.dedup} configures them.
   */
  record Project(MinHashSettings minhash, DedupSettings dedup, double verify) {
    String name() {
      return "project " + minhash.bands() + "x" + minhash.rows() + " LSH" + (verify > 0 ? " + verify " + verify : "")
          + " + components";
    }
  }

  private static void run(SparkSession spark, Path corpus, Project settings, int[] tables, double threshold, int features,
      int runs) throws IOException {
    Dataset<Row> docs = spark.read().schema("id STRING, text STRING")
        .json(corpus.resolve(CorpusGenerator.DOCS_DIR).toString())
        .persist(StorageLevel.MEMORY_AND_DISK());
    long documents = docs.count();
    long textBytes = docs.agg(org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.octet_length(col("text"))))
        .first().getLong(0);
    System.out.printf(Locale.ROOT, "corpus %s: %,d documents, %.1f MB of text, %s, load average %s%n", corpus, documents,
        textBytes / 1e6, spark.sparkContext().master(), CurateBench.loadAverage());

    // Warm-up on a few hundred documents, so neither method pays for class loading and JIT alone.
    Dataset<Row> few = docs.limit(300).persist(StorageLevel.MEMORY_AND_DISK());
    few.count();
    projectComponents(few, settings).unpersist();
    for (int l : tables) {
      mllibPairs(few, l, threshold, features).unpersist();
    }
    few.unpersist();

    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>();
    Map<String, Set<List<String>>> reported = new LinkedHashMap<>();
    String project = settings.name();
    try (CpuTimeline cpu = new CpuTimeline(20)) {
      for (int run = 0; run < runs; run++) {
        long t0 = System.nanoTime();
        Dataset<Row> components = projectComponents(docs, settings);
        long t1 = System.nanoTime();
        seconds.computeIfAbsent(project, k -> new ArrayList<>()).add((t1 - t0) / 1e9);
        cpuSeconds.computeIfAbsent(project, k -> new ArrayList<>()).add(cpu.cpuSeconds(t0, t1));
        reported.put(project, componentPairs(components));
        components.unpersist();
        for (int l : tables) {
          String name = "MLlib MinHashLSH " + l + " tables";
          long m0 = System.nanoTime();
          Dataset<Row> joined = mllibPairs(docs, l, threshold, features);
          long m1 = System.nanoTime();
          seconds.computeIfAbsent(name, k -> new ArrayList<>()).add((m1 - m0) / 1e9);
          cpuSeconds.computeIfAbsent(name, k -> new ArrayList<>()).add(cpu.cpuSeconds(m0, m1));
          reported.put(name, pairSet(joined));
          joined.unpersist();
        }
      }
    }

    // Exact raw-text Jaccard of every pair anyone reported, plus the planted ones.
    List<PlantedPair> planted = PlantedPair.read(corpus);
    Set<List<String>> all = new HashSet<>();
    for (PlantedPair p : planted) {
      all.add(ordered(p.a(), p.b()));
    }
    reported.values().forEach(all::addAll);
    Map<List<String>, Double> truth = exactJaccard(spark, docs, all);
    long positives = truth.values().stream().filter(j -> j >= threshold).count();

    System.out.printf(Locale.ROOT, "pairs with known exact Jaccard: %,d (planted %,d, plus every reported pair);"
        + " positives (Jaccard >= %.2f): %,d%n", truth.size(), planted.size(), threshold, positives);
    System.out.printf(Locale.ROOT, "%-32s %8s %8s %10s %10s %9s %9s %10s %12s%n", "method", "wall s", "CPU s",
        "MB/CPU-s", "reported", "precision", "recall", "rep. J<0.5", "planted>=.85");
    double projectSeconds = median(seconds.get(project));
    double projectCpu = median(cpuSeconds.get(project));
    for (Map.Entry<String, Set<List<String>>> e : reported.entrySet()) {
      Set<List<String>> pairs = e.getValue();
      long truePositives = pairs.stream().filter(p -> truth.get(p) >= threshold).count();
      long below = pairs.stream().filter(p -> truth.get(p) < 0.5).count();
      JaccardBuckets buckets = new JaccardBuckets();
      for (PlantedPair p : planted) {
        List<String> key = ordered(p.a(), p.b());
        buckets.add(truth.get(key), pairs.contains(key));
      }
      double s = median(seconds.get(e.getKey()));
      double c = median(cpuSeconds.get(e.getKey()));
      System.out.printf(Locale.ROOT, "%-32s %8.1f %8.1f %10.2f %10d %9.4f %9.4f %10d %12.4f%n", e.getKey(), s, c,
          textBytes / 1e6 / c, pairs.size(), pairs.isEmpty() ? Double.NaN : (double) truePositives / pairs.size(),
          positives == 0 ? Double.NaN : (double) truePositives / positives, below, buckets.share(0.85, 1.0));
      System.out.println("  planted pairs found, by exact raw-text Jaccard:");
      buckets.table("found").forEach(line -> System.out.println("  " + line));
      if (!e.getKey().startsWith("project")) {
        System.out.printf(Locale.ROOT, "  MLlib / project: %.1fx the wall time, %.1fx the CPU time%n", s / projectSeconds,
            c / projectCpu);
      }
    }
    System.out.println("wall seconds per run: " + seconds + "; CPU seconds per run: " + cpuSeconds
        + "; load average at the end: " + CurateBench.loadAverage());
    System.out.println("(CPU s: this process, all threads, while the method ran; MB/CPU-s: MB of text per CPU second;"
        + " medians over runs; precision and recall against exact raw-text Jaccard >= the threshold)");
  }

  /** Signatures, LSH star edges and connected components, materialized; {@code (id, component)}. */
  static Dataset<Row> projectComponents(Dataset<Row> docs, Project settings) {
    // Cached as the curate job caches its signatures: the buckets read them twice (members, minimums).
    Dataset<Row> signed = docs.mapPartitions(new Sign(settings.minhash()), Encoders.row(SIGNED))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> edges = BandBuckets.find(signed, settings.dedup().reliableCheckpoints()).edges();
    if (settings.verify() > 0) {
      edges = PairVerification.verify(edges, docs, settings.minhash(), settings.verify(),
          settings.dedup().reliableCheckpoints()).verified();
    }
    DedupSettings dedup = settings.dedup();
    Dataset<Row> components = new ConnectedComponents(dedup.maxRounds(), dedup.reliableCheckpoints(),
        dedup.driverComponentsMaxEdges()).run(edges).components()
        .persist(StorageLevel.MEMORY_AND_DISK());
    components.count();
    signed.unpersist();
    return components;
  }

  /** MLlib's self-join at Jaccard distance below {@code 1 - threshold}, materialized; {@code (a, b)} with a < b. */
  static Dataset<Row> mllibPairs(Dataset<Row> docs, int tables, double threshold, int features) {
    Dataset<Row> shingled = docs.map((MapFunction<Row, Row>) new Shingle()::call, Encoders.row(SHINGLED))
        .filter(size(col("shingles")).gt(0)); // MinHashLSH rejects empty vectors
    Dataset<Row> vectors = new HashingTF().setInputCol("shingles").setOutputCol("features")
        .setNumFeatures(features).setBinary(true).transform(shingled).select("id", "features")
        .persist(StorageLevel.MEMORY_AND_DISK());
    MinHashLSHModel model = new MinHashLSH().setNumHashTables(tables).setInputCol("features").setOutputCol("hashes")
        .setSeed(7).fit(vectors);
    Dataset<Row> joined = model.approxSimilarityJoin(vectors, vectors, 1.0 - threshold, "distance")
        .select(col("datasetA.id").as("a"), col("datasetB.id").as("b"))
        .filter(col("a").lt(col("b")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    joined.count();
    vectors.unpersist();
    return joined;
  }

  private static Set<List<String>> componentPairs(Dataset<Row> components) {
    Dataset<Row> pairs = components.groupBy("component").agg(collect_list("id").as("ids"))
        .flatMap((FlatMapFunction<Row, Row>) r -> {
          List<String> ids = new ArrayList<>(r.getList(1));
          List<Row> out = new ArrayList<>();
          for (int a = 0; a < ids.size(); a++) {
            for (int b = a + 1; b < ids.size(); b++) {
              List<String> p = ordered(ids.get(a), ids.get(b));
              out.add(RowFactory.create(p.get(0), p.get(1)));
            }
          }
          return out.iterator();
        }, Encoders.row(PAIR));
    return pairSet(pairs);
  }

  private static Set<List<String>> pairSet(Dataset<Row> pairs) {
    Set<List<String>> out = new HashSet<>();
    for (Row r : pairs.collectAsList()) {
      out.add(ordered(r.getString(0), r.getString(1)));
    }
    return out;
  }

  private static Map<List<String>, Double> exactJaccard(SparkSession spark, Dataset<Row> docs, Set<List<String>> pairs) {
    List<Row> rows = new ArrayList<>();
    for (List<String> p : pairs) {
      rows.add(RowFactory.create(p.get(0), p.get(1)));
    }
    Dataset<Row> texts = docs.select(col("id"), col("text"));
    Dataset<Row> withTexts = spark.createDataFrame(rows, PAIR)
        .join(texts.withColumnRenamed("id", "a").withColumnRenamed("text", "ta"), "a")
        .join(texts.withColumnRenamed("id", "b").withColumnRenamed("text", "tb"), "b");
    StructType scored = PAIR.add("jaccard", DataTypes.DoubleType);
    Dataset<Row> result = withTexts.mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
      ShingleSets shingles = new ShingleSets(false);
      List<Row> out = new ArrayList<>();
      while (it.hasNext()) {
        Row r = it.next();
        out.add(RowFactory.create(r.getString(r.fieldIndex("a")), r.getString(r.fieldIndex("b")),
            shingles.jaccard(r.getString(r.fieldIndex("ta")), r.getString(r.fieldIndex("tb")))));
      }
      return out.iterator();
    }, Encoders.row(scored));
    Map<List<String>, Double> out = new HashMap<>();
    for (Row r : result.collectAsList()) {
      out.put(List.of(r.getString(0), r.getString(1)), r.getDouble(2));
    }
    if (out.size() != pairs.size()) {
      throw new IllegalStateException("exact Jaccard for " + out.size() + " of " + pairs.size() + " pairs: ids missing");
    }
    return out;
  }

  static List<String> ordered(String a, String b) {
    return a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
  }

  private static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  /** {@code (id, text)} → {@code (id, band_keys)}, or null band keys for texts shorter than one shingle. */
  static final class Sign implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    // MinHashSettings is a record, not Serializable: ship its fields.
    private final int shingleWords;
    private final int bands;
    private final int rows;
    private final long seed;

    Sign(MinHashSettings s) {
      this.shingleWords = s.shingleWords();
      this.bands = s.bands();
      this.rows = s.rows();
      this.seed = s.seed();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      MinHashSettings settings = new MinHashSettings(shingleWords, bands, this.rows, seed);
      MinHasher hasher = new MinHasher(settings);
      long[] signature = new long[settings.permutations()];
      long[] keys = new long[settings.bands()];
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          Long[] boxed = null;
          if (hasher.sign(r.getString(1), signature)) {
            hasher.bandKeys(signature, keys);
            boxed = Arrays.stream(keys).boxed().toArray(Long[]::new);
          }
          return RowFactory.create(r.getString(0), boxed);
        }
      };
    }
  }

  /** {@code (id, text)} → {@code (id, shingles)}: the raw text's word 5-grams as strings. */
  static final class Shingle implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private transient ShingleSets shingles;

    Row call(Row r) {
      if (shingles == null) {
        shingles = new ShingleSets(false);
      }
      return RowFactory.create(r.getString(0), shingles.of(r.getString(1)).toArray(String[]::new));
    }
  }
}
