package dev.pretrain.dedup.minhash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What produced the band keys of a {@code dedup/index/}: written beside it as
 * {@value #FILE_NAME} (Parquet readers skip files starting with "_"). Band keys are comparable
 * only between indexes with equal info: the JVM and SQL implementations, or two seeds, or two
 * banding shapes, give unrelated keys for the same text.
 */
public record MinHashIndexInfo(MinHashSettings.Implementation implementation, int bands, int rows, int shingleWords,
    long seed) {
  public static final String FILE_NAME = "_minhash.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static MinHashIndexInfo of(MinHashSettings s) {
    return new MinHashIndexInfo(s.implementation(), s.bands(), s.rows(), s.shingleWords(), s.seed());
  }

  public String toJson() {
    ObjectNode node = JSON.createObjectNode()
        .put("implementation", implementation.name().toLowerCase(java.util.Locale.ROOT))
        .put("bands", bands)
        .put("rows", rows)
        .put("shingle_words", shingleWords)
        .put("seed", seed);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws IllegalArgumentException when the text is not an index info this class wrote */
  public static MinHashIndexInfo fromJson(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      String implementation = node.path("implementation").asText("");
      MinHashSettings.Implementation impl = MinHashSettings.Implementation.valueOf(
          implementation.toUpperCase(java.util.Locale.ROOT));
      for (String field : new String[] {"bands", "rows", "shingle_words", "seed"}) {
        if (!node.path(field).isIntegralNumber()) {
          throw new IllegalArgumentException(FILE_NAME + ": field '" + field + "' missing or not an integer");
        }
      }
      return new MinHashIndexInfo(impl, node.get("bands").asInt(), node.get("rows").asInt(),
          node.get("shingle_words").asInt(), node.get("seed").asLong());
    } catch (IOException e) {
      throw new IllegalArgumentException(FILE_NAME + " is not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Fails, naming every difference, unless keys made with {@code settings} can be compared with
   * this index's keys (for deduplicating a new snapshot against an existing index).
   */
  public void requireComparableWith(MinHashSettings settings) {
    MinHashIndexInfo mine = of(settings);
    if (!mine.equals(this)) {
      throw new IllegalArgumentException("the index's band keys were made with " + toJson().strip().replaceAll("\\s+", " ")
          + " but this run's curate.minhash gives " + mine.toJson().strip().replaceAll("\\s+", " ")
          + "; band keys are comparable only when all of these are equal");
    }
  }
}
