package dev.pretrain.tokenize.job;

import dev.pretrain.tokenize.shards.StableHash;

/** Which documents train the tokenizer and which measure it, by hashes of the id (stable across runs). */
public final class DocumentChoice {
  private DocumentChoice() {}

  public static boolean heldOut(String id, double heldOutFraction) {
    return StableHash.chosen("held-out", id, heldOutFraction);
  }

  public static boolean trains(String id, double sampleFraction, double heldOutFraction) {
    return !heldOut(id, heldOutFraction) && StableHash.chosen("sample", id, sampleFraction);
  }
}
