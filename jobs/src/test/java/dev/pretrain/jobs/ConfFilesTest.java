package dev.pretrain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.classify.train.TrainClassifierSettings;
import dev.pretrain.common.config.ConfigLayers;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.ConfigSource;
import dev.pretrain.common.config.SettingsReader;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.jobs.refresh.RefreshSettings;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.distributed.DilocoSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps conf/ in step with the code: every shipped config file is valid for every command. */
class ConfFilesTest {
  private static final Path CONF = Path.of("..", "conf");

  static Stream<Path> hoconFiles() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(CONF)) {
      files = list.filter(p -> p.toString().endsWith(".conf") && !p.endsWith("spark-defaults.conf")).sorted().toList();
    }
    assertTrue(files.size() >= 3, "expected local.conf, emr.conf, dataproc.conf in " + CONF.toAbsolutePath());
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("hoconFiles")
  void shippedConfigIsAcceptedByEveryCommand(Path file) {
    for (String[] command : List.of(
        new String[] {"curate", "--input", "i", "--output", "o"},
        new String[] {"train", "--data", "d", "--out", "o"},
        new String[] {"sample", "--checkpoint", "c", "--prompt", "p"},
        new String[] {"export", "--checkpoint", "c", "--output", "o"},
        new String[] {"export-tokens", "--data", "d", "--format", "nanogpt", "--output", "o"},
        new String[] {"train-classifier", "--positive", "p", "--negative", "n", "--output", "o"},
        new String[] {"quickstart"})) {
      String[] args = Stream.concat(Stream.of(command), Stream.of("--conf", file.toString(), "--print-config"))
          .toArray(String[]::new);
      CommandLineRun run = CommandLineRun.of(args);
      assertEquals(0, run.exitCode(), file + " with " + command[0] + ":\n" + run.err());
    }
  }

  @ParameterizedTest
  @MethodSource("hoconFiles")
  void shippedConfigGivesValidTypedSettingsForEveryStage(Path file) throws IOException {
    ConfigSchema all = SparkSettings.SCHEMA.plus(CurateSettings.SCHEMA).plus(TrainTokenizerSettings.SCHEMA)
        .plus(TokenizeSettings.SCHEMA).plus(TrainSettings.SCHEMA).plus(RefreshSettings.SCHEMA)
        .plus(TrainClassifierSettings.SCHEMA);
    SettingsReader reader = ConfigLayers.load(
        Optional.of(new ConfigSource(file.toString(), Files.readString(file))), List.of(), all).reader();
    SparkSettings.read(reader);
    CurateSettings.read(reader);
    TrainTokenizerSettings.read(reader);
    TokenizeSettings.read(reader);
    TrainSettings.read(reader);
    DilocoSettings.read(reader);
    RefreshSettings.read(reader);
    TrainClassifierSettings.read(reader);
    reader.finish();
  }

  @Test
  void sparkDefaultsIsAPropertiesFileOfSparkKeys() throws IOException {
    List<String> settings = Files.readAllLines(CONF.resolve("spark-defaults.conf")).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
    assertTrue(settings.size() >= 5, "spark-defaults.conf looks empty");
    for (String line : settings) {
      assertTrue(line.matches("spark\\.[A-Za-z0-9.]+\\s+\\S.*"), "not 'spark.key value': " + line);
    }
  }
}
