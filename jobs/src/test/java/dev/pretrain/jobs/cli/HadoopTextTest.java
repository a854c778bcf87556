package dev.pretrain.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Hadoop path for --conf (used for s3a://, gs://, hdfs://), exercised on Hadoop's local file system. */
class HadoopTextTest {
  @Test
  void readsATextFileThroughHadoopFileSystems(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("job.conf");
    Files.writeString(conf, "spark.app-name = \"caf\u00e9\"\n");
    assertEquals("spark.app-name = \"caf\u00e9\"\n", HadoopText.read(conf.toUri().toString()));
  }

  @Test
  void aMissingFileIsNoSuchFile(@TempDir Path dir) {
    String missing = dir.resolve("missing.conf").toUri().toString();
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> HadoopText.read(missing));
    assertEquals(missing, e.getMessage());
  }
}
