package dev.pretrain.dedup.job;

import dev.pretrain.common.document.Utf8Bytes;
import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The per-document work, in executors: the steps of {@link CurateSteps} over each document of a
 * partition of the reader's rows, as rows of {@link CurateSchemas#passing}. The reader's other rows
 * (rejected records, counts rows) pass through in its {@link CurateSchemas#READ} column, so the
 * reader's output is consumed in this one pass and never held apart (at 4 GB of input, caching it
 * first meant writing it to local disk and reading it back). The settings arrive as the driver
 * built them; each partition builds its own steps (they hold per-thread buffers).
 */
final class PerDocument implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final CurateSettings settings;
  private final HadoopConf hadoop;

  /** @param hadoop the driver's Hadoop configuration, for the steps that read files (the URL blocklist) */
  PerDocument(CurateSettings settings, HadoopConf hadoop) {
    this.settings = settings;
    this.hadoop = hadoop;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    List<DocumentStep> steps = CurateSteps.of(settings, hadoop.get());
    List<String> scoreColumns = CurateSteps.scoreColumns(settings);
    int measureCount = CurateSteps.measures(settings).size();
    Map<String, Integer> measureOffsets = CurateSteps.measureOffsets(CurateSteps.measures(settings));
    StructType schema = CurateSchemas.passing(scoreColumns);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row row = rows.next();
        return isDocument(row) ? processed(row) : passedThrough(row, schema);
      }

      private Row processed(Row doc) {
        String original = doc.getString(doc.fieldIndex("text"));
        StepDocument document = new StepDocument(original, doc.getString(doc.fieldIndex("url")),
            doc.getBoolean(doc.fieldIndex("html")));
        double[] measured = new double[measureCount];
        Arrays.fill(measured, Double.NaN);
        document.recordMeasures(measured, measureOffsets);
        Rejection rejection = CurateSteps.run(steps, document).orElse(null);
        boolean kept = rejection == null;
        String cleaned = document.text();
        Object[] values = {
            doc.getString(doc.fieldIndex("id")),
            // Only rejected/ needs the original; the cleaned text is what kept documents carry on.
            kept ? null : original,
            kept ? cleaned : null,
            Utf8Bytes.of(original),
            kept ? Utf8Bytes.of(cleaned) : null,
            doc.get(doc.fieldIndex("source")),
            doc.get(doc.fieldIndex("url")),
            // Rejected documents keep the language found too: the report counts languages reached.
            document.lang(),
            meta(doc.get(doc.fieldIndex("meta")), document.addedMeta()),
            doc.getString(doc.fieldIndex("file")),
            doc.getLong(doc.fieldIndex("offset")),
            kept ? null : rejection.stage(),
            kept ? null : rejection.reason(),
            kept ? null : rejection.rule(),
            kept ? null : rejection.value(),
            scala.collection.JavaConverters.mapAsScalaMapConverter(document.counters().asMap()).asScala(),
            document.exactKey(),
            document.bandKeys(),
            measured};
        // The scores, then a null read column (this row is a document).
        Object[] withScores = Arrays.copyOf(values, values.length + scoreColumns.size() + 1);
        for (int i = 0; i < scoreColumns.size(); i++) {
          withScores[values.length + i] = document.score(scoreColumns.get(i));
        }
        return RowFactory.create(withScores);
      }
    };
  }

  /** A record the reader read as a document: neither its reject nor a file's counts row. */
  private static boolean isDocument(Row row) {
    return row.isNullAt(row.fieldIndex("reject_reason")) && row.isNullAt(row.fieldIndex("read_counts"));
  }

  /**
   * A reader's row that is no document, carried as it is in the last column; the columns before it
   * hold what their non-null types require and nothing else (no bytes, no counts, no measures).
   */
  private static Row passedThrough(Row row, StructType schema) {
    Object[] values = new Object[schema.size()];
    values[schema.fieldIndex("id")] = "";
    values[schema.fieldIndex("in_bytes")] = 0L;
    values[schema.fieldIndex("file")] = row.getString(row.fieldIndex("file"));
    values[schema.fieldIndex("offset")] = row.getLong(row.fieldIndex("offset"));
    values[schema.fieldIndex("clean_counts")] = scala.collection.JavaConverters.mapAsScalaMapConverter(Map.of()).asScala();
    values[schema.fieldIndex("measures")] = new double[0];
    values[schema.fieldIndex(CurateSchemas.READ)] = row;
    return RowFactory.create(values);
  }

  /** The record's meta with what the steps added (e.g. the URL filter's match); the steps' keys win. */
  private static Object meta(Object read, Map<String, String> added) {
    if (added.isEmpty()) {
      return read;
    }
    Map<String, String> merged = new LinkedHashMap<>();
    if (read != null) {
      @SuppressWarnings("unchecked")
      scala.collection.Map<String, String> map = (scala.collection.Map<String, String>) read;
      merged.putAll(scala.collection.JavaConverters.mapAsJavaMapConverter(map).asJava());
    }
    merged.putAll(added);
    return scala.collection.JavaConverters.mapAsScalaMapConverter(merged).asScala();
  }
}
