package dev.pretrain.trainer.distributed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The {@code checkpoints/round-NNNNNNN/} directories of a distributed run, on any Hadoop file system.
 * Workers write their AdamW moments into the directory during the checkpoint round, the driver then
 * writes θ ({@code params.f32}, the trainer's format) and the outer momentum, and {@code round.json}
 * last: a reader takes only directories that have it, so a checkpoint is complete or invisible on local
 * disk, HDFS and S3A alike (S3A has no atomic directory rename). Every file's SHA-256 is checked on load.
 */
public final class RoundCheckpoints {

  public static final String DIR = "checkpoints";
  public static final String MOMENTUM_FILE = "outer_momentum.f32";

  private static final Pattern ROUND_DIR = Pattern.compile("round-\\d{7,}");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final Path dir;
  private final FileSystem fs;
  private final int keep;

  public RoundCheckpoints(String runDir, Configuration hadoop, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one checkpoint, got " + keep);
    }
    this.dir = new Path(runDir, DIR);
    this.keep = keep;
    try {
      this.fs = dir.getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + dir, e);
    }
  }

  public static String name(int rounds) {
    return String.format("round-%07d", rounds);
  }

  /** The directory of the checkpoint after {@code rounds} rounds, emptied for the workers to write into. */
  public Path prepare(int rounds) {
    Path target = new Path(dir, name(rounds));
    try {
      fs.delete(target, true);
      fs.mkdirs(target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare checkpoint " + target, e);
    }
  }

  /**
   * Completes the checkpoint prepared for {@code state.rounds()}: θ, the outer momentum, the workers'
   * moment checksums ({@code worker → {m, v}}), then {@code round.json}; drops all but the newest
   * {@code keep}.
   */
  public Path commit(RoundState state, float[] theta, float[] velocity, Map<Integer, String[]> workerFiles) {
    Path target = new Path(dir, name(state.rounds()));
    try {
      Map<String, CheckpointState.ArrayFile> files = new LinkedHashMap<>();
      files.put(Trainer.PARAMETERS_FILE, new CheckpointState.ArrayFile(
          FloatFiles.write(fs, new Path(target, Trainer.PARAMETERS_FILE), theta), theta.length));
      if (velocity.length > 0) {
        files.put(MOMENTUM_FILE, new CheckpointState.ArrayFile(
            FloatFiles.write(fs, new Path(target, MOMENTUM_FILE), velocity), velocity.length));
      }
      for (Map.Entry<Integer, String[]> w : workerFiles.entrySet()) {
        files.put(RoundTask.momentFile(w.getKey(), Trainer.FIRST_MOMENT_FILE),
            new CheckpointState.ArrayFile(w.getValue()[0], theta.length));
        files.put(RoundTask.momentFile(w.getKey(), Trainer.SECOND_MOMENT_FILE),
            new CheckpointState.ArrayFile(w.getValue()[1], theta.length));
      }
      RoundState complete = new RoundState(state.formatVersion(), state.rounds(), state.innerSteps(), state.workers(),
          state.tokensSeen(), state.seed(), state.manifestSha256(), state.model(), state.outer(), files);
      try (OutputStream out = fs.create(new Path(target, RoundState.FILE_NAME), true)) {
        out.write(JSON.writeValueAsBytes(complete));
      }
      prune();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
  }

  /** Complete checkpoints, oldest first. */
  public List<Path> list() {
    try {
      if (!fs.exists(dir)) {
        return List.of();
      }
      List<Path> out = new ArrayList<>();
      for (FileStatus s : fs.listStatus(dir)) {
        if (s.isDirectory() && ROUND_DIR.matcher(s.getPath().getName()).matches()
            && fs.exists(new Path(s.getPath(), RoundState.FILE_NAME))) {
          out.add(s.getPath());
        }
      }
      out.sort(Comparator.comparing(Path::getName));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  public Optional<Path> latest() {
    List<Path> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  public RoundState readState(Path checkpoint) {
    Path file = new Path(checkpoint, RoundState.FILE_NAME);
    try (InputStream in = fs.open(file)) {
      RoundState state = JSON.readValue(in, RoundState.class);
      if (state.formatVersion() != RoundState.VERSION) {
        throw new IllegalArgumentException(file + " has format_version " + state.formatVersion() + ", this build reads "
            + RoundState.VERSION);
      }
      if (state.files() == null || state.model() == null || state.manifestSha256() == null || state.outer() == null) {
        throw new IllegalArgumentException(file + " lacks files, model, outer or manifest_sha256");
      }
      return state;
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException("not a round checkpoint: no " + RoundState.FILE_NAME + " in " + checkpoint);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a readable round state: " + e.getMessage(), e);
    }
  }

  /** Reads θ and the outer momentum (when it has one) of a checkpoint into the given arrays. */
  public void load(Path checkpoint, RoundState state, float[] theta, float[] velocity) {
    try {
      read(checkpoint, state, Trainer.PARAMETERS_FILE, theta);
      if (velocity.length > 0) {
        read(checkpoint, state, MOMENTUM_FILE, velocity);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
    }
  }

  /** worker → SHA-256 of its {m, v} files, for the first round after the checkpoint. */
  public static TreeMap<Integer, String[]> workerFiles(RoundState state) {
    TreeMap<Integer, String[]> out = new TreeMap<>();
    for (int w = 0; w < state.workers(); w++) {
      CheckpointState.ArrayFile m = state.files().get(RoundTask.momentFile(w, Trainer.FIRST_MOMENT_FILE));
      CheckpointState.ArrayFile v = state.files().get(RoundTask.momentFile(w, Trainer.SECOND_MOMENT_FILE));
      if (m != null && v != null) {
        out.put(w, new String[] {m.sha256(), v.sha256()});
      }
    }
    return out;
  }

  private void read(Path checkpoint, RoundState state, String name, float[] into) throws IOException {
    CheckpointState.ArrayFile recorded = state.files().get(name);
    if (recorded == null) {
      throw new IllegalArgumentException("checkpoint " + checkpoint + " has no " + name);
    }
    if (recorded.floats() != into.length) {
      throw new IllegalArgumentException(name + " of " + checkpoint + " holds " + recorded.floats()
          + " floats but the model needs " + into.length + ": the checkpoint is of another model shape");
    }
    FloatFiles.read(fs, new Path(checkpoint, name), recorded.sha256(), into);
  }

  private void prune() throws IOException {
    List<Path> all = list();
    for (int i = 0; i < all.size() - keep; i++) {
      fs.delete(all.get(i), true);
    }
  }
}
