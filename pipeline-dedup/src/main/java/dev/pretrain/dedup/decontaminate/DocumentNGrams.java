package dev.pretrain.dedup.decontaminate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A document's n-grams of the lengths the sets have ({@code n}, and the lengths of their short
 * items), each with its span in the document's text: either all of them, to be joined with a large
 * set ({@link #all}), or only those found in the broadcast sets ({@link #matched}). Input rows are
 * {@code (id, text)}.
 */
final class DocumentNGrams {
  private DocumentNGrams() {}

  /** {@code (id, hash, position, end)}: every n-gram, for the join. */
  static final StructType ALL = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("hash", DataTypes.LongType, false)
      .add("position", DataTypes.IntegerType, false)
      .add("end", DataTypes.IntegerType, false);

  /** {@code (id, set, position, end)}: an n-gram of the document that a set has; what both ways produce. */
  static final StructType MATCHES = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("set", DataTypes.StringType, false)
      .add("position", DataTypes.IntegerType, false)
      .add("end", DataTypes.IntegerType, false);

  static MapPartitionsFunction<Row, Row> all(int[] lengths) {
    int[] ls = lengths.clone();
    return documents -> flatten(documents, (row, out) -> scan(row, ls,
        (hash, first, last, w) -> out.add(RowFactory.create(row.getString(0), hash, w.start(first), w.end(last)))));
  }

  static MapPartitionsFunction<Row, Row> matched(int[] lengths, Broadcast<NGramLookup> lookup, List<String> setNames) {
    int[] ls = lengths.clone();
    String[] names = setNames.toArray(new String[0]);
    return documents -> {
      NGramLookup sets = lookup.value();
      return flatten(documents, (row, out) -> scan(row, ls, (hash, first, last, w) -> {
        long bits = sets.sets(hash);
        while (bits != 0) {
          int s = Long.numberOfTrailingZeros(bits);
          bits &= bits - 1;
          out.add(RowFactory.create(row.getString(0), names[s], w.start(first), w.end(last)));
        }
      }));
    };
  }

  private interface NGramSink {
    void accept(long hash, int firstWord, int lastWord, NormalizedWords words);
  }

  private interface RowExpansion extends java.io.Serializable {
    void expand(Row row, List<Row> out);
  }

  private static void scan(Row row, int[] lengths, NGramSink sink) {
    NormalizedWords words = WORDS.get();
    if (row.isNullAt(1)) {
      return;
    }
    int count = words.scan(row.getString(1));
    for (int length : lengths) {
      for (int i = 0; i + length <= count; i++) {
        sink.accept(words.ngram(i, length), i, i + length - 1, words);
      }
    }
  }

  /** One per task thread: the scanner reuses its arrays across documents. */
  private static final ThreadLocal<NormalizedWords> WORDS = ThreadLocal.withInitial(NormalizedWords::new);

  /** Rows expanded one input row at a time, so a partition's output is never held whole. */
  private static Iterator<Row> flatten(Iterator<Row> rows, RowExpansion expansion) {
    List<Row> buffer = new ArrayList<>();
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        while (next == buffer.size() && rows.hasNext()) {
          buffer.clear();
          next = 0;
          expansion.expand(rows.next(), buffer);
        }
        return next < buffer.size();
      }

      @Override
      public Row next() {
        return buffer.get(next++);
      }
    };
  }
}
