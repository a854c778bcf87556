package dev.pretrain.common.spark;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enough shuffle partitions for a job's input: at least one per {@value #INPUT_MIB_PER_PARTITION} MiB of
 * input files. With fewer, each partition's sort outgrows a task's share of the heap and spills to disk:
 * 4 GB of JSONL through curate's 4 partitions in {@code local[2]} spilled 3.5 GB (issue 19,
 * docs/benchmarks.md). The setting is only ever raised, never lowered, so a cluster's own choice stands
 * unless it is too small for the input.
 */
public final class ShufflePartitions {
  private static final Logger LOG = LoggerFactory.getLogger(ShufflePartitions.class);
  public static final String KEY = "spark.sql.shuffle.partitions";
  static final long INPUT_MIB_PER_PARTITION = 256;

  private ShufflePartitions() {}

  /** The partitions for {@code inputBytes} of input when {@code current} are set: the larger of the two. */
  static int forInput(int current, long inputBytes) {
    long perPartition = INPUT_MIB_PER_PARTITION << 20;
    long bytes = Math.max(0, inputBytes);
    long wanted = bytes / perPartition + (bytes % perPartition == 0 ? 0 : 1);
    return (int) Math.max(current, Math.min(wanted, Integer.MAX_VALUE));
  }

  /**
   * Raises the session's shuffle partitions for {@code inputBytes} of input, if they are too few; the
   * caller keeps the value before ({@link #KEY}) and puts it back when its job ends.
   */
  public static void raiseFor(SparkSession spark, long inputBytes, String job) {
    int current = Integer.parseInt(spark.conf().get(KEY).trim());
    int wanted = forInput(current, inputBytes);
    if (wanted > current) {
      LOG.info("{}: {} raised from {} to {} for {} MB of input ({} MiB per partition)", job, KEY, current, wanted,
          inputBytes / 1_000_000, INPUT_MIB_PER_PARTITION);
      spark.conf().set(KEY, Integer.toString(wanted));
    }
  }
}
