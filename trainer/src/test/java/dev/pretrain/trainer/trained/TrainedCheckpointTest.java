package dev.pretrain.trainer.trained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pretrain.trainer.model.GptConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainedCheckpointTest {

  private static final GptConfig MODEL = GptConfig.of(50, 8, 1, 2, 8, true);

  @TempDir
  Path dir;

  private static INDArray theta(long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, MODEL.parameterCount()).subi(0.5);
  }

  private static float[] read(TrainedCheckpoint checkpoint) {
    INDArray into = Nd4j.create(DataType.FLOAT, MODEL.parameterCount());
    checkpoint.readParameters(into);
    return into.toFloatVector();
  }

  @Test
  void aRunDirectoryStandsForItsNewestCheckpoint() {
    Path run = dir.resolve("run");
    TrainedRunFixture.stepCheckpoint(run, MODEL, theta(1), 100);
    Path newest = TrainedRunFixture.stepCheckpoint(run, MODEL, theta(2), 300);

    TrainedCheckpoint located = TrainedCheckpoint.locate(run.toString(), new Configuration());
    assertEquals(newest, TrainedRunFixture.local(located.dir()));
    assertEquals(Optional.of(run), located.runDir().map(TrainedRunFixture::local));
    assertEquals(MODEL, located.model());
    assertFalse(located.round());
    assertArrayEquals(theta(2).toFloatVector(), read(located));
  }

  @Test
  void aDilocoRunsRoundCheckpointHoldsTheSameWeightsAsAStepCheckpointOfThem() {
    Path round = TrainedRunFixture.roundCheckpoint(dir.resolve("diloco"), MODEL, theta(3), 4);
    Path step = TrainedRunFixture.stepCheckpoint(dir.resolve("single"), MODEL, theta(3), 8);

    TrainedCheckpoint byRun = TrainedCheckpoint.locate(dir.resolve("diloco").toString(), new Configuration());
    assertEquals(round, TrainedRunFixture.local(byRun.dir()));
    assertTrue(byRun.round());
    assertEquals(Optional.of(dir.resolve("diloco")), byRun.runDir().map(TrainedRunFixture::local));
    assertArrayEquals(read(TrainedCheckpoint.locate(step.toString(), new Configuration())), read(byRun));
    assertArrayEquals(read(byRun), read(TrainedCheckpoint.locate(round.toString(), new Configuration())));
  }

  @Test
  void aCorruptedRoundCheckpointIsRefused() throws Exception {
    Path round = TrainedRunFixture.roundCheckpoint(dir.resolve("diloco"), MODEL, theta(3), 4);
    byte[] params = Files.readAllBytes(round.resolve("params.f32"));
    params[10] ^= 1;
    Files.write(round.resolve("params.f32"), params);
    Files.deleteIfExists(round.resolve(".params.f32.crc"));
    TrainedCheckpoint located = TrainedCheckpoint.locate(round.toString(), new Configuration());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(located));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
  }

  @Test
  void somethingElseIsNamedForWhatItLacks() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("notes"));
    IllegalArgumentException neither = assertThrows(IllegalArgumentException.class,
        () -> TrainedCheckpoint.locate(empty.toString(), new Configuration()));
    assertTrue(neither.getMessage().contains("is neither a checkpoint"), neither.getMessage());

    Path run = Files.createDirectories(dir.resolve("run/checkpoints/.tmp-step-0000001"));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> TrainedCheckpoint.locate(run.getParent().getParent().toString(), new Configuration()));
    assertTrue(none.getMessage().contains("has no complete checkpoint yet"), none.getMessage());

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> TrainedCheckpoint.locate(dir.resolve("nope").toString(), new Configuration()));
    assertTrue(missing.getMessage().contains("no such directory"), missing.getMessage());
  }
}
