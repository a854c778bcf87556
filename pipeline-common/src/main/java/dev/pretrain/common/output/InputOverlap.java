package dev.pretrain.common.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Refuses an output that is an input, lies inside one, or contains one: a job that replaces or
 * clears its output must never be able to reach its own input. Paths are compared after
 * qualification (scheme, bucket or host, absolute path) and, on local disks, after resolving
 * symbolic links, so {@code data/raw}, {@code ./data/raw/} and a link to it are one directory. A glob
 * counts as the directory before its first wildcard: {@code data/*.jsonl} is the input {@code data}.
 */
public final class InputOverlap {
  private InputOverlap() {}

  private static final String GLOB_CHARACTERS = "*?[]{}\\";

  /**
   * @param inputs everything the job reads (files, directories, globs; null entries are ignored)
   * @throws OutputRefused naming the output and the input it collides with
   */
  public static void refuse(Collection<String> inputs, String output, Configuration hadoop) {
    Path out = canonical(output, hadoop);
    for (String input : inputs) {
      if (input == null) {
        continue;
      }
      Path in = canonical(globRoot(input), hadoop);
      String relation = null;
      if (out.equals(in)) {
        relation = "is the input " + input + " itself";
      } else if (isAncestor(in, out)) {
        relation = "lies inside the input " + input;
      } else if (isAncestor(out, in)) {
        relation = "contains the input " + input;
      }
      if (relation != null) {
        throw new OutputRefused("output " + output + " " + relation + " (" + in + "): a job that replaces its"
            + " output could destroy its input there. Choose an output directory outside every input; nothing"
            + " was written or deleted.");
      }
    }
  }

  /** The part of a path before its first component with a wildcard. */
  static String globRoot(String input) {
    String[] components = input.split("/", -1);
    StringBuilder root = new StringBuilder();
    for (int i = 0; i < components.length; i++) {
      if (components[i].chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0)) {
        break;
      }
      if (i > 0) {
        root.append('/');
      }
      root.append(components[i]);
    }
    if (root.length() == 0) {
      return input.startsWith("/") ? "/" : ".";
    }
    return root.toString();
  }

  static Path canonical(String location, Configuration hadoop) {
    try {
      Path path = new Path(location);
      Path qualified = path.getFileSystem(hadoop).makeQualified(path);
      URI uri = qualified.toUri();
      if (!"file".equals(uri.getScheme())) {
        return qualified;
      }
      java.nio.file.Path local = java.nio.file.Path.of(uri.getPath()).normalize();
      java.nio.file.Path existing = local;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null) {
        local = existing.toRealPath().resolve(existing.relativize(local));
      }
      return new Path("file", null, local.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + location, e);
    }
  }

  /** True if {@code ancestor} is a proper parent of {@code path} (same file system). */
  static boolean isAncestor(Path ancestor, Path path) {
    URI a = ancestor.toUri();
    URI p = path.toUri();
    if (!Objects.equals(a.getScheme(), p.getScheme()) || !Objects.equals(a.getAuthority(), p.getAuthority())) {
      return false;
    }
    for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
      if (parent.toUri().getPath().equals(a.getPath())) {
        return true;
      }
    }
    return false;
  }
}
