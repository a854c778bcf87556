package dev.pretrain.common.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A job's output directory that readers see complete or not at all. Parts are written under a
 * hidden staging directory ({@code _staging-<run>/}, ignored by Spark and Hadoop readers because
 * of the underscore), moved into place on {@link #commit}, and {@code _SUCCESS} is written last:
 * its presence is what says the output is whole. A run that fails leaves no {@code _SUCCESS}.
 *
 * <p>{@link #begin} refuses an output that overlaps an input ({@link InputOverlap}) or is not this
 * job's ({@link OutputDirectory}) before anything is written or deleted.
 */
public final class AtomicOutput {
  public static final String SUCCESS = OutputDirectory.SUCCESS;

  private final FileSystem fs;
  private final Path output;
  private final OutputLayout layout;
  private final Path staging;
  private final String runId;
  private final Before before;

  /** What the output directory was before this run claimed it: what an aborted run restores. */
  private enum Before { ABSENT, EMPTY, OUTPUT }

  private AtomicOutput(FileSystem fs, Path output, OutputLayout layout, String runId, Before before) {
    this.fs = fs;
    this.output = output;
    this.layout = layout;
    this.runId = runId;
    this.before = before;
    this.staging = new Path(output, OutputDirectory.STAGING_PREFIX + runId);
  }

  /**
   * Prepares {@code output} for a run of {@code layout}'s job. A complete earlier output of the same
   * job is kept unless {@code overwrite} (losing a finished corpus to a typo costs hours); the debris
   * of its failed runs is cleared; any other non-empty directory is refused.
   *
   * @param inputs everything the job reads: the output may not be, hold or lie in any of them
   * @throws OutputRefused before anything is written or deleted
   */
  public static AtomicOutput begin(String output, OutputLayout layout, Collection<String> inputs, boolean overwrite,
      Configuration hadoop) throws IOException {
    if (!layout.atomic()) {
      throw new IllegalArgumentException(layout.job() + " does not write an atomic output");
    }
    InputOverlap.refuse(inputs, output, hadoop);
    Path dir = new Path(output);
    FileSystem fs = dir.getFileSystem(hadoop);
    Before before = !fs.exists(dir) ? Before.ABSENT
        : fs.isDirectory(dir) && fs.listStatus(dir).length == 0 ? Before.EMPTY : Before.OUTPUT;
    OutputDirectory.prepare(fs, dir, layout, overwrite);
    AtomicOutput out = new AtomicOutput(fs, dir, layout, UUID.randomUUID().toString(), before);
    fs.mkdirs(out.staging);
    return out;
  }

  /** Where to write part {@code name} (a directory or file) before the commit. */
  public String staged(String name) {
    return new Path(staging, name).toString();
  }

  /** The staging directory itself, for writers that fill a directory with several parts. */
  public String staging() {
    return staging.toString();
  }

  public String runId() {
    return runId;
  }

  /** Writes a small text file (a report, a manifest) into staging, as one part. */
  public void writeStagedText(String name, String text) throws IOException {
    writeStaged(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a small file into staging, as one part. */
  public void writeStaged(String name, byte[] bytes) throws IOException {
    try (OutputStream out = fs.create(new Path(staging, name), true)) {
      out.write(bytes);
    }
  }

  /** Moves every part into place, then writes {@code _SUCCESS} and removes the staging directory. */
  public void commit(List<String> parts) throws IOException {
    for (String part : parts) {
      String top = part.contains("/") ? part.substring(0, part.indexOf('/')) : part;
      if (!layout.isPart(top)) {
        throw new IllegalStateException(part + " is not a part of a " + layout.job() + " output (a bug)");
      }
      if (!fs.exists(new Path(staging, part))) {
        throw new IllegalStateException("cannot commit " + output + ": part " + part + " was never written");
      }
      if (fs.exists(new Path(output, part))) {
        // Prepare cleared every part of an earlier run; this one appeared since (another writer?).
        throw new IllegalStateException("cannot commit " + output + ": " + part + " appeared there during the run");
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

  /**
   * Removes what this run staged; the output stays without {@code _SUCCESS}. A directory this run
   * created (or found empty) is put back as it was, so a run that fails at once (an input that
   * matches no files) leaves nothing behind; its marker goes only if nothing else appeared beside it.
   */
  public void abort() {
    try {
      fs.delete(staging, true);
      if (before != Before.OUTPUT && onlyTheMarkerIsLeft()) {
        fs.delete(new Path(output, OutputDirectory.MARKER), false);
        if (before == Before.ABSENT) {
          fs.delete(output, false);
        }
      }
    } catch (IOException ignored) {
      // The staging directory is hidden and removed by the next run's begin().
    }
  }

  private boolean onlyTheMarkerIsLeft() throws IOException {
    FileStatus[] left = fs.listStatus(output);
    return left.length == 1 && left[0].getPath().getName().equals(OutputDirectory.MARKER);
  }

  /** True if {@code dir} holds a complete output. */
  public static boolean isComplete(String dir, Configuration hadoop) throws IOException {
    Path path = new Path(dir);
    return path.getFileSystem(hadoop).exists(new Path(path, SUCCESS));
  }
}
