package dev.pretrain.common.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A single file a job writes at a path the user gives (train-tokenizer's {@code tokenizer.json},
 * train-classifier's model and its report), on any Hadoop file system. What
 * {@link AtomicOutput} is for an output directory: {@link #claim} refuses, before anything is read,
 * to replace a file without {@code --overwrite}, and ever to replace a file this job would not have
 * written (a mistyped path must not cost a user their data); {@link #write} writes under a hidden
 * temporary name beside the target and renames it into place, so a reader never sees half a file.
 *
 * @param command the job, for messages ({@code train-tokenizer})
 * @param exampleName a file name to suggest when the path is a directory ({@code tokenizer.json})
 * @param kind what this job's file is, for messages ({@code a tokenizer.json (no "model" object)})
 * @param ours recognizes a file of that kind, the only kind an overwrite may replace
 */
public record OutputFile(String command, String exampleName, String kind, Recognizer ours) {

  /** Whether an existing file is one this job writes (read from its content, never its name alone). */
  @FunctionalInterface
  public interface Recognizer {
    boolean recognizes(FileSystem fs, Path path) throws IOException;
  }

  /** What a file holds, written to its stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Checks that {@code path} may be written.
   *
   * @throws OutputRefused when it is a directory, exists without {@code overwrite}, or exists and is not this job's
   */
  public void claim(FileSystem fs, Path path, boolean overwrite) throws IOException {
    if (!fs.exists(path)) {
      return;
    }
    if (fs.getFileStatus(path).isDirectory()) {
      throw new OutputRefused("output " + path + " is a directory; " + command + " writes one file there, e.g. "
          + new Path(path, exampleName));
    }
    if (!overwrite) {
      throw new OutputRefused("output " + path + " already exists; pass --overwrite to replace it");
    }
    if (!ours.recognizes(fs, path)) {
      throw new OutputRefused("output " + path + " exists and is not " + kind
          + "; it is never replaced, with or without --overwrite. Choose another path.");
    }
  }

  /**
   * Writes {@code target} atomically. It deletes only the temporary file it created and the target,
   * which {@link #claim} has let it replace.
   */
  public static void write(FileSystem fs, Path target, Content content) throws IOException {
    Path dir = target.getParent();
    if (dir != null) {
      fs.mkdirs(dir);
    }
    Path tmp = new Path(dir, "." + target.getName() + "-" + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = fs.create(tmp, false)) {
        content.writeTo(out);
      }
      if (fs.exists(target) && !fs.delete(target, false)) {
        throw new IOException("cannot replace " + target);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
    } finally {
      fs.delete(tmp, false);
    }
  }
}
