package dev.pretrain.dedup.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.dedup.minhash.MinHashSettings;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dedup/index.json}: what the keys of {@code dedup/index/} were computed with. A later run
 * deduplicating against the index must compute its keys the same way, or nothing would match; it
 * compares this record with its own and refuses a mismatch.
 *
 * @param format the index layout: 2 = one row per kept document {@code (id, exact_key,
 *     band_keys)}
 * @param exactKey how exact keys are made
 * @param implementation {@code jvm} or {@code sql} ({@code curate.minhash.implementation}): the two
 *     give unrelated band keys for the same text
 * @param shingleWords, bands, rows, seed the MinHash settings of the band keys
 */
public record IndexMetadata(int format, String exactKey, String implementation, int shingleWords, int bands, int rows,
    long seed) {
  public static final int FORMAT = 2;
  /** {@code ExactKey}: two 64-bit hashes of the datatrove-normalized text. */
  public static final String EXACT_KEY = "dedup-normalized-128";

  public static IndexMetadata of(MinHashSettings minhash) {
    return new IndexMetadata(FORMAT, EXACT_KEY, minhash.implementation().name().toLowerCase(Locale.ROOT),
        minhash.shingleWords(), minhash.bands(), minhash.rows(), minhash.seed());
  }

  public String toJson() {
    Map<String, Object> out = new TreeMap<>();
    out.put("format", format);
    out.put("exact_key", exactKey);
    Map<String, Object> minhash = new TreeMap<>();
    minhash.put("implementation", implementation);
    minhash.put("shingle_words", shingleWords);
    minhash.put("bands", bands);
    minhash.put("rows", rows);
    minhash.put("seed", seed);
    out.put("minhash", minhash);
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static IndexMetadata parse(String json, String where) {
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      JsonNode m = root.path("minhash");
      if (!root.path("format").isInt() || !m.path("seed").isNumber()) {
        throw new IllegalArgumentException(where + " is not an index description (no format or minhash.seed)");
      }
      return new IndexMetadata(root.get("format").asInt(), root.path("exact_key").asText(),
          m.path("implementation").asText("jvm"), m.path("shingle_words").asInt(), m.path("bands").asInt(), m.path("rows").asInt(), m.get("seed").asLong());
    } catch (IOException e) {
      throw new IllegalArgumentException(where + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** What differs from {@code other}, in config terms, or empty when compatible. */
  public String differences(IndexMetadata other) {
    StringBuilder out = new StringBuilder();
    diff(out, "index format", format, other.format);
    diff(out, "exact key", exactKey, other.exactKey);
    diff(out, "curate.minhash.implementation", implementation, other.implementation);
    diff(out, "curate.minhash.shingle-words", shingleWords, other.shingleWords);
    diff(out, "curate.minhash.bands", bands, other.bands);
    diff(out, "curate.minhash.rows", rows, other.rows);
    diff(out, "curate.minhash.seed", seed, other.seed);
    return out.toString();
  }

  private static void diff(StringBuilder out, String name, Object previous, Object now) {
    if (!previous.equals(now)) {
      out.append(out.length() == 0 ? "" : ", ").append(name).append(' ').append(previous).append(" then, ")
          .append(now).append(" now");
    }
  }
}
