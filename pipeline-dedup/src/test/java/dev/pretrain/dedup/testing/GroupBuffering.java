package dev.pretrain.dedup.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.spark.sql.Dataset;

/**
 * Checks that a dedup step's plan never holds a whole group (an LSH bucket, a set of exact copies,
 * a node's pairs) in one task or one row: a window over the group buffers all of its rows in the
 * task, and {@code collect_list} makes one row of them. Aggregations and sort-merge joins stream.
 */
public final class GroupBuffering {
  private GroupBuffering() {}

  public static void assertNone(Dataset<?> step) {
    String plan = step.queryExecution().optimizedPlan().toString();
    for (String buffering : new String[] {"Window", "collect_list", "collect_set"}) {
      assertFalse(plan.contains(buffering), "the plan holds whole groups (" + buffering + "):\n" + plan);
    }
  }
}
