package dev.pretrain.common.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A job's output directory that readers see complete or not at all. Parts are written under a
 * hidden staging directory ({@code _staging-<run>/}, ignored by Spark and Hadoop readers because
 * of the underscore), moved into place on {@link #commit}, and {@code _SUCCESS} is written last:
 * its presence is what says the output is whole. A run that fails leaves no {@code _SUCCESS}.
 */
public final class AtomicOutput {
  public static final String SUCCESS = "_SUCCESS";

  private final FileSystem fs;
  private final Path output;
  private final Path staging;
  private final String runId;

  private AtomicOutput(FileSystem fs, Path output, String runId) {
    this.fs = fs;
    this.output = output;
    this.runId = runId;
    this.staging = new Path(output, "_staging-" + runId);
  }

  /**
   * Prepares {@code output}. A complete earlier output is kept unless {@code overwrite}: losing a
   * finished corpus to a typo costs hours. An incomplete one (no {@code _SUCCESS}) is debris of a
   * failed run and is removed.
   */
  public static AtomicOutput begin(String output, boolean overwrite, Configuration hadoop) throws IOException {
    Path dir = new Path(output);
    FileSystem fs = dir.getFileSystem(hadoop);
    if (fs.exists(new Path(dir, SUCCESS)) && !overwrite) {
      throw new IllegalArgumentException("output " + output + " already holds a complete run (it has " + SUCCESS
          + "); choose a new directory or pass --overwrite");
    }
    if (fs.exists(dir)) {
      if (!fs.getFileStatus(dir).isDirectory()) {
        throw new IllegalArgumentException("output " + output + " is a file, not a directory");
      }
      fs.delete(dir, true);
    }
    fs.mkdirs(dir);
    AtomicOutput out = new AtomicOutput(fs, dir, UUID.randomUUID().toString());
    fs.mkdirs(out.staging);
    return out;
  }

  /** Where to write part {@code name} (a directory or file) before the commit. */
  public String staged(String name) {
    return new Path(staging, name).toString();
  }

  public String runId() {
    return runId;
  }

  /** Writes a small text file (a report, a manifest) into staging, as one part. */
  public void writeStagedText(String name, String text) throws IOException {
    try (OutputStream out = fs.create(new Path(staging, name), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Moves every part into place, then writes {@code _SUCCESS} and removes the staging directory. */
  public void commit(List<String> parts) throws IOException {
    for (String part : parts) {
      Path from = new Path(staging, part);
      if (!fs.exists(from)) {
        throw new IllegalStateException("cannot commit " + output + ": part " + part + " was never written");
      }
    }
    for (String part : parts) {
      Path to = new Path(output, part);
      if (to.getParent() != null) {
        fs.mkdirs(to.getParent());
      }
      if (!fs.rename(new Path(staging, part), to)) {
        throw new IOException("cannot move " + new Path(staging, part) + " to " + to);
      }
    }
    try (OutputStream out = fs.create(new Path(output, SUCCESS), true)) {
      out.write(("{\"run_id\":\"" + runId + "\"}\n").getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(staging, true);
  }

  /** Removes what this run staged; the output stays without {@code _SUCCESS}. */
  public void abort() {
    try {
      fs.delete(staging, true);
    } catch (IOException ignored) {
      // The staging directory is hidden and removed by the next run's begin().
    }
  }

  /** True if {@code dir} holds a complete output. */
  public static boolean isComplete(String dir, Configuration hadoop) throws IOException {
    Path path = new Path(dir);
    return path.getFileSystem(hadoop).exists(new Path(path, SUCCESS));
  }
}
