package dev.pretrain.tokenize.shards;

import dev.pretrain.common.shards.TokenCodec;
import dev.pretrain.tokenize.Tokenizer;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Executor side of tokenize: (id, text) rows become (id, split, pack group, ids with the
 * end-of-text id appended), or a reject with its reason. Document text is encoded as ordinary
 * text, so a document cannot inject special tokens.
 */
final class EncodeDocuments implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;

  static final String SPLIT_SALT = "split";

  static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType, true)
      .add("split", DataTypes.StringType, false)
      .add("grp", DataTypes.IntegerType, false)
      .add("n_tokens", DataTypes.IntegerType, false)
      .add("n_bytes", DataTypes.LongType, false)
      .add("tokens", DataTypes.BinaryType, true)
      .add("text", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true);

  private final TokenizerSource source;
  private final int eotId;
  private final double valFraction;
  private final int groups;

  EncodeDocuments(TokenizerSource source, int eotId, double valFraction, int groups) {
    this.source = source;
    this.eotId = eotId;
    this.valFraction = valFraction;
    this.groups = groups;
  }

  /** The split of a document: {@code val} for a {@code valFraction} of ids, by hash. */
  static String splitOf(String id, double valFraction) {
    return StableHash.chosen(SPLIT_SALT, id, valFraction) ? TokenizeJob.VAL : TokenizeJob.TRAIN;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> docs) {
    Tokenizer tokenizer = source.get();
    int vocab = tokenizer.vocabSize();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return docs.hasNext();
      }

      @Override
      public Row next() {
        Row doc = docs.next();
        String id = doc.getString(0);
        String text = doc.getString(1);
        if (id == null) {
          return reject(null, text, "id is null");
        }
        if (text == null) {
          return reject(id, null, "text is null");
        }
        int[] ids;
        try {
          ids = tokenizer.encodeOrdinary(text);
        } catch (IllegalArgumentException e) {
          return reject(id, text, "cannot encode: " + e.getMessage());
        }
        int[] withEot = java.util.Arrays.copyOf(ids, ids.length + 1);
        withEot[ids.length] = eotId;
        for (int t : withEot) {
          if (t < 0 || t >= vocab) { // impossible by construction: a broken tokenizer
            throw new IllegalStateException("tokenizer " + tokenizer.name() + " returned id " + t
                + " outside [0, " + vocab + ") for document " + id);
          }
        }
        return RowFactory.create(id, splitOf(id, valFraction), StableHash.group(id, groups), withEot.length,
            utf8Length(text), TokenCodec.encode(withEot, 0, withEot.length), null, null);
      }
    };
  }

  private static Row reject(String id, String text, String reason) {
    return RowFactory.create(id, TokenizeJob.TRAIN, 0, 0, 0L, null, text, reason);
  }

  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
