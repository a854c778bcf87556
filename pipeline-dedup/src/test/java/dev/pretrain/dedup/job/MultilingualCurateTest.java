package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.testing.UdhrTexts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curate job on the sample's UDHR file (39 languages), keeping languages other than English. */
class MultilingualCurateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(MultilingualCurateTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static CurateReport curate(Path output, String... sets) throws IOException {
    SettingsReader reader = ConfigLayers.load(Optional.empty(), List.of(sets), CurateSettings.SCHEMA).reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    return new CurateJob(spark, settings).run(List.of(UdhrTexts.FILE.toString()), output.toString(), false, Optional.empty());
  }

  /** id -> lang of documents/. */
  private static Map<String, String> languages(Path output) {
    Map<String, String> out = new TreeMap<>();
    spark.read().parquet(output.resolve("documents").toString()).select("id", "lang").collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getString(1)));
    return out;
  }

  @Test
  void keepsTheTranslationsInTheLanguagesKeepNames(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("curated");
    CurateReport report = curate(out, "curate.filter.language.keep=[fr, de, es, zh, ja]");
    // The Cantonese translation is written in Chinese characters and identified as Chinese.
    assertEquals(Map.of("udhr/cmn_hans", "zh", "udhr/cmn_hant", "zh", "udhr/deu_1996", "de", "udhr/fra", "fr",
        "udhr/jpn", "ja", "udhr/spa", "es", "udhr/yue", "zh"), languages(out));
    assertEquals(39, report.recordsIn());
    assertEquals(7, report.kept());
    // Every other translation is another language's, and says which.
    List<Row> rejected = spark.read().parquet(out.resolve("rejected").toString()).select("id", "reason", "rule")
        .collectAsList();
    assertEquals(32, rejected.size());
    for (Row row : rejected) {
      assertEquals("language/other-language", row.getString(1), row.toString());
      assertTrue(row.getString(2).startsWith("other-language:"), row.toString());
    }
    Row english = rejected.stream().filter(r -> r.getString(0).equals("udhr/eng")).findFirst().orElseThrow();
    assertEquals("other-language:en", english.getString(2));
    JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
    assertEquals(JSON.readTree("{\"filter\": {\"language/other-language\": 32}}"), json.get("rejected_by_reason"));
  }

  @Test
  void theReportCountsTheLanguagesThatHadNoStopWords(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("curated");
    curate(out, "curate.filter.language.keep=[sw, ko, th, en]");
    assertEquals(Map.of("udhr/eng", "en", "udhr/kor", "ko", "udhr/swh", "sw", "udhr/tha", "th"), languages(out));
    JsonNode counts = JSON.readTree(out.resolve("report.json").toFile()).get("clean_counts");
    assertEquals(1, counts.get("gopher-quality.stop-words-skipped.sw").asLong(), counts.toString());
    assertEquals(1, counts.get("gopher-quality.stop-words-skipped.ko").asLong(), counts.toString());
    assertEquals(1, counts.get("gopher-quality.stop-words-skipped.th").asLong(), counts.toString());
    assertEquals(1, counts.get("fineweb-quality.terminal-punctuation-skipped.th").asLong(), counts.toString());
    assertTrue(counts.get("gopher-quality.stop-words-skipped.en") == null, counts.toString());
  }

  @Test
  void withGlotLidStyleLabelsTheFastTextEngineFillsLangWithIso6391Codes(@TempDir Path dir) throws IOException {
    // A model Debian's fastText trained on these texts (pipeline-classify's fixtures): __label__fra_Latn ...
    String model = "../pipeline-classify/src/test/resources/fasttext/glotlid-udhr.bin";
    Path out = dir.resolve("curated");
    CurateReport report = curate(out, "curate.filter.language.engine=fasttext",
        "curate.filter.language.model=\"" + model + "\"", "curate.filter.language.keep=[fr, de, zh]");
    assertEquals(Map.of("udhr/cmn_hans", "zh", "udhr/cmn_hant", "zh", "udhr/deu_1996", "de", "udhr/fra", "fr"),
        languages(out));
    assertEquals(4, report.kept());
    Map<String, String> rules = new TreeMap<>();
    spark.read().parquet(out.resolve("rejected").toString()).select("id", "rule").collectAsList()
        .forEach(r -> rules.put(r.getString(0), r.getString(1)));
    assertEquals(35, rules.size());
    assertEquals("other-language:en", rules.get("udhr/eng"));
    // Cantonese has no ISO 639-1 code: GlotLID's yue_Hani names it, script and all.
    assertEquals("other-language:yue_Hani", rules.get("udhr/yue"));
  }

  @Test
  void aKeptLanguageTheModelDoesNotKnowStopsTheJobAtStartNamingIt(@TempDir Path dir) {
    String model = "../pipeline-classify/src/test/resources/fasttext/lid-udhr.ftz";
    dev.pretrain.common.config.ConfigError error = org.junit.jupiter.api.Assertions.assertThrows(
        dev.pretrain.common.config.ConfigError.class, () -> curate(dir.resolve("curated"),
            "curate.filter.language.engine=fasttext", "curate.filter.language.model=\"" + model + "\"",
            "curate.filter.language.keep=[fr, lb]"));
    assertTrue(error.getMessage().contains("'curate.filter.language.keep' names [lb], which " + model
        + " does not identify"), error.getMessage());
    assertTrue(!dir.resolve("curated").toFile().exists(), "a job stopped at start claimed its output");
  }
}
