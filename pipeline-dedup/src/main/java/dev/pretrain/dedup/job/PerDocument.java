package dev.pretrain.dedup.job;

import dev.pretrain.common.document.Utf8Bytes;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
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

  PerDocument(CurateSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> documents) {
    List<DocumentStep> steps = CurateSteps.of(settings);
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
        Rejection rejection = null;
        for (DocumentStep step : steps) {
          Optional<Rejection> dropped = step.run(document);
          if (dropped.isPresent()) {
            rejection = dropped.get();
            break;
          }
        }
        boolean kept = rejection == null;
        String cleaned = document.text();
        return RowFactory.create(
            doc.getString(doc.fieldIndex("id")),
            // Only rejected/ needs the original; the cleaned text is what kept documents carry on.
            kept ? null : original,
            kept ? cleaned : null,
            Utf8Bytes.of(original),
            kept ? Utf8Bytes.of(cleaned) : null,
            doc.get(doc.fieldIndex("source")),
            doc.get(doc.fieldIndex("url")),
            kept ? document.lang() : null,
            withAdded(doc.getMap(doc.fieldIndex("meta")), document.addedMeta()),
            doc.getString(doc.fieldIndex("file")),
            doc.getLong(doc.fieldIndex("offset")),
            kept ? null : rejection.stage(),
            kept ? null : rejection.reason(),
            kept ? null : rejection.rule(),
            kept ? null : rejection.value(),
            scala.collection.JavaConverters.mapAsScalaMapConverter(document.counters().asMap()).asScala(),
            document.exactKey(),
            document.bandKeys());
      }
    };
  }

  /** The document's meta with what the steps added (the steps' value wins for a key in both). */
  private static Object withAdded(scala.collection.Map<String, String> meta, Map<String, String> added) {
    if (added.isEmpty()) {
      return meta;
    }
    Map<String, String> merged = new TreeMap<>();
    if (meta != null) {
      merged.putAll(scala.collection.JavaConverters.mapAsJavaMapConverter(meta).asJava());
    }
    merged.putAll(added);
    return scala.collection.JavaConverters.mapAsScalaMapConverter(merged).asScala();
  }
}
