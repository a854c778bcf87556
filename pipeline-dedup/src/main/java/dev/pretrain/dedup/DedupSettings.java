package dev.pretrain.dedup;

import dev.pretrain.common.config.SettingsReader;

/**
 * The {@code curate.dedup} section: which deduplication runs and its limits.
 *
 * @param exact drop documents whose normalized text equals another's
 * @param near drop MinHash near-duplicates
 * @param maxBucketSize LSH buckets larger than this are cut to their smallest ids and reported
 * @param maxRounds bound on connected-components rounds
 * @param reliableCheckpoints checkpoint rounds to the checkpoint directory (survives executor
 *     loss on a cluster) instead of to executor storage
 */
public record DedupSettings(boolean exact, boolean near, int maxBucketSize, int maxRounds, boolean reliableCheckpoints) {
  public static DedupSettings read(SettingsReader r) {
    String p = "curate.dedup.";
    return new DedupSettings(
        r.bool(p + "exact"),
        r.bool(p + "near"),
        r.intIn(p + "max-bucket-size", 2, 10_000_000),
        r.intIn(p + "max-rounds", 1, 1000),
        r.bool(p + "reliable-checkpoints"));
  }
}
