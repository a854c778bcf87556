package dev.pretrain.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.pretrain.jobs.Pipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume} reads the run's config.conf with the Hadoop settings of the user's
 * {@code --conf} (such as conf/s3a.conf's endpoint and credentials provider), not only with
 * spark-submit's properties: otherwise a run on s3a:// could not resume with its conf file alone.
 */
class ResumeHadoopSettingsTest {

  @Test
  void theRunsSettingsAreReadWithTheConfFilesHadoopSettings(@TempDir Path dir) throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("config.conf"), "train { max-steps = 77 }\n");
    Path conf = dir.resolve("hadoop.conf");
    Files.writeString(conf, "spark.conf {\n"
        + "  \"spark.hadoop.fs.file.impl\" = \"" + RecordingFileSystem.class.getName() + "\"\n"
        + "  \"spark.hadoop.fs.file.impl.disable.cache\" = \"true\"\n"
        + "}\n");
    RecordingFileSystem.OPENED.clear();

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Pipeline.execute(new String[] {"train", "--resume", "--out", run.toString(), "--conf", conf.toString(),
        "--print-config"}, new PrintWriter(out, true), new PrintWriter(err, true));

    assertEquals(0, code, err.toString());
    Config printed = ConfigFactory.parseString(out.toString());
    assertEquals(77, printed.getInt("train.max-steps"), "the run's own settings are the base");
    assertTrue(RecordingFileSystem.OPENED.contains(run.resolve("config.conf").toString()),
        "read through the --conf file's fs.file.impl: " + RecordingFileSystem.OPENED);
  }
}
