package dev.pretrain.tokenize.shards;

import dev.pretrain.common.shards.TokenCodec;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Executor side of packing: a partition of documents sorted by (split, group, id) becomes packed
 * rows keyed by (split, {@code seq_idx}) from the {@link PackLayout}, ready for the shard
 * writers. Streams: at most one document's rows are held at a time. A group that yields a
 * different number of rows than its counted ids make is a bug, and fails the task.
 */
final class PackGroups
    implements PairFlatMapFunction<Iterator<Tuple2<PackKey, byte[]>>, Long, Tuple2<byte[], int[]>> {
  private static final long serialVersionUID = 1L;

  private final PackLayout layout;
  private final int rowLength;
  private final boolean pad;
  private final int eotId;

  PackGroups(PackLayout layout, int rowLength, boolean pad, int eotId) {
    this.layout = layout;
    this.rowLength = rowLength;
    this.pad = pad;
    this.eotId = eotId;
  }

  @Override
  public Iterator<Tuple2<Long, Tuple2<byte[], int[]>>> call(Iterator<Tuple2<PackKey, byte[]>> docs) {
    ArrayDeque<Tuple2<Long, Tuple2<byte[], int[]>>> ready = new ArrayDeque<>();
    int[] split = {-1};
    long[] rowsOfGroup = {0};
    Packer packer = new Packer(rowLength, pad, eotId, r -> {
      long seqIdx = layout.seqIdx(split[0], r.group(), r.row());
      ready.add(new Tuple2<>(RowKey.of(split[0], seqIdx),
          new Tuple2<>(TokenCodec.encode(r.tokens(), 0, r.tokens().length), r.docStarts())));
      rowsOfGroup[0] = r.row() + 1;
    });
    return new Iterator<>() {
      private int group = -1;
      private boolean finished;

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && !finished) {
          if (docs.hasNext()) {
            Tuple2<PackKey, byte[]> doc = docs.next();
            PackKey key = doc._1();
            if (key.split != split[0] || key.group != group) {
              finishGroup();
              split[0] = key.split;
              group = key.group;
              rowsOfGroup[0] = 0;
              packer.startGroup(group);
            }
            packer.add(TokenCodec.decode(doc._2()));
          } else {
            finishGroup();
            finished = true;
          }
        }
        return !ready.isEmpty();
      }

      private void finishGroup() {
        if (group >= 0) {
          packer.finishGroup();
          if (rowsOfGroup[0] != layout.rows(split[0], group)) {
            throw new IllegalStateException(TokenizeJob.SPLITS.get(split[0]) + " pack group " + group + " made "
                + rowsOfGroup[0] + " rows, its counted ids " + layout.rows(split[0], group));
          }
        }
      }

      @Override
      public Tuple2<Long, Tuple2<byte[], int[]>> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }
}
