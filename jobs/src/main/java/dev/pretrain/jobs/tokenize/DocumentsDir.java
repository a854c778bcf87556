package dev.pretrain.jobs.tokenize;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Accepts either a curate output directory or its {@code documents/} directory. */
final class DocumentsDir {
  private DocumentsDir() {}

  static String of(String input, Configuration hadoop) throws IOException {
    Path documents = new Path(input, "documents");
    FileSystem fs = documents.getFileSystem(hadoop);
    return fs.isDirectory(documents) ? documents.toString() : input;
  }
}
