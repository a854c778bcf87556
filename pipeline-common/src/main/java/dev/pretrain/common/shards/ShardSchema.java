package dev.pretrain.common.shards;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of a token shard: a packed sequence of {@code seq_len + 1} ids (inputs are
 * {@code [0, seq_len)}, labels {@code [1, seq_len + 1)}), where documents start inside it, and its
 * index in the global shuffled order.
 */
public final class ShardSchema {
  private ShardSchema() {}

  public static final String TOKENS = "tokens";
  public static final String DOC_STARTS = "doc_starts";
  public static final String SEQ_IDX = "seq_idx";

  public static final StructType SCHEMA = new StructType()
      .add(TOKENS, DataTypes.BinaryType, false)
      .add(DOC_STARTS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add(SEQ_IDX, DataTypes.LongType, false);
}
