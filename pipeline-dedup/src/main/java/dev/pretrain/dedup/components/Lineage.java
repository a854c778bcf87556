package dev.pretrain.dedup.components;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Materializes a table that later steps read more than once, and cuts its lineage there. Spark
 * does not reuse a shuffle between two reads of a table built on a cached one (each read gets
 * its own query stage), so without this every read would recompute the table and all its
 * shuffles.
 */
public final class Lineage {
  private Lineage() {}

  /**
   * @param reliable {@code checkpoint()} to the checkpoint directory (survives losing an executor
   *     on a cluster) rather than {@code localCheckpoint()} to executor storage
   */
  public static Dataset<Row> cut(Dataset<Row> table, boolean reliable) {
    return reliable ? table.checkpoint(true) : table.localCheckpoint(true);
  }
}
