package dev.pretrain.dedup.decontaminate;

import dev.pretrain.dedup.decontaminate.DecontaminateSettings.Action;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * A document's fate given its matches (the last input column, null when none): kept as it is,
 * removed ({@code decontaminate/<set>}, the first matching set in the settings' order), or with the
 * matched spans cut out. Output rows have the documents' columns.
 */
final class Decision implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final List<String> setOrder;
  private final Action action;
  private final int margin;
  private final int width;
  private final int text;
  private final int originalText;
  private final int textBytes;
  private final int stage;
  private final int reason;
  private final int rule;
  private final int value;

  Decision(StructType documents, List<String> setOrder, Action action, int margin) {
    this.setOrder = List.copyOf(setOrder);
    this.action = action;
    this.margin = margin;
    this.width = documents.size();
    this.text = documents.fieldIndex("text");
    this.originalText = documents.fieldIndex("original_text");
    this.textBytes = documents.fieldIndex("text_bytes");
    this.stage = documents.fieldIndex("stage");
    this.reason = documents.fieldIndex("reason");
    this.rule = documents.fieldIndex("rule");
    this.value = documents.fieldIndex("value");
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        return decide(rows.next());
      }
    };
  }

  Row decide(Row row) {
    Object[] values = new Object[width];
    for (int i = 0; i < width; i++) {
      values[i] = row.get(i);
    }
    if (row.isNullAt(width)) {
      return RowFactory.create(values);
    }
    List<Row> matches = row.getList(width);
    int first = Integer.MAX_VALUE;
    int[][] spans = new int[matches.size()][];
    for (int i = 0; i < spans.length; i++) {
      Row m = matches.get(i);
      first = Math.min(first, setOrder.indexOf(m.getString(0)));
      spans[i] = new int[] {m.getInt(1), m.getInt(2)};
    }
    String original = row.getString(text);
    if (action == Action.REDACT) {
      String redacted = Redaction.redact(original, spans, margin);
      if (!redacted.isEmpty()) {
        values[text] = redacted;
        values[textBytes] = (long) redacted.getBytes(StandardCharsets.UTF_8).length;
        return RowFactory.create(values);
      }
    }
    values[originalText] = original;
    values[text] = null;
    values[textBytes] = null;
    values[stage] = Decontaminate.NAME;
    values[reason] = Decontaminate.NAME + "/" + setOrder.get(first);
    values[rule] = action == Action.REDACT ? "redact-left-nothing" : "shares-ngram";
    values[value] = (double) spans.length;
    return RowFactory.create(values);
  }
}
