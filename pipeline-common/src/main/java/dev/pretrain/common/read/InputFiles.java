package dev.pretrain.common.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobPattern;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Expands the inputs a user gives (files, directories, globs; local, s3a://, gs://, hdfs://) into
 * the files to read and the files skipped, with why:
 *
 * <ul>
 *   <li>a file named explicitly is read, whatever its name;
 *   <li>a glob reads the files it matches except hidden ones (a name starting with {@code .} or
 *       {@code _}, as Spark and Hadoop skip {@code _SUCCESS} and {@code .crc} checksums);
 *   <li>a directory, given or matched, is read recursively for its data files only
 *       ({@link InputFormat#isDataFileName}): hidden files, files in hidden directories
 *       ({@code _temporary/}) and other names ({@code MANIFEST.json}, {@code README.md}) are skipped.
 * </ul>
 */
public final class InputFiles {
  private InputFiles() {}

  /** How many skipped names an error message quotes. */
  private static final int SKIPPED_IN_MESSAGE = 5;

  public static InputListing list(List<String> inputs, InputFormat format, Configuration hadoop) throws IOException {
    TreeMap<String, InputFile> files = new TreeMap<>();
    TreeMap<String, SkippedFile> skipped = new TreeMap<>();
    for (String input : inputs) {
      Path pattern = new Path(input);
      FileSystem fs = pattern.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(pattern);
      if (matches == null || matches.length == 0) {
        throw new InputNotFound("input " + input + " matches no files");
      }
      boolean explicit = !new GlobPattern(input).hasWildcard();
      Listing listing = new Listing(format);
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
          while (it.hasNext()) {
            listing.fromDirectory(match.getPath(), it.next());
          }
        } else if (explicit) {
          listing.take(match);
        } else {
          listing.fromGlob(match);
        }
      }
      if (listing.taken.isEmpty()) {
        throw new InputNotFound("input " + input + " holds no data files" + skippedNames(listing.skipped)
            + "; name other files explicitly or with a glob (such as DIR/*.json) to read them");
      }
      listing.taken.forEach(f -> files.put(f.path(), f));
      listing.skipped.forEach(f -> skipped.put(f.path(), f));
    }
    return new InputListing(new ArrayList<>(files.values()), new ArrayList<>(skipped.values()));
  }

  private static String skippedNames(List<SkippedFile> skipped) {
    if (skipped.isEmpty()) {
      return "";
    }
    String some = skipped.stream().sorted(Comparator.comparing(SkippedFile::path)).limit(SKIPPED_IN_MESSAGE)
        .map(f -> new Path(f.path()).getName() + " (" + f.reason() + ")").collect(Collectors.joining(", "));
    return " (skipped " + skipped.size() + ": " + some + (skipped.size() > SKIPPED_IN_MESSAGE ? ", ..." : "") + ")";
  }

  /** The files of one input. */
  private static final class Listing {
    private final InputFormat format;
    private final List<InputFile> taken = new ArrayList<>();
    private final List<SkippedFile> skipped = new ArrayList<>();

    Listing(InputFormat format) {
      this.format = format;
    }

    void take(FileStatus status) {
      String path = status.getPath().toString();
      String name = status.getPath().getName();
      taken.add(new InputFile(path, format == InputFormat.AUTO ? InputFormat.detect(name) : format, status.getLen()));
    }

    void fromGlob(FileStatus status) {
      if (isHidden(status.getPath().getName())) {
        skip(status, SkippedFile.HIDDEN_NAME);
      } else {
        take(status);
      }
    }

    void fromDirectory(Path root, FileStatus status) {
      String name = status.getPath().getName();
      if (isHidden(name)) {
        skip(status, SkippedFile.HIDDEN_NAME);
      } else if (inHiddenDirectory(root, status.getPath())) {
        skip(status, SkippedFile.IN_HIDDEN_DIRECTORY);
      } else if (!InputFormat.isDataFileName(name)) {
        skip(status, SkippedFile.NOT_A_DATA_FILE);
      } else {
        take(status);
      }
    }

    private void skip(FileStatus status, String reason) {
      skipped.add(new SkippedFile(status.getPath().toString(), reason));
    }
  }

  private static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  /** Whether a directory between {@code root} (the input, which may itself be named so) and the file is hidden. */
  private static boolean inHiddenDirectory(Path root, Path file) {
    for (Path p = file.getParent(); p != null && !p.equals(root) && !p.isRoot(); p = p.getParent()) {
      if (isHidden(p.getName())) {
        return true;
      }
    }
    return false;
  }
}
