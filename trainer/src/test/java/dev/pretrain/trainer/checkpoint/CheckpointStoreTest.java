package dev.pretrain.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.model.GptConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointsTest {

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

  @Test
  void roundTripsArraysBitwiseAndTheState() {
    Checkpoints checkpoints = new Checkpoints(run, 2);
    INDArray a = values(1.5f, -0.0f, Float.MIN_VALUE, 3.0e-38f);
    INDArray b = values(7f);
    Path written = checkpoints.write(state(5), Map.of("a.f32", a, "b.f32", b));
    assertEquals(run.resolve("checkpoints/step-0000005"), written);
    INDArray a2 = Nd4j.create(DataType.FLOAT, 4);
    INDArray b2 = Nd4j.create(DataType.FLOAT, 1);
    CheckpointState loaded = Checkpoints.load(written, Map.of("a.f32", a2, "b.f32", b2), SHA, false);
    assertArrayEquals(a.toFloatVector(), a2.toFloatVector());
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(a2.getFloat(1)));
    assertEquals(7f, b2.getFloat(0));
    assertEquals(new Cursor(1, 2, 3), loaded.cursor());
    assertEquals(500, loaded.tokensSeen());
    assertEquals(GptConfig.preset("tiny"), loaded.model());
  }

  @Test
  void keepsOnlyTheNewestAndLeavesNoTemporaryDirectory() throws IOException {
    Checkpoints checkpoints = new Checkpoints(run, 2);
    for (long step = 1; step <= 4; step++) {
      checkpoints.write(state(step), Map.of("a.f32", values(step)));
    }
    assertEquals(List.of(run.resolve("checkpoints/step-0000003"), run.resolve("checkpoints/step-0000004")),
        checkpoints.list());
    try (var entries = Files.list(run.resolve("checkpoints"))) {
      assertEquals(2, entries.count());
    }
  }

  @Test
  void aCorruptedFileIsNamed() throws IOException {
    Path written = new Checkpoints(run, 1).write(state(1), Map.of("a.f32", values(1, 2, 3)));
    byte[] bytes = Files.readAllBytes(written.resolve("a.f32"));
    bytes[5] ^= 1;
    Files.write(written.resolve("a.f32"), bytes);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Checkpoints.load(written, Map.of("a.f32", Nd4j.create(DataType.FLOAT, 3)), SHA, false));
    assertTrue(e.getMessage().startsWith("checkpoint file " + written.resolve("a.f32") + " is corrupted"),
        e.getMessage());
  }

  @Test
  void anotherDatasetIsRefusedUnlessAllowed() {
    Path written = new Checkpoints(run, 1).write(state(1), Map.of("a.f32", values(1)));
    String other = "ef".repeat(32);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Checkpoints.load(written, Map.of("a.f32", Nd4j.create(DataType.FLOAT, 1)), other, false));
    assertTrue(e.getMessage().contains("manifest has SHA-256 " + SHA), e.getMessage());
    Checkpoints.load(written, Map.of("a.f32", Nd4j.create(DataType.FLOAT, 1)), other, true);
  }

  @Test
  void aModelOfAnotherSizeIsRefused() {
    Path written = new Checkpoints(run, 1).write(state(1), Map.of("a.f32", values(1, 2)));
    var e = assertThrows(IllegalArgumentException.class,
        () -> Checkpoints.load(written, Map.of("a.f32", Nd4j.create(DataType.FLOAT, 3)), SHA, false));
    assertTrue(e.getMessage().contains("holds 2 floats but the model needs 3"), e.getMessage());
  }
}
