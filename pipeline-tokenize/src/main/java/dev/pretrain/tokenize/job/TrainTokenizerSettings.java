package dev.pretrain.tokenize.job;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.tokenize.pretokenize.SplitPattern;
import dev.pretrain.tokenize.train.BpeTrainerOptions;
import java.util.List;
import java.util.Set;

/**
 * The {@code train-tokenizer} section (see reference.conf).
 *
 * @param maxDistinctWords cap on the distinct words collected to the driver (most frequent kept)
 * @param sampleFraction fraction of documents counted, chosen by a hash of the id
 * @param heldOutFraction fraction of documents never trained on, used to measure bytes per token
 */
public record TrainTokenizerSettings(
    int vocabSize,
    long minFrequency,
    List<String> specialTokens,
    SplitPattern splitPattern,
    double sampleFraction,
    int maxDistinctWords,
    double heldOutFraction) {

  public static final ConfigSchema SCHEMA = new ConfigSchema(List.of("train-tokenizer"), Set.of());

  public TrainTokenizerSettings {
    specialTokens = List.copyOf(specialTokens);
  }

  public static TrainTokenizerSettings read(SettingsReader r) {
    List<String> specials = r.stringList("train-tokenizer.special-tokens");
    TrainTokenizerSettings s = new TrainTokenizerSettings(
        r.intIn("train-tokenizer.vocab-size", 257, 1 << 24),
        r.longIn("train-tokenizer.min-frequency", 1, Long.MAX_VALUE),
        specials,
        r.oneOf("train-tokenizer.split-pattern", SplitPattern.class),
        r.doubleIn("train-tokenizer.sample-fraction", 0.0, 1.0),
        r.intIn("train-tokenizer.max-distinct-words", 1, Integer.MAX_VALUE - 8),
        r.doubleIn("train-tokenizer.held-out-fraction", 0.0, 0.5));
    r.check(s.vocabSize() >= 256 + specials.size(), "train-tokenizer.vocab-size",
        "at least 256 plus the number of special tokens");
    r.check(new java.util.HashSet<>(specials).size() == specials.size() && !specials.contains(""),
        "train-tokenizer.special-tokens", "distinct, non-empty strings");
    r.check(s.sampleFraction() > 0, "train-tokenizer.sample-fraction", "greater than 0");
    return s;
  }

  public BpeTrainerOptions trainerOptions() {
    return new BpeTrainerOptions(vocabSize, minFrequency, specialTokens, splitPattern);
  }
}
