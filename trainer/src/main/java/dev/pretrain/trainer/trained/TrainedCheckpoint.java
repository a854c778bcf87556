package dev.pretrain.trainer.trained;

import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointKind;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.CheckpointStore;
import dev.pretrain.trainer.checkpoint.FloatArrays;
import dev.pretrain.trainer.checkpoint.SavedState;
import dev.pretrain.trainer.distributed.RoundState;
import dev.pretrain.trainer.model.GptConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The checkpoint a person names to {@code sample} or {@code export}: a checkpoint directory of a
 * single-process run ({@code checkpoints/step-NNNNNNN/}, with {@code state.json}) or of a DiLoCo run
 * ({@code checkpoints/round-NNNNNNN/}, with {@code round.json}), or a run directory, which stands for its
 * newest complete checkpoint; on any Hadoop file system the job's configuration reaches. Both kinds hold θ
 * in {@code params.f32} with its SHA-256 and the model's shape in their state file; the optimizer state
 * beside it is not read.
 */
public final class TrainedCheckpoint {

  private static final List<CheckpointKind<?>> KINDS = List.of(CheckpointKind.STEP, RoundState.KIND);

  private final Path dir;
  private final Optional<Path> runDir;
  private final CheckpointStore<?> store;
  private final SavedState state;

  private TrainedCheckpoint(Path dir, CheckpointStore<?> store, SavedState state) {
    this.dir = dir;
    this.runDir = runOf(dir);
    this.store = store;
    this.state = state;
  }

  /**
   * @param given  a checkpoint or run directory, as the person wrote it
   * @param hadoop the job's Hadoop configuration
   * @throws IllegalArgumentException if it is neither, or a run without a complete checkpoint
   */
  public static TrainedCheckpoint locate(String given, Configuration hadoop) {
    Path path = new Path(given);
    FileSystem fs = RunDirectory.fileSystem(path, hadoop);
    if (!path.isAbsolute()) {
      path = fs.makeQualified(path);
    }
    try {
      if (!fs.getFileStatus(path).isDirectory()) {
        throw new IllegalArgumentException(given + ": no such directory");
      }
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException(given + ": no such directory");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + given, e);
    }
    RunDirectory asRun = RunDirectory.existing(path, hadoop);
    for (CheckpointKind<?> kind : KINDS) {
      // Reading and listing never prune, so any number to keep will do.
      CheckpointStore<?> store = asRun.checkpoints(kind, 1);
      if (store.complete(path)) {
        return new TrainedCheckpoint(path, store, store.readState(path));
      }
    }
    if (!exists(fs, new Path(path, CheckpointStore.DIR))) {
      throw new IllegalArgumentException(given + " is neither a checkpoint (it has no " + CheckpointState.FILE_NAME
          + " or " + RoundState.FILE_NAME + ") nor a run directory (it has no " + CheckpointStore.DIR + "/)");
    }
    Optional<TrainedCheckpoint> found = Optional.empty();
    for (CheckpointKind<?> kind : KINDS) {
      CheckpointStore<?> store = asRun.checkpoints(kind, 1);
      Optional<Path> latest = store.latest();
      if (latest.isPresent() && found.isPresent()) {
        throw new IllegalArgumentException("run directory " + given + " holds both step and round checkpoints;"
            + " name the checkpoint directory itself");
      }
      if (latest.isPresent()) {
        found = Optional.of(new TrainedCheckpoint(latest.get(), store, store.readState(latest.get())));
      }
    }
    return found.orElseThrow(() -> new IllegalArgumentException("run directory " + given
        + " has no complete checkpoint yet"));
  }

  /** The checkpoint directory. */
  public Path dir() {
    return dir;
  }

  /** The run it belongs to (the directory above {@code checkpoints/}), if it lies in one. */
  public Optional<Path> runDir() {
    return runDir;
  }

  /** The model's shape. */
  public GptConfig model() {
    return state.model();
  }

  /** True for a DiLoCo round checkpoint. */
  public boolean round() {
    return store.kind() == RoundState.KIND;
  }

  /** Reads θ, checksum verified, into {@code into}: a flat array of the model's parameter count. */
  public void readParameters(INDArray into) {
    read(store, into);
  }

  @SuppressWarnings("unchecked")
  private <S extends SavedState> void read(CheckpointStore<S> typed, INDArray into) {
    typed.read(dir, (S) state, Trainer.PARAMETERS_FILE, FloatArrays.Elements.of(into));
  }

  private static boolean exists(FileSystem fs, Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static Optional<Path> runOf(Path checkpoint) {
    Path parent = checkpoint.getParent();
    return parent != null && parent.getName().equals(CheckpointStore.DIR)
        ? Optional.ofNullable(parent.getParent()) : Optional.empty();
  }
}
