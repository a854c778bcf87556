package dev.pretrain.dedup.paragraphs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.corpus.CorpusStage;
import dev.pretrain.dedup.index.PreviousOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paragraph dedup across the corpus (Dolma's paragraph dedup, done exactly on Spark): the units of
 * every document ({@link TextUnits}) are keyed ({@link UnitHasher}); one shuffle of the distinct
 * {@code (key, document)} pairs counts the documents holding each key; the units found in at least
 * {@code min-documents} documents are removed from every document, but for the one with the
 * smallest id when {@code keep-first} is set ({@link ParagraphRemoval}, which also checks the
 * shortened documents again).
 *
 * <p>The counts ({@code key, documents}) are written to {@value #COUNTS} of the output, inside its
 * {@code dedup} part; a run with {@code --against} adds the previous output's counts, so a unit
 * already common in the corpus goes from the new documents (all of its occurrences: the first is
 * in the previous corpus), and writes the sum for the next refresh.
 */
public final class ParagraphDedup implements CorpusStage {
  private static final Logger LOG = LoggerFactory.getLogger(ParagraphDedup.class);
  public static final String NAME = "paragraph-dedup";
  /** The counts in a curate output (with {@link #COUNTS_META}, how their keys were made). */
  public static final String COUNTS = "dedup/paragraphs";
  public static final String COUNTS_META = "dedup/paragraphs.json";
  /** The report lists this many of the most repeated units, their text cut to {@link #SHOWN_CHARS}. */
  static final int TOP = 20;
  static final int SHOWN_CHARS = 200;

  private final CurateSettings curate;

  public ParagraphDedup(CurateSettings curate) {
    this.curate = curate;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Outcome apply(Dataset<Row> documents, Context context) throws IOException {
    ParagraphDedupSettings settings = curate.paragraphDedup();
    SparkSession spark = context.spark();
    // The input is read for the keys, for the removal and for the top units' texts: computed once.
    Dataset<Row> input = persisted(documents, context);
    Dataset<Row> keys = persisted(input.select("id", "text")
        .flatMap(new UnitKeys(settings), Encoders.row(UnitKeys.SCHEMA)), context);
    Dataset<Row> here = keys.groupBy("key").agg(count(lit(1)).as("documents"), min("id").as("first_id"));
    Optional<Dataset<Row>> before = context.previous().flatMap(p -> previousCounts(spark, p, settings));
    Dataset<Row> counts = persisted(before.isEmpty()
        ? here.withColumn("before", lit(0L))
        : here.join(before.get().withColumnRenamed("documents", "before"), new String[] {"key"}, "left")
            .withColumn("before", coalesce(col("before"), lit(0L))), context);

    Dataset<Row> total = counts.select(col("key"), col("documents").plus(col("before")).as("documents"));
    if (before.isPresent()) {
      total = total.unionByName(before.get().join(counts.select("key"), new String[] {"key"}, "left_anti"));
    }
    total.sortWithinPartitions("key").write().parquet(context.output().staged(COUNTS));
    context.output().writeStagedText(COUNTS_META, meta(settings));

    // The occurrence kept with keep-first: in the smallest id, unless the previous corpus holds one.
    Dataset<Row> repeated = counts.filter(col("documents").plus(col("before")).geq(settings.minDocuments()))
        .select(col("key"), (settings.keepFirst() ? when(col("before").equalTo(0), col("first_id")) : lit(null))
            .cast("string").as("keep_id"));
    Dataset<Row> removals = persisted(keys.join(repeated, "key")
        .filter(col("keep_id").isNull().or(col("id").notEqual(col("keep_id")))).select("key", "id"), context);
    Dataset<Row> toRemove = removals.groupBy("id").agg(collect_list("key").as("remove_keys"));
    List<Column> columns = new ArrayList<>();
    Arrays.stream(input.columns()).forEach(c -> columns.add(input.col(c)));
    columns.add(col("remove_keys"));
    StructType withDone = new StructType(concat(input.schema().fields(), ParagraphRemoval.DONE.fields()));
    Dataset<Row> done = persisted(input.join(toRemove, input.col("id").equalTo(toRemove.col("id")), "left")
        .select(columns.toArray(new Column[0]))
        .mapPartitions(new ParagraphRemoval(curate, input.schema()), Encoders.row(withDone)), context);

    Row sums = done.agg(sum("pd_units"), sum("pd_units_removed"), sum("pd_bytes_removed"),
        count(when(col("pd_changed"), 1)), count(when(col("stage").isNotNull(), 1))).first();
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("units_seen", sums.isNullAt(0) ? 0 : sums.getLong(0));
    counters.put("units_repeated", repeated.count());
    counters.put("units_removed", sums.isNullAt(1) ? 0 : sums.getLong(1));
    counters.put("bytes_removed", sums.isNullAt(2) ? 0 : sums.getLong(2));
    counters.put("documents_changed", sums.getLong(3));
    counters.put("documents_removed", sums.getLong(4));
    LOG.info("paragraph-dedup: {}", counters);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("unit", settings.unit().name().toLowerCase(java.util.Locale.ROOT));
    details.put("min_documents", settings.minDocuments());
    details.put("previous_counts", before.isPresent());
    details.put("most_repeated", mostRepeated(counts, removals, input, settings));
    return new Outcome(done.drop(Arrays.stream(ParagraphRemoval.DONE.fieldNames()).toArray(String[]::new)),
        counters, details, List.of());
  }

  /**
   * The {@link #TOP} units found in most documents (then by key), with the documents holding them
   * (previous corpus included) and the documents of this run they were removed from; the text is
   * that of the occurrence in the smallest id of this run.
   */
  private static List<Map<String, Object>> mostRepeated(Dataset<Row> counts, Dataset<Row> removals, Dataset<Row> input,
      ParagraphDedupSettings settings) {
    List<Row> top = counts.select(col("key"), col("documents").plus(col("before")).as("documents"), col("first_id"))
        .filter(col("documents").geq(settings.minDocuments()))
        .orderBy(col("documents").desc(), col("key")).limit(TOP).collectAsList();
    if (top.isEmpty()) {
      return List.of();
    }
    Object[] topKeys = top.stream().map(r -> r.get(0)).toArray();
    Map<Long, Long> removedFrom = new HashMap<>();
    removals.filter(col("key").isin(topKeys)).groupBy("key").count().collectAsList()
        .forEach(r -> removedFrom.put(r.getLong(0), r.getLong(1)));
    Map<String, String> texts = new HashMap<>();
    input.filter(col("id").isin(top.stream().map(r -> r.get(2)).distinct().toArray())).select("id", "text")
        .collectAsList().forEach(r -> texts.put(r.getString(0), r.getString(1)));
    UnitHasher hasher = new UnitHasher(settings.minLength());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row row : top) {
      TextUnits units = TextUnits.split(texts.get(row.getString(2)), settings.unit());
      String text = null;
      for (int i = 0; i < units.count() && text == null; i++) {
        if (hasher.normalize(units.unit(i)) && hasher.key() == row.getLong(0)) {
          text = units.unit(i);
        }
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("text", text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "…");
      entry.put("documents", row.getLong(1));
      entry.put("removed_from", removedFrom.getOrDefault(row.getLong(0), 0L));
      out.add(entry);
    }
    return out;
  }

  /** How the keys were made: counts made otherwise cannot be added to this run's. */
  static String meta(ParagraphDedupSettings settings) {
    return "{\"unit\":\"" + settings.unit().name().toLowerCase(java.util.Locale.ROOT) + "\",\"min_length\":"
        + settings.minLength() + ",\"seed\":" + UnitHasher.SEED + "}\n";
  }

  /** The previous output's counts; none (with a warning) when it was curated without this stage. */
  private static Optional<Dataset<Row>> previousCounts(SparkSession spark, PreviousOutput previous,
      ParagraphDedupSettings settings) {
    try {
      Path metaPath = new Path(previous.path(), COUNTS_META);
      FileSystem fs = metaPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(metaPath)) {
        LOG.warn("paragraph-dedup: --against {} has no {} (curated without paragraph dedup): only this run's"
            + " documents are counted", previous.path(), COUNTS);
        return Optional.empty();
      }
      String written;
      try (InputStream in = fs.open(metaPath)) {
        written = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!written.equals(meta(settings))) {
        throw new IllegalArgumentException("--against " + previous.path() + ": its paragraph counts were made with "
            + written.strip() + ", this run makes " + meta(settings).strip() + "; use the same"
            + " curate.paragraph-dedup.unit and min-length as that run");
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Optional.of(spark.read().parquet(new Path(previous.path(), COUNTS).toString()).select("key", "documents"));
  }

  private static StructField[] concat(StructField[] a, StructField[] b) {
    StructField[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static <T> Dataset<T> persisted(Dataset<T> table, Context context) {
    context.cached().add(table);
    return table.persist(StorageLevel.MEMORY_AND_DISK());
  }
}
