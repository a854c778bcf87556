package dev.pretrain.tokenize.shards;

import dev.pretrain.common.shards.TokenCodec;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Executor side of packing: a partition of (group, id, tokens) rows sorted by group then id
 * becomes packed rows, each with its key in the seeded shuffle. Streams: at most one document's
 * rows are held at a time.
 */
final class PackGroups implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA = new StructType()
      .add("key", DataTypes.LongType, false)
      .add("grp", DataTypes.IntegerType, false)
      .add("row", DataTypes.LongType, false)
      .add("tokens", DataTypes.BinaryType, false)
      .add("doc_starts", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  private final int rowLength;
  private final boolean pad;
  private final int eotId;
  private final long seed;

  PackGroups(int rowLength, boolean pad, int eotId, long seed) {
    this.rowLength = rowLength;
    this.pad = pad;
    this.eotId = eotId;
    this.seed = seed;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> docs) {
    ArrayDeque<Row> ready = new ArrayDeque<>();
    Packer packer = new Packer(rowLength, pad, eotId, r -> ready.add(RowFactory.create(
        StableHash.shuffleKey(seed, r.group(), r.row()), r.group(), r.row(),
        TokenCodec.encode(r.tokens(), 0, r.tokens().length), boxed(r.docStarts()))));
    return new Iterator<>() {
      private int group = -1;
      private boolean finished;

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && !finished) {
          if (docs.hasNext()) {
            Row doc = docs.next();
            int g = doc.getInt(0);
            if (g != group) {
              packer.startGroup(g);
              group = g;
            }
            packer.add(TokenCodec.decode((byte[]) doc.get(2)));
          } else {
            packer.finishGroup();
            finished = true;
          }
        }
        return !ready.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }

  private static Integer[] boxed(int[] values) {
    Integer[] out = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
