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
    String sha256) {}
