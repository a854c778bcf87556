package dev.pretrain.tokenize.shards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Identifies a run's input without reading it: SHA-256 over every data file's path, size and
 * modification time (files and directories whose names start with {@code _} or {@code .}, which
 * Spark ignores, are skipped) and the settings that shape the output.
 */
final class InputFingerprint {
  private InputFingerprint() {}

  static String of(String inputDir, Configuration hadoop, String settings) throws IOException {
    Path root = new Path(inputDir);
    FileSystem fs = root.getFileSystem(hadoop);
    List<String> lines = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
    int rootDepth = fs.makeQualified(root).depth();
    while (files.hasNext()) {
      LocatedFileStatus f = files.next();
      if (!hidden(f.getPath(), rootDepth)) {
        lines.add(f.getPath() + "\t" + f.getLen() + "\t" + f.getModificationTime());
      }
    }
    lines.sort(null);
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    text.append("settings\t").append(settings).append('\n');
    return dev.pretrain.common.shards.ManifestFile.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
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
