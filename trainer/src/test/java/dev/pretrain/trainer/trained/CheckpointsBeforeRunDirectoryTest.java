package dev.pretrain.trainer.trained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointKind;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.CheckpointStore;
import dev.pretrain.trainer.checkpoint.FloatArrays;
import dev.pretrain.trainer.checkpoint.SavedState;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.distributed.OuterRule;
import dev.pretrain.trainer.distributed.RoundState;
import dev.pretrain.trainer.model.GptConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoints written by the trainer before the run directory was one (by {@code Checkpoints} and
 * {@code RoundCheckpoints}, with Hadoop's {@code .crc} files left out), under
 * {@code src/test/resources/checkpoints-before-run-directory/}: they still load, bit for bit. The values
 * are those the writer was given: {@link #values}.
 */
class CheckpointsBeforeRunDirectoryTest {

  private static final GptConfig MODEL = GptConfig.of(50, 8, 1, 2, 8, true);
  private static final int N = Math.toIntExact(MODEL.parameterCount());

  /** What the fixture's writer stored: a different sequence per offset. */
  private static float[] values(int n, float offset) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) Math.sin(i * 0.37 + offset) / (1 + i % 7);
    }
    return v;
  }

  private static Path fixture(String run) throws URISyntaxException {
    return Path.of(CheckpointsBeforeRunDirectoryTest.class.getResource("/checkpoints-before-run-directory/" + run)
        .toURI());
  }

  private static <S extends SavedState> CheckpointStore<S> store(Path run, CheckpointKind<S> kind) {
    return RunDirectory.existing(new org.apache.hadoop.fs.Path(run.toString()), new Configuration())
        .checkpoints(kind, 1);
  }

  /** The run's newest checkpoint as sample and export find it: of the fixture's model, and of the kind asked. */
  private static TrainedCheckpoint located(Path run, boolean round) {
    TrainedCheckpoint located = TrainedCheckpoint.locate(run.toString(), new Configuration());
    assertEquals(round, located.round());
    assertEquals(MODEL, located.model());
    return located;
  }

  private static float[] parameters(TrainedCheckpoint checkpoint) {
    INDArray into = Nd4j.create(DataType.FLOAT, N);
    checkpoint.readParameters(into);
    return into.toFloatVector();
  }

  @Test
  void aStepCheckpointLoadsWithItsStateAndMoments() throws Exception {
    Path run = fixture("single");
    TrainedCheckpoint located = located(run, false);
    assertEquals(run.resolve("checkpoints/step-0000003").toString(), located.dir().toUri().getPath());
    assertArrayEquals(values(N, 0), parameters(located));

    CheckpointStore<CheckpointState> store = store(run, CheckpointKind.STEP);
    org.apache.hadoop.fs.Path checkpoint = store.latest().orElseThrow();
    CheckpointState state = store.readState(checkpoint, "ab".repeat(32), false);
    assertEquals(3, state.step());
    assertEquals(96, state.tokensSeen());
    assertEquals(new Cursor(0, 1, 12), state.cursor());
    assertEquals(7, state.seed());
    float[] m = new float[N];
    float[] v = new float[N];
    store.read(checkpoint, state, Trainer.FIRST_MOMENT_FILE, FloatArrays.Elements.of(m));
    store.read(checkpoint, state, Trainer.SECOND_MOMENT_FILE, FloatArrays.Elements.of(v));
    assertArrayEquals(values(N, 1), m);
    assertArrayEquals(values(N, 2), v);
  }

  @Test
  void aRoundCheckpointLoadsWithItsStateAndOuterMomentum() throws Exception {
    Path run = fixture("diloco");
    TrainedCheckpoint located = located(run, true);
    assertArrayEquals(values(N, 3), parameters(located));

    CheckpointStore<RoundState> store = store(run, RoundState.KIND);
    RoundState state = store.readState(store.latest().orElseThrow(), "ab".repeat(32), false);
    assertEquals(2, state.rounds());
    assertEquals(4, state.step());
    assertEquals(2, state.workers());
    assertEquals(128, state.tokensSeen());
    assertEquals(OuterRule.NESTEROV, state.outer());
    float[] momentum = new float[N];
    store.read(store.latest().orElseThrow(), state, RoundState.MOMENTUM_FILE, FloatArrays.Elements.of(momentum));
    assertArrayEquals(values(N, 4), momentum);
    assertEquals(Map.of(), state.workerFiles());
  }
}
