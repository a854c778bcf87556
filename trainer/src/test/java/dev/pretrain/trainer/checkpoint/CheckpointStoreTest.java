package dev.pretrain.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.model.GptConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointStoreTest {

  private static final String SHA = "cd".repeat(32);

  @TempDir
  Path run;

  private static CheckpointState state(long step) {
    return new CheckpointState(CheckpointState.VERSION, step, step * 100, new Cursor(1, 2, 3), 42, SHA,
        GptConfig.preset("tiny"), Map.of());
  }

  private static INDArray values(float... v) {
    return Nd4j.createFromArray(v);
  }

  private CheckpointStore<CheckpointState> store(int keep) {
    return RunDirectory.existing(new org.apache.hadoop.fs.Path(run.toString()), new Configuration())
        .checkpoints(CheckpointKind.STEP, keep);
  }

  private static Map<String, FloatArrays.Elements> arrays(Map<String, INDArray> named) {
    Map<String, FloatArrays.Elements> out = new LinkedHashMap<>();
    named.forEach((name, array) -> out.put(name, FloatArrays.Elements.of(array)));
    return out;
  }

  private static Path local(org.apache.hadoop.fs.Path path) {
    return Path.of(path.toUri().getPath());
  }

  /** Reads the named arrays of a checkpoint as a resume does, checking the dataset. */
  private CheckpointState load(Path checkpoint, Map<String, INDArray> into, String manifestSha256,
                               boolean allowOtherData) {
    CheckpointStore<CheckpointState> store = store(1);
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(checkpoint.toString());
    CheckpointState state = store.readState(dir, manifestSha256, allowOtherData);
    into.forEach((name, array) -> store.read(dir, state, name, FloatArrays.Elements.of(array)));
    return state;
  }

  @Test
  void roundTripsArraysBitwiseAndTheState() {
    CheckpointStore<CheckpointState> checkpoints = store(2);
    INDArray a = values(1.5f, -0.0f, Float.MIN_VALUE, 3.0e-38f);
    INDArray b = values(7f);
    Path written = local(checkpoints.write(5, state(5), arrays(Map.of("a.f32", a, "b.f32", b))));
    assertEquals(run.resolve("checkpoints/step-0000005"), written);
    INDArray a2 = Nd4j.create(DataType.FLOAT, 4);
    INDArray b2 = Nd4j.create(DataType.FLOAT, 1);
    CheckpointState loaded = load(written, Map.of("a.f32", a2, "b.f32", b2), SHA, false);
    assertArrayEquals(a.toFloatVector(), a2.toFloatVector());
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(a2.getFloat(1)));
    assertEquals(7f, b2.getFloat(0));
    assertEquals(new Cursor(1, 2, 3), loaded.cursor());
    assertEquals(500, loaded.tokensSeen());
    assertEquals(GptConfig.preset("tiny"), loaded.model());
  }

  @Test
  void keepsOnlyTheNewestAndLeavesNoTemporaryDirectory() throws IOException {
    CheckpointStore<CheckpointState> checkpoints = store(2);
    for (long step = 1; step <= 4; step++) {
      checkpoints.write(step, state(step), arrays(Map.of("a.f32", values(step))));
    }
    assertEquals(List.of(run.resolve("checkpoints/step-0000003"), run.resolve("checkpoints/step-0000004")),
        checkpoints.list().stream().map(CheckpointStoreTest::local).toList());
    try (var entries = Files.list(run.resolve("checkpoints"))) {
      assertEquals(2, entries.count());
    }
  }

  /**
   * Pruning deletes only what this store names: complete checkpoints beyond {@code keep}, and
   * older directories of its own {@code step-NNNNNNN} form that a crash left without a state file.
   * Anything else a person put in {@code checkpoints/} stays, as do the newest checkpoints.
   */
  @Test
  void pruningDeletesOnlyThisStoresOwnDirectories() throws IOException {
    Path dir = Files.createDirectories(run.resolve("checkpoints"));
    Path crashed = Files.createDirectories(dir.resolve("step-0000001"));
    Files.write(crashed.resolve("params.f32"), new byte[4]);
    List<Path> foreign = List.of(Files.createDirectories(dir.resolve("my-backup")),
        Files.createDirectories(dir.resolve("step-1")), Files.createDirectories(dir.resolve("round-0000001")),
        Files.writeString(dir.resolve("notes.txt"), "mine"));
    CheckpointStore<CheckpointState> checkpoints = store(1);
    for (long step = 2; step <= 3; step++) {
      checkpoints.write(step, state(step), arrays(Map.of("a.f32", values(step))));
    }
    assertFalse(Files.exists(crashed), "a crash's incomplete step directory, older than the kept one");
    assertFalse(Files.exists(dir.resolve("step-0000002")), "beyond keep = 1");
    assertTrue(Files.exists(dir.resolve("step-0000003/state.json")));
    for (Path p : foreign) {
      assertTrue(Files.exists(p), "not this store's: " + p);
    }
  }

  @Test
  void aPreparedCheckpointIsInvisibleUntilCommittedAndKeepsWhatOthersWroteThere() throws IOException {
    CheckpointStore<CheckpointState> checkpoints = store(2);
    Path staging = local(checkpoints.prepare(7));
    Files.write(staging.resolve("other.f32"), new byte[] {0, 0, (byte) 0x80, 0x3f});
    assertTrue(checkpoints.list().isEmpty());
    assertTrue(checkpoints.latest().isEmpty());
    CheckpointState.ArrayFile other = new CheckpointState.ArrayFile(
        dev.pretrain.common.io.Sha256.hex(new byte[] {0, 0, (byte) 0x80, 0x3f}), 1);
    CheckpointState withOther = state(7).withFiles(Map.of("other.f32", other));
    Path written = local(checkpoints.commit(7, withOther, arrays(Map.of("a.f32", values(2)))));
    assertFalse(Files.exists(staging));
    INDArray into = Nd4j.create(DataType.FLOAT, 1);
    load(written, Map.of("other.f32", into, "a.f32", Nd4j.create(DataType.FLOAT, 1)), SHA, false);
    assertEquals(1f, into.getFloat(0));
  }

  @Test
  void aCorruptedFileIsNamed() throws IOException {
    Path written = local(store(1).write(1, state(1), arrays(Map.of("a.f32", values(1, 2, 3)))));
    byte[] bytes = Files.readAllBytes(written.resolve("a.f32"));
    bytes[5] ^= 1;
    Files.write(written.resolve("a.f32"), bytes);
    var e = assertThrows(IllegalArgumentException.class,
        () -> load(written, Map.of("a.f32", Nd4j.create(DataType.FLOAT, 3)), SHA, false));
    assertTrue(e.getMessage().startsWith("checkpoint file " + written.resolve("a.f32") + " is corrupted"),
        e.getMessage());
  }

  @Test
  void anotherDatasetIsRefusedUnlessAllowed() {
    Path written = local(store(1).write(1, state(1), arrays(Map.of("a.f32", values(1)))));
    String other = "ef".repeat(32);
    var e = assertThrows(IllegalArgumentException.class,
        () -> load(written, Map.of("a.f32", Nd4j.create(DataType.FLOAT, 1)), other, false));
    assertTrue(e.getMessage().contains("manifest has SHA-256 " + SHA), e.getMessage());
    load(written, Map.of("a.f32", Nd4j.create(DataType.FLOAT, 1)), other, true);
  }

  @Test
  void aModelOfAnotherSizeIsRefused() {
    Path written = local(store(1).write(1, state(1), arrays(Map.of("a.f32", values(1, 2)))));
    var e = assertThrows(IllegalArgumentException.class,
        () -> load(written, Map.of("a.f32", Nd4j.create(DataType.FLOAT, 3)), SHA, false));
    assertTrue(e.getMessage().contains("holds 2 floats but the model needs 3"), e.getMessage());
  }
}
