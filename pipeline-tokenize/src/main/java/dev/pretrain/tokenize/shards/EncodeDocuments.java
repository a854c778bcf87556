package dev.pretrain.tokenize.shards;

import dev.pretrain.common.document.Utf8Bytes;
import dev.pretrain.tokenize.Tokenizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Executor side of tokenize: (id, text) rows become encoded documents (split, pack group, ids
 * with the end-of-text id appended), or a reject with its reason (a stable label; the encoder's
 * message, which names positions, goes apart). Document text is encoded as
 * ordinary text, so a document cannot inject special tokens.
 */
final class EncodeDocuments implements FlatMapFunction<Iterator<Row>, EncodedDocument> {
  private static final long serialVersionUID = 1L;

  static final String SPLIT_SALT = "split";

  private final TokenizerSource source;
  private final int eotId;
  private final double valFraction;
  private final int groups;
  private final int mixSource;

  EncodeDocuments(TokenizerSource source, int eotId, double valFraction, int groups) {
    this(source, eotId, valFraction, groups, 0);
  }

  /** @param mixSource the index of the documents' source in a mix (0 for a single input) */
  EncodeDocuments(TokenizerSource source, int eotId, double valFraction, int groups, int mixSource) {
    this.mixSource = mixSource;
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
  public Iterator<EncodedDocument> call(Iterator<Row> docs) {
    Tokenizer tokenizer = source.get();
    int vocab = tokenizer.vocabSize();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return docs.hasNext();
      }

      @Override
      public EncodedDocument next() {
        Row doc = docs.next();
        String id = doc.getString(0);
        String text = doc.getString(1);
        if (id == null) {
          return EncodedDocument.rejected(null, mixSource, text, "id-is-null", null);
        }
        if (text == null) {
          return EncodedDocument.rejected(id, mixSource, null, "text-is-null", null);
        }
        int[] ids;
        try {
          ids = tokenizer.encodeOrdinary(text);
        } catch (IllegalArgumentException e) {
          return EncodedDocument.rejected(id, mixSource, text, "cannot-encode", e.getMessage());
        }
        for (int t : ids) {
          if (t < 0 || t >= vocab) { // impossible by construction: a broken tokenizer
            throw new IllegalStateException("tokenizer " + tokenizer.name() + " returned id " + t
                + " outside [0, " + vocab + ") for document " + id);
          }
        }
        // Little-endian int32 straight away: the form packing and the shards use.
        ByteBuffer bytes = ByteBuffer.allocate((ids.length + 1) * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(ids).put(eotId);
        // Columns 2 and 3, when given, are the document's source and language, for the report.
        return EncodedDocument.encoded(id, mixSource, TokenizeJob.SPLITS.indexOf(splitOf(id, valFraction)),
            StableHash.group(id, groups), bytes.array(), Utf8Bytes.of(text),
            doc.length() > 2 ? doc.getString(2) : null, doc.length() > 3 ? doc.getString(3) : null);
      }
    };
  }
}
