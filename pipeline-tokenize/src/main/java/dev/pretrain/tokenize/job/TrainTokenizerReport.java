package dev.pretrain.tokenize.job;

/**
 * What a train-tokenizer run did.
 *
 * @param documents documents read
 * @param trainingDocuments documents whose pre-tokens were counted (sampled, not held out)
 * @param distinctWords distinct pre-tokens counted by Spark
 * @param wordsKept distinct pre-tokens that passed min-frequency and the max-distinct-words cap
 * @param heldOutBytesPerToken UTF-8 bytes per token of the trained tokenizer on the held-out documents
 *     (NaN if none were held out)
 * @param sha256 of the written tokenizer.json
 * @param phases where the time went
 */
public record TrainTokenizerReport(
    double seconds,
    long documents,
    long trainingDocuments,
    long heldOutDocuments,
    long distinctWords,
    long wordsKept,
    int merges,
    int vocabSize,
    long heldOutBytes,
    long heldOutTokens,
    double heldOutBytesPerToken,
    String sha256,
    Phases phases) {

  /**
   * Seconds per phase: Spark counting pre-tokens (and capping them), the driver learning merges,
   * writing tokenizer.json, and encoding the held-out documents.
   */
  public record Phases(double counting, double merges, double writing, double heldOut) {}
}
