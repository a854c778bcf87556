package dev.pretrain.tokenize.shards;

import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import java.util.List;
import java.util.Set;

/**
 * The {@code tokenize} section (see reference.conf).
 *
 * @param tokenizer {@code tiktoken:NAME} or a tokenizer.json path
 * @param eotToken the special token appended after every document
 * @param maxRejectFraction the job stops, writing nothing, if a larger share of documents cannot be encoded
 * @param rowsPerRowGroup a divisor of {@code rowsPerShard}; every row group but a shard's last holds exactly this many
 */
public record TokenizeSettings(
    String tokenizer,
    String eotToken,
    int seqLen,
    double valFraction,
    long seed,
    int rowsPerShard,
    int rowsPerRowGroup,
    Remainder remainder,
    int packPartitions,
    double maxRejectFraction) {

  /** What happens to the tokens of a pack group that do not fill a last row. */
  public enum Remainder { DROP, PAD }

  public static final ConfigSchema SCHEMA = new ConfigSchema(List.of("tokenize"), Set.of());

  public static TokenizeSettings read(SettingsReader r) {
    TokenizeSettings s = new TokenizeSettings(
        r.string("tokenize.tokenizer", v -> !v.isBlank(), "tiktoken:NAME or a tokenizer.json path"),
        r.string("tokenize.eot-token", v -> !v.isEmpty(), "a special token of the tokenizer"),
        r.intIn("tokenize.seq-len", 1, 1 << 20),
        r.doubleIn("tokenize.val-fraction", 0.0, 1.0),
        r.longIn("tokenize.seed", Long.MIN_VALUE, Long.MAX_VALUE),
        r.intIn("tokenize.rows-per-shard", 1, 1 << 24),
        r.intIn("tokenize.rows-per-row-group", 1, 1 << 24),
        r.oneOf("tokenize.remainder", Remainder.class),
        r.intIn("tokenize.pack-partitions", 1, 1 << 20),
        r.doubleIn("tokenize.max-reject-fraction", 0.0, 1.0));
    r.check(s.rowsPerShard() % s.rowsPerRowGroup() == 0, "tokenize.rows-per-row-group",
        "a divisor of tokenize.rows-per-shard (" + s.rowsPerShard() + ")");
    return s;
  }

  /** The same settings with another tokenizer (a refresh keeps the corpus's own). */
  public TokenizeSettings withTokenizer(String spec) {
    return new TokenizeSettings(spec, eotToken, seqLen, valFraction, seed, rowsPerShard, rowsPerRowGroup, remainder,
        packPartitions, maxRejectFraction);
  }

  public int rowLength() {
    return seqLen + 1;
  }
}
