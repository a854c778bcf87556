package dev.pretrain.dedup.decontaminate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * An evaluation set's items as n-grams: each field's text normalized and split into words, every
 * run of {@code n} words one n-gram; a text of fewer words (a short answer) is one n-gram of all
 * its words, so it is still found, as a whole, in a document.
 */
final class ItemNGrams implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  static final StructType SCHEMA = new StructType()
      .add("hash", DataTypes.LongType, false)
      .add("length", DataTypes.IntegerType, false);

  private final int n;
  private final boolean[] arrays;

  ItemNGrams(int n, boolean[] arrays) {
    this.n = n;
    this.arrays = arrays.clone();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> items) {
    NormalizedWords words = new NormalizedWords();
    List<Row> out = new ArrayList<>();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        while (out.isEmpty() && items.hasNext()) {
          Row item = items.next();
          for (int f = 0; f < arrays.length; f++) {
            if (item.isNullAt(f)) {
              continue;
            }
            if (arrays[f]) {
              for (Object text : item.getList(f)) {
                if (text != null) {
                  add((String) text, words, out);
                }
              }
            } else {
              add(item.getString(f), words, out);
            }
          }
        }
        return !out.isEmpty();
      }

      @Override
      public Row next() {
        return out.remove(out.size() - 1);
      }
    };
  }

  private void add(String text, NormalizedWords words, List<Row> out) {
    int count = words.scan(text);
    if (count == 0) {
      return;
    }
    int length = Math.min(n, count);
    for (int i = 0; i + length <= count; i++) {
      out.add(RowFactory.create(words.ngram(i, length), length));
    }
  }
}
