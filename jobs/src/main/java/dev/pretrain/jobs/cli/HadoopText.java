package dev.pretrain.jobs.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Reads a small text file through Hadoop's file systems, so a cluster job can take its
 * {@code --conf} from object storage before any Spark session exists.
 */
final class HadoopText {
  private HadoopText() {}

  static String read(String location) throws IOException {
    Configuration hadoop = DriverHadoopConf.create();
    URI uri = URI.create(location);
    FileSystem fs = FileSystem.get(uri, hadoop);
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      throw new NoSuchFileException(location);
    }
  }
}
