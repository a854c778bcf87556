package dev.pretrain.jobs.refresh;

import dev.pretrain.common.output.OutputDirectory;
import dev.pretrain.common.output.OutputLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * A versioned corpus on any Hadoop file system: {@code v0001/}, {@code v0002/}, ... and a
 * {@code CURRENT} file naming the version readers should use. {@code CURRENT} is replaced in one
 * step after a version is complete, so readers never see a half-made version. The root and each
 * version carry the pipeline's marker: a root or a version directory that refresh did not create is
 * refused, never cleared.
 */
final class CorpusRoot {
  static final String CURRENT = "CURRENT";
  private static final String VERSION_PATTERN = "v\\d{4,}";
  private static final Pattern VERSION = Pattern.compile(VERSION_PATTERN);
  private static final String PUBLISHING = "_" + CURRENT + "-";

  /** The root: versions and the CURRENT pointer (and, briefly, the pointer's next value). */
  static final OutputLayout LAYOUT = OutputLayout.growing("refresh", List.of(CURRENT),
      List.of(VERSION_PATTERN, Pattern.quote(PUBLISHING) + ".*"), CURRENT);
  /** One version: what {@link RefreshJob} writes into it. */
  static final OutputLayout VERSION_LAYOUT = OutputLayout.growing("refresh-version",
      List.of(RefreshJob.CURATED, RefreshJob.SHARDS, RefreshJob.TOKENIZER, VersionRecord.FILE_NAME), List.of(),
      RefreshJob.CURATED);

  private final Configuration hadoop;
  private final FileSystem fs;
  private final Path root;

  /** Opens the corpus at {@code root}, creating it (or claiming an empty directory) on the first refresh. */
  CorpusRoot(String root, Configuration hadoop) throws IOException {
    this.hadoop = hadoop;
    this.root = new Path(root);
    this.fs = this.root.getFileSystem(hadoop);
    OutputDirectory.adopt(fs, this.root, LAYOUT);
  }

  /** The published version, if any; a {@code CURRENT} that names a missing version is an error. */
  Optional<String> current() throws IOException {
    Path pointer = new Path(root, CURRENT);
    if (!fs.exists(pointer)) {
      return Optional.empty();
    }
    String name;
    try (InputStream in = fs.open(pointer)) {
      name = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    if (!VERSION.matcher(name).matches()) {
      throw new IllegalStateException(pointer + " should name a version like v0001, but holds \"" + name + "\"");
    }
    if (!fs.exists(new Path(root, name))) {
      throw new IllegalStateException(pointer + " names " + name + ", which does not exist under " + root);
    }
    return Optional.of(name);
  }

  /** Versions up to and including the published one, oldest first (later ones are failed attempts). */
  List<String> published() throws IOException {
    Optional<String> current = current();
    List<String> names = new ArrayList<>();
    if (current.isEmpty()) {
      return names;
    }
    for (FileStatus status : fs.listStatus(root)) {
      String name = status.getPath().getName();
      if (status.isDirectory() && VERSION.matcher(name).matches() && number(name) <= number(current.get())) {
        names.add(name);
      }
    }
    names.sort(null);
    return names;
  }

  /**
   * The version after {@code current}, made ready: the debris of a failed attempt at that name is
   * cleared, a directory refresh did not create there is refused.
   */
  String prepareNext(Optional<String> current) throws IOException {
    String next = String.format("v%04d", current.map(CorpusRoot::number).orElse(0) + 1);
    OutputDirectory.prepare(fs, new Path(root, next), VERSION_LAYOUT, true);
    return next;
  }

  /** Removes a version this refresh prepared and will not publish. */
  void discard(String version) throws IOException {
    OutputDirectory.remove(fs, new Path(root, version), VERSION_LAYOUT);
  }

  String dir(String version) {
    return new Path(root, version).toString();
  }

  String file(String version, String name) {
    return new Path(new Path(root, version), name).toString();
  }

  /** Points {@code CURRENT} at {@code version}: the last write of a refresh. */
  void publish(String version) throws IOException {
    Path tmp = new Path(root, PUBLISHING + UUID.randomUUID());
    try (OutputStream out = fs.create(tmp, false)) {
      out.write((version + "\n").getBytes(StandardCharsets.UTF_8));
    }
    // A rename that replaces the target: atomic on HDFS and local disks; one copy on object stores.
    FileContext.getFileContext(root.toUri(), hadoop).rename(tmp, new Path(root, CURRENT), Options.Rename.OVERWRITE);
  }

  private static int number(String version) {
    return Integer.parseInt(version.substring(1));
  }
}
