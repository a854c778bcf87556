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

/**
 * The per-document work, in executors: the steps of {@link CurateSteps} over each document of a
 * partition. The settings arrive as the driver built them; each partition builds its own steps
 * (they hold per-thread buffers).
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
  public Iterator<Row> call(Iterator<Row> documents) {
    List<DocumentStep> steps = CurateSteps.of(settings, hadoop.get());
    List<String> scoreColumns = CurateSteps.scoreColumns(settings);
    int measureCount = CurateSteps.measures(settings).size();
    Map<String, Integer> measureOffsets = CurateSteps.measureOffsets(CurateSteps.measures(settings));
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return documents.hasNext();
      }

      @Override
      public Row next() {
        Row doc = documents.next();
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
        if (scoreColumns.isEmpty()) {
          return RowFactory.create(values);
        }
        Object[] withScores = Arrays.copyOf(values, values.length + scoreColumns.size());
        for (int i = 0; i < scoreColumns.size(); i++) {
          withScores[values.length + i] = document.score(scoreColumns.get(i));
        }
        return RowFactory.create(withScores);
      }
    };
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
