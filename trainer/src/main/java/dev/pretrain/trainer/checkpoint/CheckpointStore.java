package dev.pretrain.trainer.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The checkpoints of one kind in a run's {@code checkpoints/} directory, on any Hadoop file system. A
 * checkpoint is written into {@code .tmp-KIND-NNNNNNN/} (by the driver, and for DiLoCo also by the workers
 * during the round), renamed to {@code KIND-NNNNNNN/}, and completed by its state file, written last under a
 * temporary name and renamed: a reader takes only directories that have it, so a checkpoint is complete or
 * invisible on local disk, HDFS and S3A alike (S3A renames a directory file by file). Only the newest
 * {@code keep} are kept. Every array file's SHA-256 is recorded in the state file and checked on read.
 */
public final class CheckpointStore<S extends SavedState> {

  public static final String DIR = "checkpoints";

  private static final String TMP = ".tmp-";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final FileSystem fs;
  private final Path dir;
  private final CheckpointKind<S> kind;
  private final int keep;

  /** @param fs the file system of {@code runDir} */
  public CheckpointStore(FileSystem fs, Path runDir, CheckpointKind<S> kind, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one checkpoint, got " + keep);
    }
    this.fs = fs;
    this.dir = new Path(runDir, DIR);
    this.kind = kind;
    this.keep = keep;
  }

  public CheckpointKind<S> kind() {
    return kind;
  }

  /** Where checkpoints are kept. */
  public Path dir() {
    return dir;
  }

  /** The directory the checkpoint after {@code count} is written into before {@link #commit}, made empty. */
  public Path prepare(long count) {
    Path staging = staging(count);
    try {
      fs.delete(staging, true);
      if (!fs.mkdirs(staging)) {
        throw new IOException("mkdirs returned false");
      }
      return staging;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare checkpoint " + staging, e);
    }
  }

  /**
   * Completes the checkpoint prepared for {@code count}: writes {@code arrays} (name → flat array) into it
   * beside what others wrote there (recorded in {@code state.files()}), publishes it with the state
   * recording every file, and drops all but the newest {@code keep}.
   */
  public Path commit(long count, S state, Map<String, FloatArrays.Elements> arrays) {
    Path staging = staging(count);
    Path target = new Path(dir, kind.name(count));
    try {
      if (!fs.exists(staging)) {
        throw new IllegalStateException("checkpoint " + staging + " was not prepared");
      }
      Map<String, CheckpointState.ArrayFile> files = new LinkedHashMap<>(state.files());
      for (Map.Entry<String, FloatArrays.Elements> e : arrays.entrySet()) {
        files.put(e.getKey(), FloatArrays.write(fs, new Path(staging, e.getKey()), e.getValue()));
      }
      fs.delete(target, true);
      rename(staging, target);
      Path stateTmp = new Path(target, TMP + kind.stateFile());
      try (FSDataOutputStream out = fs.create(stateTmp, true)) {
        out.write(JSON.writeValueAsBytes(state.withFiles(files)));
        FloatArrays.sync(out);
      }
      rename(stateTmp, new Path(target, kind.stateFile()));
      prune();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
  }

  /** Prepares and commits a checkpoint of {@code arrays} alone. */
  public Path write(long count, S state, Map<String, FloatArrays.Elements> arrays) {
    prepare(count);
    return commit(count, state, arrays);
  }

  /** Complete checkpoints, oldest first. */
  public List<Path> list() {
    List<Path> out = new ArrayList<>();
    for (FileStatus s : checkpointDirectories()) {
      if (complete(s.getPath())) {
        out.add(s.getPath());
      }
    }
    return out;
  }

  public Optional<Path> latest() {
    List<Path> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** True if {@code checkpoint} is a checkpoint of this kind (it has the state file). */
  public boolean complete(Path checkpoint) {
    try {
      return fs.exists(new Path(checkpoint, kind.stateFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + checkpoint, e);
    }
  }

  /** Parses and checks the state file of {@code checkpoint}. */
  public S readState(Path checkpoint) {
    Path file = new Path(checkpoint, kind.stateFile());
    S state;
    try (InputStream in = fs.open(file)) {
      state = JSON.readValue(in, kind.state());
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException("not a checkpoint: no " + kind.stateFile() + " in " + checkpoint);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a readable checkpoint state: " + e.getMessage(), e);
    }
    if (state.formatVersion() != kind.version()) {
      throw new IllegalArgumentException(file + " has format_version " + state.formatVersion() + ", this build reads "
          + kind.version());
    }
    if (!state.complete()) {
      throw new IllegalArgumentException(file + " lacks " + kind.fields());
    }
    return state;
  }

  /**
   * The state of {@code checkpoint} when a run on the dataset whose manifest has {@code manifestSha256} may
   * continue from it: a checkpoint of another dataset is refused unless {@code allowOtherData}.
   */
  public S readState(Path checkpoint, String manifestSha256, boolean allowOtherData) {
    S state = readState(checkpoint);
    if (!allowOtherData && !state.manifestSha256().equals(manifestSha256)) {
      throw new IllegalArgumentException("checkpoint " + checkpoint + " was trained on a dataset whose manifest has"
          + " SHA-256 " + state.manifestSha256() + ", this dataset's is " + manifestSha256
          + "; resuming on other data needs --allow-other-data");
    }
    return state;
  }

  /**
   * Reads the array file {@code name} of {@code checkpoint}, recorded in {@code state}, into {@code into}.
   *
   * @throws IllegalArgumentException if the checkpoint lacks it, or it is of another shape or corrupted
   */
  public void read(Path checkpoint, S state, String name, FloatArrays.Elements into) {
    CheckpointState.ArrayFile recorded = state.files().get(name);
    Path file = new Path(checkpoint, name);
    try {
      if (recorded == null || !fs.exists(file)) {
        throw new IllegalArgumentException("checkpoint " + checkpoint + " has no " + name);
      }
      FloatArrays.read(fs, file, recorded, into);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
    }
  }

  /** The directories of this kind, complete or not, oldest first. */
  private List<FileStatus> checkpointDirectories() {
    try {
      if (!fs.exists(dir)) {
        return List.of();
      }
      List<FileStatus> out = new ArrayList<>();
      for (FileStatus s : fs.listStatus(dir)) {
        if (s.isDirectory() && kind.names(s.getPath().getName())) {
          // Named under the run directory as it was given, not as the file system qualifies it.
          s.setPath(new Path(dir, s.getPath().getName()));
          out.add(s);
        }
      }
      out.sort(Comparator.comparing(s -> s.getPath().getName()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private Path staging(long count) {
    return new Path(dir, TMP + kind.name(count));
  }

  private void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }

  /** Drops all but the newest {@code keep} complete checkpoints, and incomplete ones older than those. */
  private void prune() throws IOException {
    List<Path> complete = list();
    for (int i = 0; i < complete.size() - keep; i++) {
      fs.delete(complete.get(i), true);
    }
    String oldestKept = complete.get(Math.max(0, complete.size() - keep)).getName();
    for (FileStatus s : checkpointDirectories()) {
      if (s.getPath().getName().compareTo(oldestKept) < 0 && !complete(s.getPath())) {
        fs.delete(s.getPath(), true);
      }
    }
  }
}
