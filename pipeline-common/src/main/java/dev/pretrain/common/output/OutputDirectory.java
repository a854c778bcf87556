package dev.pretrain.common.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Decides whether a job may write into a directory, and clears only what the job provably wrote.
 * A job writes the marker {@value #MARKER} into its output before anything else; a directory is the
 * job's own if it carries that marker naming the job, or, for outputs written before the marker
 * existed, if every entry in it is one the job writes and its signature entry is there (see
 * {@link OutputLayout#signature()}). Anything else that is not empty is refused, never cleared, and
 * entries that are not the job's parts are never deleted, even in its own directory. Names starting
 * with a dot ({@code .DS_Store}, checksum files) are neither counted nor touched.
 */
public final class OutputDirectory {
  /** Written first into every output; its presence says "this pipeline's job wrote here". */
  public static final String MARKER = "_PIPELINE";
  /** Written last into an atomic output; its presence says the output is complete. */
  public static final String SUCCESS = "_SUCCESS";
  static final String STAGING_PREFIX = "_staging-";
  private static final int NAMES_IN_MESSAGE = 5;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private OutputDirectory() {}

  /**
   * Makes {@code dir} ready for a job that replaces its output: creates it (or claims an empty one),
   * clears the debris of a failed run of the same job, and replaces a complete earlier output only
   * with {@code replace}.
   *
   * @throws OutputRefused for a file, a foreign non-empty directory, another job's output, or a
   *     complete output without {@code replace}
   */
  public static void prepare(FileSystem fs, Path dir, OutputLayout layout, boolean replace) throws IOException {
    Found found = inspect(fs, dir, layout);
    if (found.owned()) {
      boolean complete = !layout.atomic() || found.names().contains(SUCCESS);
      if (complete && !replace) {
        throw new OutputRefused("output " + dir + " already holds a complete " + layout.job()
            + " output; choose a new directory, or pass --overwrite to replace it");
      }
      clear(fs, dir, layout, found.names());
    }
    claim(fs, dir, layout, found);
  }

  /**
   * Makes {@code dir} ready for a job that adds to it (a training run, a versioned corpus): creates
   * it, claims an empty one, or accepts one this job wrote. Deletes nothing.
   *
   * @return true if the directory already held this job's output
   */
  public static boolean adopt(FileSystem fs, Path dir, OutputLayout layout) throws IOException {
    Found found = inspect(fs, dir, layout);
    claim(fs, dir, layout, found);
    return found.owned();
  }

  /**
   * Removes an output of {@code layout}'s job that turned out not to be wanted: its parts, its
   * marker, and the directory itself if nothing else is left in it. A directory that is not provably
   * the job's is left alone.
   */
  public static void remove(FileSystem fs, Path dir, OutputLayout layout) throws IOException {
    if (!isOwned(fs, dir, layout)) {
      return;
    }
    Found found = inspect(fs, dir, layout);
    clear(fs, dir, layout, found.names());
    fs.delete(new Path(dir, MARKER), false);
    if (fs.listStatus(dir).length == 0) {
      fs.delete(dir, false);
    }
  }

  /** True if {@code dir} exists and is provably an output of {@code layout}'s job; never throws for a foreign one. */
  public static boolean isOwned(FileSystem fs, Path dir, OutputLayout layout) throws IOException {
    try {
      return inspect(fs, dir, layout).owned();
    } catch (OutputRefused e) {
      return false;
    }
  }

  /** What a directory holds, and whether it is the job's. */
  private record Found(boolean exists, boolean owned, boolean marked, List<String> names) {}

  private static Found inspect(FileSystem fs, Path dir, OutputLayout layout) throws IOException {
    FileStatus status;
    try {
      status = fs.getFileStatus(dir);
    } catch (FileNotFoundException e) {
      return new Found(false, false, false, List.of());
    }
    if (!status.isDirectory()) {
      throw new OutputRefused("output " + dir + " is a file, not a directory; nothing was written or deleted");
    }
    List<String> names = new ArrayList<>();
    for (FileStatus entry : fs.listStatus(dir)) {
      String name = entry.getPath().getName();
      if (!name.startsWith(".")) {
        names.add(name);
      }
    }
    names.sort(null);
    if (names.contains(MARKER)) {
      String job = markerJob(fs, new Path(dir, MARKER));
      if (!layout.job().equals(job)) {
        throw new OutputRefused("output " + dir + " holds " + (job == null ? "an unreadable " + MARKER + " marker"
            : "the output of the pipeline's " + job + " job") + ", not of " + layout.job()
            + "; choose another directory (nothing was written or deleted)");
      }
      return new Found(true, true, true, names);
    }
    if (names.isEmpty()) {
      return new Found(true, false, false, names);
    }
    if (writtenBeforeMarkers(names, layout)) {
      return new Found(true, true, false, names);
    }
    List<String> shown = names.subList(0, Math.min(NAMES_IN_MESSAGE, names.size()));
    throw new OutputRefused("output " + dir + " is not empty and is not an output of the pipeline's " + layout.job()
        + " job (it holds " + String.join(", ", shown) + (names.size() > shown.size() ? " and "
        + (names.size() - shown.size()) + " more" : "") + "): it is never cleared, with or without --overwrite."
        + " Choose a new or empty directory; nothing was written or deleted.");
  }

  /** Every entry is one the job writes, and the job's signature (or a staging directory) is there. */
  private static boolean writtenBeforeMarkers(List<String> names, OutputLayout layout) {
    boolean signed = false;
    for (String name : names) {
      boolean staging = layout.atomic() && name.startsWith(STAGING_PREFIX);
      if (!staging && !name.equals(SUCCESS) && !layout.isPart(name)) {
        return false;
      }
      signed |= staging || name.equals(layout.signature());
    }
    return signed;
  }

  private static String markerJob(FileSystem fs, Path marker) throws IOException {
    try (InputStream in = fs.open(marker)) {
      JsonNode job = JSON.readTree(in).get("job");
      return job != null && job.isTextual() ? job.asText() : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  /** Removes {@code _SUCCESS} first (the output stops claiming to be whole), then the job's parts and staging. */
  private static void clear(FileSystem fs, Path dir, OutputLayout layout, List<String> names) throws IOException {
    if (names.contains(SUCCESS)) {
      fs.delete(new Path(dir, SUCCESS), false);
    }
    for (String name : names) {
      if (layout.isPart(name) || (layout.atomic() && name.startsWith(STAGING_PREFIX))) {
        fs.delete(new Path(dir, name), true);
      }
    }
  }

  private static void claim(FileSystem fs, Path dir, OutputLayout layout, Found found) throws IOException {
    if (!found.exists()) {
      fs.mkdirs(dir);
    }
    if (found.marked()) {
      return;
    }
    Map<String, Object> marker = new LinkedHashMap<>();
    marker.put("written_by", "pretrain-pipeline");
    marker.put("job", layout.job());
    marker.put("note", "This directory is an output of the pipeline's " + layout.job() + " job. A later run of that"
        + " job may replace the entries it writes here (and nothing else).");
    marker.put("parts", layout.names());
    if (!layout.patterns().isEmpty()) {
      marker.put("part_patterns", layout.patterns().stream().map(java.util.regex.Pattern::pattern).toList());
    }
    try (OutputStream out = fs.create(new Path(dir, MARKER), true)) {
      out.write(JSON.writeValueAsBytes(marker));
    }
  }
}
