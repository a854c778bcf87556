package dev.pretrain.common.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Identifies a job's input without reading it: SHA-256 over every data file's path, size and
 * modification time, plus the settings that shape the output. Inputs may be files, directories
 * (listed recursively) or globs; files and directories whose names start with {@code _} or
 * {@code .}, which Spark ignores, are skipped. Terabytes are fingerprinted by one listing.
 */
public final class InputFingerprint {
  private InputFingerprint() {}

  public static String of(List<String> inputs, Configuration hadoop, String settings) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String input : inputs) {
      Path pattern = new Path(input);
      FileSystem fs = pattern.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(pattern);
      if (matches == null || matches.length == 0) {
        throw new IllegalArgumentException("input " + input + " matches no file");
      }
      for (FileStatus match : matches) {
        list(fs, match, lines);
      }
    }
    lines.sort(null);
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    text.append("settings\t").append(settings).append('\n');
    return Sha256.hex(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void list(FileSystem fs, FileStatus match, List<String> lines) throws IOException {
    if (!match.isDirectory()) {
      lines.add(line(match));
      return;
    }
    int rootDepth = match.getPath().depth();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(match.getPath(), true);
    while (files.hasNext()) {
      LocatedFileStatus f = files.next();
      if (!hidden(f.getPath(), rootDepth)) {
        lines.add(line(f));
      }
    }
  }

  private static String line(FileStatus f) {
    return f.getPath() + "\t" + f.getLen() + "\t" + f.getModificationTime();
  }

  private static boolean hidden(Path path, int rootDepth) {
    for (Path p = path; p != null && p.depth() > rootDepth; p = p.getParent()) {
      if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
