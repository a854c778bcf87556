package dev.pretrain.dedup.decontaminate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import dev.pretrain.dedup.corpus.CorpusStage;
import dev.pretrain.dedup.decontaminate.DecontaminateSettings.Action;
import dev.pretrain.dedup.decontaminate.EvaluationSets.Opened;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Benchmark decontamination: documents that share a word n-gram with an evaluation set are removed,
 * or the shared spans cut out ({@link DecontaminateSettings}). Each set's n-grams are found by
 * Spark; a set of at most {@code broadcast-max} distinct n-grams is sent to every task and each
 * document's n-grams looked up there, a larger one joined with every document n-gram. Both ways
 * give the same matches {@code (id, set, position, end)}, from which the decision and the
 * {@code decontamination/} part follow.
 */
public final class Decontaminate implements CorpusStage {
  public static final String NAME = "decontaminate";
  /** The output part listing every match. */
  public static final String PART = "decontamination";

  /**
   * {@code decontamination/}: one row per matched n-gram occurrence: the document, the set, the
   * n-gram as normalized words, where it is in the document's text ({@code [position, end)}, char
   * indexes into the text as it came to this stage) and what was done.
   */
  static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("set", DataTypes.StringType, false)
      .add("ngram", DataTypes.StringType, false)
      .add("position", DataTypes.IntegerType, false)
      .add("end", DataTypes.IntegerType, false)
      .add("action", DataTypes.StringType, false);

  private final DecontaminateSettings settings;

  private Decontaminate(DecontaminateSettings settings) {
    this.settings = settings;
  }

  /** The stage, when the settings name at least one set. */
  public static Optional<CorpusStage> of(DecontaminateSettings settings) {
    return settings.enabled() ? Optional.of(new Decontaminate(settings)) : Optional.empty();
  }

