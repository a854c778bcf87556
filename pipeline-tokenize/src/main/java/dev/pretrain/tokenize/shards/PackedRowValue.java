package dev.pretrain.tokenize.shards;

import java.io.Serializable;

/**
 * A packed row on its way to a shard writer. Plain arrays rather than a Spark {@code Row}: Java
 * serialization of a {@code GenericRowWithSchema} carries its schema with every row.
 */
record PackedRowValue(byte[] tokens, int[] docStarts) implements Serializable {}
