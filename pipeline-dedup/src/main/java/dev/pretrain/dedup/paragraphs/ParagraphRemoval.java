package dev.pretrain.dedup.paragraphs;

import dev.pretrain.common.document.Utf8Bytes;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.job.CurateSteps;
import dev.pretrain.dedup.step.DocumentStep;
import dev.pretrain.dedup.step.EmptyAfterCleaning;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * In executors: removes from each document the units whose keys it was given, then checks a
 * document whose text changed again with the job's own empty-text check and quality filters
 * ({@link CurateSteps#recheck}, in the document's language; language identification and the
 * classifiers do not run again), rejecting it as {@link ParagraphDedup#NAME} with the failing filter's reason.
 *
 * <p>Input: the stage's columns and {@code remove_keys} (array of keys, null when none); output:
 * the stage's columns and what was done to the row ({@link #DONE}).
 */
final class ParagraphRemoval implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Per row: its units, the units and UTF-8 bytes removed from its text, whether the text changed. */
  static final StructType DONE = new StructType()
      .add("pd_units", DataTypes.LongType, false)
      .add("pd_units_removed", DataTypes.LongType, false)
      .add("pd_bytes_removed", DataTypes.LongType, false)
      .add("pd_changed", DataTypes.BooleanType, false);

  /** The reason of a document the removal left blank. */
  static final String EMPTY = "empty-after-paragraph-dedup";

  private final CurateSettings curate;
  private final StructType columns;

  /** @param columns the stage's input columns (the output has them, then {@link #DONE}) */
  ParagraphRemoval(CurateSettings curate, StructType columns) {
    this.curate = curate;
    this.columns = columns;
  }

  /**
   * The checks a shortened document must pass again ({@link CurateSteps#recheck}), built once per
   * executor thread and settings rather than per partition: Spark deserializes this function anew
   * for each task, so a field would not outlive one partition, and a step serves one thread.
   */
  static List<DocumentStep> recheck(CurateSettings curate) {
    Recheck built = RECHECK.get();
    if (built == null || !built.settings().equals(curate)) {
      built = new Recheck(curate, CurateSteps.recheck(curate));
      RECHECK.set(built);
    }
    return built.steps();
  }

  /** This thread's re-check steps and the settings they were built for. */
  private record Recheck(CurateSettings settings, List<DocumentStep> steps) {}

  private static final ThreadLocal<Recheck> RECHECK = new ThreadLocal<>();

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ParagraphDedupSettings settings = curate.paragraphDedup();
    UnitHasher hasher = new UnitHasher(settings.minLength());
    List<DocumentStep> recheck = recheck(curate);
    int text = columns.fieldIndex("text");
    int textBytes = columns.fieldIndex("text_bytes");
    int originalText = columns.fieldIndex("original_text");
    int stage = columns.fieldIndex("stage");
    int reason = columns.fieldIndex("reason");
    int rule = columns.fieldIndex("rule");
    int value = columns.fieldIndex("value");
    int lang = columns.fieldIndex("lang");
    int url = columns.fieldIndex("url");
    int removeKeys = columns.size();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row row = rows.next();
        Object[] out = new Object[columns.size() + DONE.size()];
        for (int i = 0; i < columns.size(); i++) {
          out[i] = row.get(i);
        }
        String before = row.getString(text);
        TextUnits units = TextUnits.split(before, settings.unit());
        long removedUnits = 0;
        if (!row.isNullAt(removeKeys)) {
          long[] keys = row.getList(removeKeys).stream().mapToLong(k -> (Long) k).sorted().toArray();
          boolean[] removed = new boolean[units.count()];
          for (int i = 0; i < units.count(); i++) {
            removed[i] = hasher.normalize(units.unit(i)) && Arrays.binarySearch(keys, hasher.key()) >= 0;
            removedUnits += removed[i] ? 1 : 0;
          }
          if (removedUnits > 0) {
            String after = units.without(removed);
            long bytes = Utf8Bytes.of(after);
            out[columns.size() + 2] = row.getLong(textBytes) - bytes;
            out[text] = after;
            out[textBytes] = bytes;
            StepDocument document = new StepDocument(after, row.getString(url), false);
            document.setLang(row.getString(lang));
            Optional<Rejection> rejection = CurateSteps.run(recheck, document);
            rejection.ifPresent(r -> {
              out[originalText] = before;
              out[text] = null;
              out[stage] = ParagraphDedup.NAME;
              out[reason] = EmptyAfterCleaning.NAME.equals(r.reason()) ? EMPTY : r.reason();
              out[rule] = r.rule();
              out[value] = r.value();
            });
          }
        }
        out[columns.size()] = (long) units.count();
        out[columns.size() + 1] = removedUnits;
        if (out[columns.size() + 2] == null) {
          out[columns.size() + 2] = 0L;
        }
        out[columns.size() + 3] = removedUnits > 0;
        return RowFactory.create(out);
      }
    };
  }
}
