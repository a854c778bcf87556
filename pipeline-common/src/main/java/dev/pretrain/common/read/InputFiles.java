package dev.pretrain.common.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Expands the inputs a user gives (files, directories, globs; local, s3a://, gs://, hdfs://) into
 * a sorted list of files. Directories are read recursively; hidden files ({@code _SUCCESS},
 * {@code .crc}) are skipped, as Spark and Hadoop do.
 */
public final class InputFiles {
  private InputFiles() {}

  public static List<InputFile> list(List<String> inputs, InputFormat format, Configuration hadoop) throws IOException {
    TreeMap<String, InputFile> files = new TreeMap<>();
    for (String input : inputs) {
      Path pattern = new Path(input);
      FileSystem fs = pattern.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(pattern);
      if (matches == null || matches.length == 0) {
        throw new InputNotFound("input " + input + " matches no files");
      }
      int before = files.size();
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
          while (it.hasNext()) {
            add(files, it.next(), format);
          }
        } else {
          add(files, match, format);
        }
      }
      if (files.size() == before && matches.length > 0 && allDirectories(matches)) {
        throw new IllegalArgumentException("input " + input + " holds no readable files");
      }
    }
    return new ArrayList<>(files.values());
  }

  private static boolean allDirectories(FileStatus[] statuses) {
    for (FileStatus status : statuses) {
      if (!status.isDirectory()) {
        return false;
      }
    }
    return true;
  }

  private static void add(TreeMap<String, InputFile> files, FileStatus status, InputFormat format) {
    String name = status.getPath().getName();
    if (name.startsWith("_") || name.startsWith(".") || isHiddenDirectory(status.getPath())) {
      return;
    }
    String path = status.getPath().toString();
    files.put(path, new InputFile(path, format == InputFormat.AUTO ? InputFormat.detect(name) : format, status.getLen()));
  }

  /** A file under a directory such as {@code _temporary/} is not data. */
  private static boolean isHiddenDirectory(Path path) {
    for (Path p = path.getParent(); p != null && !p.isRoot(); p = p.getParent()) {
      if (p.getName().startsWith("_temporary")) {
        return true;
      }
    }
    return false;
  }
}
