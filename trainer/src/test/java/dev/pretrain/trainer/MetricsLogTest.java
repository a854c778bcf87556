package dev.pretrain.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

  @TempDir
  Path run;

  private RunDirectory directory() {
    return RunDirectory.existing(new org.apache.hadoop.fs.Path(run.toString()), new Configuration());
  }

  private static Map<String, Object> line(String unit, long count, long step, double loss) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put(unit, count);
    if (!unit.equals("step")) {
      line.put("step", step);
    }
    line.put("loss", loss);
    return line;
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(run.resolve(MetricsLog.FILE_NAME));
  }

  @Test
  void eachLineIsInTheFileWhenLoggedWithItsFieldsInOrder() throws IOException {
    try (MetricsLog log = directory().metrics(0)) {
      log.log(line("step", 1, 1, 6.5));
      assertEquals(List.of("{\"step\":1,\"loss\":6.5}"), lines());
      log.log(line("round", 1, 4, 6.25));
      assertEquals(List.of("{\"step\":1,\"loss\":6.5}", "{\"round\":1,\"step\":4,\"loss\":6.25}"), lines());
    }
  }

  @Test
  void aResumedRunKeepsTheLinesThroughItsCheckpointsStepAndAFreshOneNone() throws IOException {
    try (MetricsLog log = directory().metrics(0)) {
      for (int round = 1; round <= 3; round++) {
        log.log(line("round", round, 5L * round, 7 - round));
      }
    }
    try (MetricsLog log = directory().metrics(10)) {
      assertEquals(2, lines().size());
      log.log(line("round", 3, 15, 3.5));
    }
    assertEquals(List.of("{\"round\":1,\"step\":5,\"loss\":6.0}", "{\"round\":2,\"step\":10,\"loss\":5.0}",
        "{\"round\":3,\"step\":15,\"loss\":3.5}"), lines());
    directory().metrics(0).close();
    assertEquals(List.of(), lines());
  }
}
