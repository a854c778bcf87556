package dev.pretrain.jobs.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import dev.pretrain.trainer.TrainSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-platform Spark settings in conf/, and the S3A settings' promises (committer, no keys in files). */
class ClusterConfFilesTest {
  private static final Path CONF = ScriptRun.HOME.resolve("conf");

  @ParameterizedTest
  @ValueSource(strings = {"spark-defaults-emr.properties", "spark-defaults-emr-serverless.properties",
      "spark-defaults-dataproc.properties"})
  void platformSparkDefaultsAreSparkKeysWithValuesTheWrappersCanCarry(String name) throws IOException {
    List<String> settings = Files.readAllLines(CONF.resolve(name)).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
    assertTrue(settings.size() >= 5, name + " looks empty");
    for (String line : settings) {
      // No spaces or commas in values: EMR Serverless splits on spaces, gcloud on commas.
      assertTrue(line.matches("spark\\.[A-Za-z0-9.-]+\\s+[^\\s,]+"), name + ": not 'spark.key value': " + line);
    }
  }

  @Test
  void s3aConfBindsSparkToTheMagicCommitterAndTakesCredentialsOnlyFromTheProviderChain() throws IOException {
    Map<String, String> conf = sparkConf(CONF.resolve("s3a.conf"));
    assertEquals("org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
        conf.get("spark.sql.sources.commitProtocolClass"));
    assertEquals("org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter",
        conf.get("spark.sql.parquet.output.committer.class"));
    assertEquals("magic", conf.get("spark.hadoop.fs.s3a.committer.name"));
    assertEquals("com.amazonaws.auth.DefaultAWSCredentialsProviderChain",
        conf.get("spark.hadoop.fs.s3a.aws.credentials.provider"));
  }

  @Test
  void noShippedConfigurationHoldsCredentials() throws IOException {
    try (Stream<Path> files = Files.list(CONF)) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          String setting = line.strip().toLowerCase(Locale.ROOT);
          if (setting.startsWith("#")) {
            continue;
          }
          for (String secret : List.of("access.key", "secret.key", "session.token", "aws_secret", "awsaccesskeyid")) {
            assertFalse(setting.contains(secret), file.getFileName() + " sets a credential: " + line);
          }
        }
      }
    }
  }

  /**
   * The committer classes s3a.conf names are loadable and of the kind each setting takes: a
   * misspelt or missing class fails only at the first write on a cluster. spark-hadoop-cloud's
   * binding goes into the cluster jar (ClusterJarCheck); hadoop-aws's factory is the cluster's.
   */
  @Test
  void s3aConfNamesCommitterClassesThatExistAndFitTheirSettings() throws Exception {
    Map<String, String> conf = sparkConf(CONF.resolve("s3a.conf"));
    assertKindOf(org.apache.spark.internal.io.FileCommitProtocol.class,
        conf.get("spark.sql.sources.commitProtocolClass"));
    assertKindOf(org.apache.parquet.hadoop.ParquetOutputCommitter.class,
        conf.get("spark.sql.parquet.output.committer.class"));
    assertKindOf(org.apache.hadoop.mapreduce.lib.output.PathOutputCommitterFactory.class,
        conf.get("spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a"));
  }

  private static void assertKindOf(Class<?> kind, String className) throws ClassNotFoundException {
    Class<?> named = Class.forName(className, false, ClusterConfFilesTest.class.getClassLoader());
    assertTrue(kind.isAssignableFrom(named), className + " is not a " + kind.getName());
  }

  /** The Spark settings the pipeline itself reads from a HOCON file's spark.conf section. */
  static Map<String, String> sparkConf(Path file) throws IOException {
    ConfigSchema all = SparkSettings.SCHEMA.plus(CurateSettings.SCHEMA).plus(TrainTokenizerSettings.SCHEMA)
        .plus(TokenizeSettings.SCHEMA).plus(TrainSettings.SCHEMA);
    return new TreeMap<>(SparkSettings.read(ConfigLayers.load(
        Optional.of(new ConfigSource(file.toString(), Files.readString(file))), List.of(), all).reader()).conf());
  }

  /** What the wrappers' bash reader makes of the same file's spark.conf section. */
  private static Map<String, String> wrapperReading(Path file) {
    ScriptRun run = ScriptRun.shell("prog=test; source jobs/submit/lib/common.sh; hocon_spark_conf_settings '"
        + file + "'");
    assertEquals(0, run.exitCode(), run.err());
    Map<String, String> settings = new TreeMap<>();
    for (String line : run.out().split("\n")) {
      if (!line.isEmpty()) {
        int eq = line.indexOf('=');
        settings.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return settings;
  }

  @Test
  void wrappersReadAGpuConfTheWayThePipelineDoes(@TempDir Path dir) throws IOException {
    Path fixture = SubmitWrappersTest.writeGpuConf(dir);
    assertEquals(sparkConf(fixture), wrapperReading(fixture));
    assertEquals(4, wrapperReading(fixture).size());
  }

  @Test
  void wrappersReadTheShippedRapidsGpuConfTheWayThePipelineDoes() throws IOException {
    Path shipped = CONF.resolve("rapids-gpu.conf");
    Assumptions.assumeTrue(Files.exists(shipped), "conf/rapids-gpu.conf is not in this tree yet");
    Map<String, String> pipeline = sparkConf(shipped);
    assertTrue(pipeline.containsKey("spark.plugins"), "rapids-gpu.conf sets no spark.plugins: " + pipeline);
    assertEquals(pipeline, wrapperReading(shipped));
  }
}
