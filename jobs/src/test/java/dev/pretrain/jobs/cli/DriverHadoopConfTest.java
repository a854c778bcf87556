package dev.pretrain.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class DriverHadoopConfTest {

  private static SparkSettings spark(Path confFile) throws IOException {
    SettingsReader reader = ConfigLayers.load(Optional.of(new ConfigSource(confFile.toString(),
        Files.readString(confFile))), List.of(), SparkSettings.SCHEMA).reader();
    SparkSettings settings = SparkSettings.read(reader);
    reader.finish();
    return settings;
  }

  /** Single-process training reads and writes s3a:// with the settings a Spark session would get. */
  @Test
  void theS3aConfFilesHadoopSettingsReachTheDriversConfiguration() throws IOException {
    Configuration hadoop = DriverHadoopConf.create(spark(Path.of("../conf/s3a.conf")));
    assertEquals("com.amazonaws.auth.DefaultAWSCredentialsProviderChain",
        hadoop.get("fs.s3a.aws.credentials.provider"));
    assertEquals("64", hadoop.get("fs.s3a.threads.max"));
    assertNull(hadoop.get("sql.shuffle.partitions"), "only spark.hadoop.* keys are Hadoop's");
  }

  @Test
  void sparkSubmitsConfWinsOverTheFile() throws IOException {
    System.setProperty("spark.hadoop.fs.s3a.threads.max", "8");
    try {
      assertEquals("8", DriverHadoopConf.create(spark(Path.of("../conf/s3a.conf"))).get("fs.s3a.threads.max"));
    } finally {
      System.clearProperty("spark.hadoop.fs.s3a.threads.max");
    }
  }
}