  /** In the driver at the job's start: every set's file exists, reads and has its fields (else a ConfigError). */
  public static void check(DecontaminateSettings settings, SparkSession spark) {
    EvaluationSets.check(settings, spark);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** What is known of a set once its n-grams are counted. */
  private record Prepared(String name, long items, long ngrams, int[] lengths, boolean broadcast, Dataset<Row> hashes) {}

  @Override
  public Outcome apply(Dataset<Row> input, Context context) throws IOException {
    SparkSession spark = context.spark();
    Dataset<Row> documents = cached(input, context);
    List<Prepared> sets = new ArrayList<>();
    for (Opened opened : EvaluationSets.open(settings, spark)) {
      sets.add(prepare(opened, context));
    }
    Dataset<Row> matches = cached(matches(documents, sets, spark), context);

    String action = settings.action().name().toLowerCase(java.util.Locale.ROOT);
    matches.join(documents.select("id", "text"), "id")
        .map((org.apache.spark.api.java.function.MapFunction<Row, Row>) m -> org.apache.spark.sql.RowFactory.create(
            m.getString(0), m.getString(1), NormalizedWords.normalized(m.getString(4), m.getInt(2), m.getInt(3)),
            m.getInt(2), m.getInt(3), action), Encoders.row(SCHEMA))
        .repartition(col("id")).sortWithinPartitions("id", "position", "set")
        .write().parquet(context.output().staged(PART));

    List<String> order = sets.stream().map(Prepared::name).toList();
    Dataset<Row> perDocument = matches.groupBy("id")
        .agg(collect_list(struct(col("set"), col("position"), col("end"))).as("decontaminate_matches"));
    List<Column> columns = new ArrayList<>();
    for (String c : documents.columns()) {
      columns.add(col(c));
    }
    columns.add(col("decontaminate_matches"));
    Dataset<Row> decided = cached(documents.join(perDocument, "id", "left")
        .select(columns.toArray(new Column[0]))
        .mapPartitions(new Decision(documents.schema(), order, settings.action(), settings.redactMargin()),
            Encoders.row(documents.schema())), context);

    return new Outcome(decided, counters(documents, matches, decided), details(sets, matches), List.of(PART));
  }

  private Prepared prepare(Opened opened, Context context) {
    Dataset<Row> hashes = cached(opened.items().mapPartitions(
        new ItemNGrams(settings.ngram(), opened.arrays()), Encoders.row(ItemNGrams.SCHEMA)).distinct(), context);
    TreeSet<Integer> lengths = new TreeSet<>();
    long ngrams = 0;
    for (Row row : hashes.groupBy("length").agg(count(lit(1))).collectAsList()) {
      lengths.add(row.getInt(0));
      ngrams += row.getLong(1);
    }
    return new Prepared(opened.set().name(), opened.items().count(), ngrams,
        lengths.stream().mapToInt(Integer::intValue).toArray(), ngrams <= settings.broadcastMax(), hashes);
  }

  /** Every n-gram occurrence of a document that a set has: a lookup for the broadcast sets, a join for the others. */
  private static Dataset<Row> matches(Dataset<Row> documents, List<Prepared> sets, SparkSession spark) {
    Dataset<Row> texts = documents.select("id", "text");
    Dataset<Row> matches = spark.createDataFrame(List.of(), DocumentNGrams.MATCHES);
    long[][] small = new long[sets.size()][];
    TreeSet<Integer> smallLengths = new TreeSet<>();
    TreeSet<Integer> largeLengths = new TreeSet<>();
    Dataset<Row> large = null;
    for (int s = 0; s < sets.size(); s++) {
      Prepared set = sets.get(s);
      if (set.broadcast()) {
        small[s] = set.hashes().select("hash").as(Encoders.LONG()).collectAsList().stream()
            .mapToLong(Long::longValue).toArray();
        for (int l : set.lengths()) {
          smallLengths.add(l);
        }
      } else {
        Dataset<Row> named = set.hashes().select(col("hash"), lit(set.name()).as("set"));
        large = large == null ? named : large.union(named);
        for (int l : set.lengths()) {
          largeLengths.add(l);
        }
      }
    }
    if (!smallLengths.isEmpty()) {
      var lookup = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(NGramLookup.of(small));
      matches = matches.union(texts.mapPartitions(
          DocumentNGrams.matched(ints(smallLengths), lookup, sets.stream().map(Prepared::name).toList()),
          Encoders.row(DocumentNGrams.MATCHES)));
    }
    if (large != null) {
      // A shuffle join on purpose: a set too large to broadcast must not be broadcast by Spark either.
      Dataset<Row> all = texts.mapPartitions(DocumentNGrams.all(ints(largeLengths)), Encoders.row(DocumentNGrams.ALL));
      matches = matches.union(all.join(large.hint("shuffle_hash"), "hash")
          .select(col("id"), col("set"), col("position"), col("end")));
    }
    return matches;
  }

  private static int[] ints(TreeSet<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  private Map<String, Long> counters(Dataset<Row> documents, Dataset<Row> matches, Dataset<Row> decided) {
    Dataset<Row> matchedIds = matches.select("id").distinct();
    Row before = documents.join(matchedIds, "id").agg(count(lit(1)), sum(col("text_bytes"))).first();
    Row after = decided.filter(col("stage").isNull()).join(matchedIds, "id")
        .agg(count(lit(1)), sum(col("text_bytes"))).first();
    long matched = before.getLong(0);
    long kept = after.getLong(0);
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("documents", documents.count());
    counters.put("documents_matched", matched);
    counters.put("ngram_matches", matches.count());
    counters.put("documents_removed", matched - kept);
    counters.put("documents_redacted", settings.action() == Action.REDACT ? kept : 0L);
    // Bytes of text cut from the documents that stayed (a removed document counts as a row, not in bytes).
    long bytesOfKeptBefore = kept == 0 ? 0 : documents.join(
        decided.filter(col("stage").isNull()).join(matchedIds, "id").select("id"), "id")
        .agg(sum(col("text_bytes"))).first().getLong(0);
    counters.put("bytes_redacted", kept == 0 ? 0L : bytesOfKeptBefore - after.getLong(1));
    return counters;
  }

  private static Map<String, Object> details(List<Prepared> sets, Dataset<Row> matches) {
    Map<String, Row> bySet = new LinkedHashMap<>();
    for (Row row : matches.groupBy("set").agg(countDistinct(col("id")), count(lit(1))).collectAsList()) {
      bySet.put(row.getString(0), row);
    }
    Map<String, Object> perSet = new LinkedHashMap<>();
    for (Prepared set : sets) {
      Row row = bySet.get(set.name());
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("items", set.items());
      counts.put("ngrams", set.ngrams());
      counts.put("documents_matched", row == null ? 0L : row.getLong(1));
      counts.put("ngram_matches", row == null ? 0L : row.getLong(2));
      counts.put("lookup", set.broadcast() ? "broadcast" : "join");
      perSet.put(set.name(), counts);
    }
    return Map.of("sets", perSet);
  }

  private static Dataset<Row> cached(Dataset<Row> table, Context context) {
    context.cached().add(table);
    return table.persist(StorageLevel.MEMORY_AND_DISK());
  }
}
