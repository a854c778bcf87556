package dev.pretrain.dedup;

import java.io.Serializable;
import dev.pretrain.common.config.SettingsReader;
import java.util.Map;

/**
 * The {@code curate.dedup} section: which deduplication runs and its limits. Its master switch
 * ({@code curate.dedup.enabled = false}) turns off every kind at once: each kind's flag here is
 * what runs.
 *
 * @param url drop documents whose normalized URL equals another's of this run (the latest
 *     {@code warc_date} stays), counted as exact duplicates
 * @param exact drop documents whose normalized text equals another's
 * @param near drop MinHash near-duplicates
 * @param maxRounds bound on connected-components rounds
 * @param driverComponentsMaxEdges a candidate graph of at most this many edges is solved in the
 *     driver by union-find instead of in distributed rounds (0: always rounds)
 * @param reliableCheckpoints checkpoint rounds, and the tables dedup reads twice, to the
 *     checkpoint directory (survives executor loss on a cluster) instead of to executor storage
 * @param verify check LSH candidate pairs by exact Jaccard similarity of their shingle sets
 * @param verifyThreshold with {@code verify}, pairs below this similarity are not linked
 */
public record DedupSettings(boolean url, boolean exact, boolean near, int maxRounds, int driverComponentsMaxEdges,
    boolean reliableCheckpoints,
    boolean verify, double verifyThreshold) implements Serializable {

  /** Keys of {@code curate.dedup} that earlier versions read, with why they went (see ConfigSchema#removed). */
  public static final Map<String, String> REMOVED = Map.of(
      "curate.dedup.max-bucket-size", "LSH buckets are no longer cut: every member of a bucket of any size is"
          + " linked to its smallest id, by a distributed aggregation (the cut left tens of thousands of copies of"
          + " the most repeated pages in the output); delete this setting");

  public static DedupSettings read(SettingsReader r) {
    String p = "curate.dedup.";
    boolean enabled = r.bool(p + "enabled");
    return new DedupSettings(
        enabled && r.bool(p + "url"),
        enabled && r.bool(p + "exact"),
        enabled && r.bool(p + "near"),
        r.intIn(p + "max-rounds", 1, 1000),
        r.intIn(p + "driver-components-max-edges", 0, 50_000_000),
        r.bool(p + "reliable-checkpoints"),
        r.bool(p + "verify.enabled"),
        r.doubleIn(p + "verify.threshold", 0, 1));
  }
}
