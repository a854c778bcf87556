package dev.pretrain.jobs.rapids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.index.IndexMetadata;
import dev.pretrain.dedup.job.CurateJob;
import dev.pretrain.dedup.job.CurateReport;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.tokenize.shards.TokenizeJob;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.MutableURLClassLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which parts of the curate and tokenize plans the RAPIDS Accelerator would run on a GPU, found
 * without a GPU: the plugin in explain-only mode plans every query as it would on a GPU, logs the
 * decision for each operator and expression, and runs the query on CPU. Prints the share of
 * operators and of expressions that would run on GPU and fails on any fallback to CPU that
 * {@code rapids/allowed-fallbacks.txt} does not list with a reason. Spark and curate settings come
 * from {@code conf/rapids-gpu.conf}, so the shipped file is what is checked.
 *
 * <p>Runs only in the {@code rapids} Maven profile, which fetches the plugin jar and passes its
 * path as {@code rapids.jar}: {@code ./mvnw -B -Prapids -pl jobs -am verify
 * -Dtest=GpuEligibilityCheck -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class GpuEligibilityCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ALLOWLIST = Path.of("src/test/resources/rapids/allowed-fallbacks.txt");
  private static final Path RAPIDS_CONF = Path.of("../conf/rapids-gpu.conf");
  /**
   * Connected components in distributed rounds, as on a corpus of a GPU cluster's size: the
   * fixture's few edges would otherwise be solved in the driver and the rounds' plans go unchecked.
   */
  private static final List<String> DISTRIBUTED_COMPONENTS = List.of("curate.dedup.driver-components-max-edges=0");

  @Test
  void curateAndTokenizePlansRunOnGpuExceptAllowedFallbacks(@TempDir Path dir) throws Exception {
    String jar = System.getProperty("rapids.jar");
    assertTrue(jar != null && Files.isRegularFile(Path.of(jar)),
        "system property rapids.jar must name the RAPIDS Accelerator jar (run with -Prapids), got " + jar);
    FallbackAllowlist allowlist = FallbackAllowlist.read(ALLOWLIST);
    SettingsReader shipped = ConfigLayers.load(Optional.of(new ConfigSource(RAPIDS_CONF.toString(),
        Files.readString(RAPIDS_CONF))), DISTRIBUTED_COMPONENTS, SparkSettings.SCHEMA.plus(CurateSettings.SCHEMA)).reader();
    SparkSettings sparkSettings = SparkSettings.read(shipped);
    CurateSettings curateSettings = CurateSettings.read(shipped);
    shipped.finish();
    assertEquals(MinHashSettings.Implementation.SQL, curateSettings.minhash().implementation());

    Path input = corpus(dir);
    Map<String, RapidsExplain> byJob = new LinkedHashMap<>();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    // The plugin adds its Spark-version-specific classes to the context class loader, which must
    // be a mutable URLClassLoader, as under spark-submit; Java 17's application loader is not one.
    Thread.currentThread().setContextClassLoader(new MutableURLClassLoader(new URL[0], previous));
    SparkSession spark = session(sparkSettings);
    try (ExplainCapture capture = ExplainCapture.attach()) {
      CurateReport report = new CurateJob(spark, curateSettings)
          .run(List.of(input.toString()), dir.resolve("curated").toString(), false);
      assertTrue(report.balances());
      assertTrue(report.nearDuplicatesRemoved() >= 2, "the fixture's near duplicates were not found: " + report.toJson());
      String indexMetadata = Files.readString(dir.resolve("curated/dedup/index.json"));
      assertEquals("sql", IndexMetadata.parse(indexMetadata, "dedup/index.json").implementation());
      byJob.put("curate", RapidsExplain.parse(capture.messages()));

      int before = capture.messages().size();
      TokenizeJob.run(spark, tokenizeSettings(), dir.resolve("curated/documents").toString(),
          dir.resolve("shards").toString());
      byJob.put("tokenize", RapidsExplain.parse(capture.messages().subList(before, capture.messages().size())));
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/rapids-explain.txt"), String.join("\n", capture.messages()));
    } finally {
      spark.stop();
      Thread.currentThread().setContextClassLoader(previous);
    }

    List<String> problems = new ArrayList<>();
    StringBuilder summary = new StringBuilder("RAPIDS 25.04.0 explain-only, curate (minhash sql) and tokenize plans:\n");
    Map<String, Integer> allowedUses = new TreeMap<>();
    for (Map.Entry<String, RapidsExplain> job : byJob.entrySet()) {
      RapidsExplain explain = job.getValue();
      if (explain.nodes().isEmpty()) {
        problems.add(job.getKey() + ": the plugin explained no plan (is it loaded?)");
      }
      summary.append(String.format("  %-8s operators on GPU %5.1f%% (%d of %d), expressions on GPU %5.1f%% (%d of %d)%n",
          job.getKey(), 100 * RapidsExplain.gpuShare(explain.operators()),
          explain.operators().stream().filter(RapidsExplain.Node::onGpu).count(), explain.operators().size(),
          100 * RapidsExplain.gpuShare(explain.expressions()),
          explain.expressions().stream().filter(RapidsExplain.Node::onGpu).count(), explain.expressions().size()));
      Map<String, Integer> fallbacks = new TreeMap<>();
      for (RapidsExplain.Node node : explain.rootCauses()) {
        FallbackAllowlist.Entry entry = allowlist.allowing(node);
        String key = "<" + node.name() + "> " + (entry == null ? node.reason() : "allowed: " + entry.why());
        fallbacks.merge(key, 1, Integer::sum);
        if (entry == null) {
          problems.add(job.getKey() + ": not on the allowlist: " + node);
        } else {
          allowedUses.merge(entry.toString(), 1, Integer::sum);
        }
      }
      fallbacks.forEach((k, n) -> summary.append(String.format("    %4d x %s%n", n, k)));
    }
    for (FallbackAllowlist.Entry entry : allowlist.entries()) {
      if (!allowedUses.containsKey(entry.toString())) {
        problems.add("allowlist entry matched no fallback (remove it): " + entry);
      }
    }
    System.out.print(summary);
    Files.writeString(Path.of("target/gpu-eligibility.txt"), summary + String.join("\n", problems) + "\n");
    if (!problems.isEmpty()) {
      fail(problems.size() + " problem(s):\n  " + String.join("\n  ", problems) + "\n" + summary);
    }
  }

  /**
   * The Spark settings of conf/rapids-gpu.conf, less the GPU resource requests (local mode has no
   * GPU to give a task; explain-only mode needs none), in explain-only mode.
   */
  private static SparkSession session(SparkSettings shipped) {
    SparkSession.Builder builder = SparkSession.builder()
        .master("local[2]")
        .appName("GpuEligibilityCheck")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4");
    shipped.conf().forEach((key, value) -> {
      if (!key.matches("spark\\.(executor|task|driver)\\.resource\\..*")) {
        builder.config(key, value);
      }
    });
    assertEquals("com.nvidia.spark.SQLPlugin", shipped.conf().get("spark.plugins"));
    return builder
        .config("spark.rapids.sql.mode", "explainOnly")
        .config("spark.rapids.sql.explain", "ALL")
        // 25.04.0 checks the GPU's architecture at start; there is none here.
        .config("spark.rapids.skipGpuArchitectureCheck", "true")
        // Without AQE each query is planned, and explained, once and whole.
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
  }

  /** Brown corpus texts that pass the quality filters, with an exact and two near copies. */
  private static Path corpus(Path dir) throws IOException {
    List<String> texts = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(Path.of("sample/corpus/brown.jsonl.gz"))), StandardCharsets.UTF_8))) {
      for (int i = 0; i < 8; i++) {
        texts.add(JSON.readTree(in.readLine()).get("text").asText());
      }
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      lines.add(line("brown-" + i, texts.get(i)));
    }
    lines.add(line("exact-copy-of-1", texts.get(1).toUpperCase()));
    lines.add(line("near-copy-of-2", nearCopy(texts.get(2))));
    lines.add(line("near-copy-of-3", nearCopy(texts.get(3))));
    lines.add(line("too-short", "Too short to be a document."));
    Path file = dir.resolve("in.jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private static String line(String id, String text) throws IOException {
    return JSON.writeValueAsString(Map.of("id", id, "text", text, "source", "brown"));
  }

  private static String nearCopy(String text) {
    String[] words = text.split(" ");
    for (int i = 50; i < words.length; i += 100) {
      words[i] = "changed" + i;
    }
    return String.join(" ", words);
  }


  private static TokenizeSettings tokenizeSettings() {
    ConfigSchema schema = TokenizeSettings.SCHEMA;
    SettingsReader reader = ConfigLayers.load(Optional.empty(), List.of("tokenize.tokenizer=\"tiktoken:r50k_base\"",
        "tokenize.seq-len=64", "tokenize.rows-per-shard=8", "tokenize.rows-per-row-group=4", "tokenize.pack-partitions=2"), schema).reader();
    TokenizeSettings settings = TokenizeSettings.read(reader);
    reader.finish();
    return settings;
  }
}
