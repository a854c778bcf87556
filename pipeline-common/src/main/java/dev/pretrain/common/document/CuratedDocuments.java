package dev.pretrain.common.document;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Where the documents of a curate output are: the jobs that read them accept the output or its {@code documents/}. */
public final class CuratedDocuments {
  private CuratedDocuments() {}

  public static final String DIR = "documents";

  /** {@code input}'s {@code documents/} directory if it has one, else {@code input} itself. */
  public static String in(String input, Configuration hadoop) throws IOException {
    Path documents = new Path(input, DIR);
    FileSystem fs = documents.getFileSystem(hadoop);
    return fs.isDirectory(documents) ? documents.toString() : input;
  }
}
