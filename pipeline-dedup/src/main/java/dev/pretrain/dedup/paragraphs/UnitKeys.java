package dev.pretrain.dedup.paragraphs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code (id, text)} to the distinct keys of the document's units, one {@code (key, id)} row each:
 * a unit repeated within one document counts once, so counting rows per key counts documents.
 */
final class UnitKeys implements FlatMapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA = new StructType()
      .add("key", DataTypes.LongType, false)
      .add("id", DataTypes.StringType, false);

  private final ParagraphDedupSettings settings;
  private transient UnitHasher hasher;

  UnitKeys(ParagraphDedupSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<Row> call(Row document) {
    if (hasher == null) {
      hasher = new UnitHasher(settings.minLength());
    }
    String id = document.getString(0);
    TextUnits units = TextUnits.split(document.getString(1), settings.unit());
    Set<Long> seen = new HashSet<>();
    List<Row> rows = new ArrayList<>(units.count());
    for (int i = 0; i < units.count(); i++) {
      if (hasher.normalize(units.unit(i)) && seen.add(hasher.key())) {
        rows.add(RowFactory.create(hasher.key(), id));
      }
    }
    return rows.iterator();
  }
}
