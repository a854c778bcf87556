package dev.pretrain.dedup.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.index.IndexMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/** The curate job with curate.minhash.implementation = jvm and = sql on the same corpus. */
class MinHashImplementationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(MinHashImplementationsTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Five Brown texts, two near copies of one (Jaccard about 0.9 and 0.8) and one of another. */
  private static String edit(String text) {
    return BrownTexts.everyHundredthWord(text, (word, i) -> word + "x");
  }

  private static Path corpus(Path dir) throws IOException {
    List<String> texts = BrownTexts.first(5);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      lines.add(BrownTexts.line("b" + i, texts.get(i)));
    }
    lines.add(BrownTexts.line("near-b2", edit(texts.get(2))));
    lines.add(BrownTexts.line("near-near-b2", edit(edit(texts.get(2)))));
    lines.add(BrownTexts.line("near-b4", edit(texts.get(4))));
    Path file = dir.resolve("in.jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private static Path curate(Path input, Path output, String implementation) throws IOException {
    LoadedConfig config = ConfigLayers.load(Optional.empty(),
        List.of("curate.minhash.implementation=" + implementation), CurateSettings.SCHEMA);
    SettingsReader reader = config.reader();
    CurateSettings settings = CurateSettings.read(reader);
    reader.finish();
    new CurateJob(spark, settings).run(List.of(input.toString()), output.toString(), false);
    return output;
  }

  private static Map<String, String> clusters(Path out) {
    Map<String, String> byId = new TreeMap<>();
    for (Row r : spark.read().parquet(out.resolve("dedup/clusters").toString()).collectAsList()) {
      byId.put(r.getString(r.fieldIndex("id")), r.getString(r.fieldIndex("cluster_id")));
    }
    return byId;
  }

  @Test
  void bothImplementationsFindTheSameClustersAndTheIndexSaysWhichWroteIt(@TempDir Path dir) throws IOException {
    Path input = corpus(dir);
    Path jvm = curate(input, dir.resolve("jvm"), "jvm");
    Path sql = curate(input, dir.resolve("sql"), "sql");

    Map<String, String> expected = Map.of("b2", "b2", "near-b2", "b2", "near-near-b2", "b2", "b4", "b4", "near-b4", "b4");
    assertEquals(expected, clusters(jvm));
    assertEquals(expected, clusters(sql));
    assertEquals(
        spark.read().parquet(jvm.resolve("documents").toString()).orderBy("id").collectAsList(),
        spark.read().parquet(sql.resolve("documents").toString()).orderBy("id").collectAsList());

    IndexMetadata jvmInfo = IndexMetadata.parse(Files.readString(jvm.resolve("dedup/index.json")), "jvm");
    IndexMetadata sqlInfo = IndexMetadata.parse(Files.readString(sql.resolve("dedup/index.json")), "sql");
    assertEquals("jvm", jvmInfo.implementation());
    assertEquals("sql", sqlInfo.implementation());
    assertEquals(14, sqlInfo.bands());
    // Same documents, same banding, different keys: the two indexes must not be mixed.
    List<Row> jvmKeys = spark.read().parquet(jvm.resolve("dedup/index").toString()).orderBy("id").collectAsList();
    List<Row> sqlKeys = spark.read().parquet(sql.resolve("dedup/index").toString()).orderBy("id").collectAsList();
    assertEquals(jvmKeys.size(), sqlKeys.size());
    assertNotEquals(jvmKeys, sqlKeys);
    assertEquals("curate.minhash.implementation jvm then, sql now", jvmInfo.differences(sqlInfo));
  }
}
