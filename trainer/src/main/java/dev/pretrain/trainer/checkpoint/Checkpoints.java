package dev.pretrain.trainer.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code checkpoints/} directory of a run. A checkpoint is written into {@code .tmp-step-NNNNNNN},
 * every file forced to disk, then renamed to {@code step-NNNNNNN}, so a reader never sees half of one;
 * only the newest {@code keep} are kept. Loading checks every file's SHA-256 and the dataset's manifest.
 */
public final class Checkpoints {

  public static final String DIR = "checkpoints";

  private static final Pattern STEP_DIR = Pattern.compile("step-\\d{7,}");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final Path dir;
  private final int keep;

  public Checkpoints(Path runDir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one checkpoint, got " + keep);
    }
    this.dir = runDir.resolve(DIR);
    this.keep = keep;
  }

  public static String name(long step) {
    return String.format("step-%07d", step);
  }

  /** Writes the arrays (name → flat array) and {@code state}, then drops all but the newest {@code keep}. */
  public Path write(CheckpointState state, Map<String, INDArray> arrays) {
    String name = name(state.step());
    Path target = dir.resolve(name);
    Path tmp = dir.resolve(".tmp-" + name);
    try {
      Files.createDirectories(dir);
      deleteTree(tmp);
      Files.createDirectory(tmp);
      Map<String, CheckpointState.ArrayFile> files = new LinkedHashMap<>();
      for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
        String sha = Float32Files.write(e.getValue(), tmp.resolve(e.getKey()));
        files.put(e.getKey(), new CheckpointState.ArrayFile(sha, e.getValue().length()));
      }
      Path stateFile = tmp.resolve(CheckpointState.FILE_NAME);
      Files.write(stateFile, JSON.writeValueAsBytes(state.withFiles(files)), StandardOpenOption.CREATE_NEW);
      force(stateFile);
      force(tmp);
      deleteTree(target);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
      force(dir);
      prune();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
  }

  /** Complete checkpoints, oldest first. */
  public List<Path> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> STEP_DIR.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.isRegularFile(p.resolve(CheckpointState.FILE_NAME)))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  public Optional<Path> latest() {
    List<Path> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * Checks every file of checkpoint {@code checkpoint} and copies its arrays into {@code into} (name →
   * flat array of the right length). A different dataset (manifest SHA-256) is refused unless
   * {@code allowOtherData}.
   */
  public static CheckpointState load(Path checkpoint, Map<String, INDArray> into, String manifestSha256,
                                     boolean allowOtherData) {
    CheckpointState state = readState(checkpoint);
    if (!allowOtherData && !state.manifestSha256().equals(manifestSha256)) {
      throw new IllegalArgumentException("checkpoint " + checkpoint + " was trained on a dataset whose manifest"
          + " has SHA-256 " + state.manifestSha256() + ", this dataset's is " + manifestSha256
          + "; resuming on other data needs force");
    }
    try {
      for (Map.Entry<String, INDArray> e : into.entrySet()) {
        CheckpointState.ArrayFile recorded = state.files().get(e.getKey());
        Path file = checkpoint.resolve(e.getKey());
        if (recorded == null || !Files.isRegularFile(file)) {
          throw new IllegalArgumentException("checkpoint " + checkpoint + " has no " + e.getKey());
        }
        if (recorded.floats() != e.getValue().length()) {
          throw new IllegalArgumentException(file + " holds " + recorded.floats() + " floats but the model needs "
              + e.getValue().length() + ": the checkpoint is of another model shape");
        }
        String actual = Float32Files.sha256Of(file);
        if (!actual.equals(recorded.sha256())) {
          throw new IllegalArgumentException("checkpoint file " + file + " is corrupted: its SHA-256 is " + actual
              + " but " + CheckpointState.FILE_NAME + " records " + recorded.sha256());
        }
        Float32Files.read(file, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
    }
    return state;
  }

  /** Parses {@code state.json} of a checkpoint. */
  public static CheckpointState readState(Path checkpoint) {
    Path file = checkpoint.resolve(CheckpointState.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("not a checkpoint: no " + CheckpointState.FILE_NAME + " in " + checkpoint);
    }
    CheckpointState state;
    try {
      state = JSON.readValue(file.toFile(), CheckpointState.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a readable checkpoint state: " + e.getMessage(), e);
    }
    if (state.formatVersion() != CheckpointState.VERSION) {
      throw new IllegalArgumentException(file + " has format_version " + state.formatVersion() + ", this build reads "
          + CheckpointState.VERSION);
    }
    if (state.files() == null || state.cursor() == null || state.model() == null || state.manifestSha256() == null) {
      throw new IllegalArgumentException(file + " lacks files, cursor, model or manifest_sha256");
    }
    return state;
  }

  private void prune() throws IOException {
    List<Path> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      deleteTree(all.get(i));
    }
  }

  private static void force(Path path) {
    // Directories can be opened and forced on Linux; elsewhere this is best effort.
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not supported for directories on this platform: the rename is still atomic.
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
