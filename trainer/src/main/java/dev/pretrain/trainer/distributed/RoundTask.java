package dev.pretrain.trainer.distributed;

import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.trainer.MemoryEstimate;
import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.Trainer;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.FloatArrays;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One worker's part of one round, run as a Spark task over a partition holding the worker's index: set
 * θ from the broadcast, take H inner AdamW steps on the worker's data slice, return Δ = θ − θ_worker.
 * The inner optimizer state comes from the executor's {@link WorkerRegistry}; when it is not there (first
 * round, another executor, a retry after a failure mid-round) it comes from the round checkpoint the
 * driver names if that checkpoint was written for this round, and is fresh otherwise. The data slice is
 * opened before the state is touched, so a failure to read leaves the kept state for the retry.
 */
final class RoundTask implements FlatMapFunction<Iterator<Integer>, WorkerResult> {
  private static final long serialVersionUID = 1L;

  /** Worker moments saved with a round checkpoint, and their SHA-256 as recorded by the driver. */
  record SavedStates(String dir, TreeMap<Integer, String[]> sha256) implements Serializable {
  }

  private final String runId;
  private final int round;
  private final InnerTraining inner;
  private final SliceSource data;
  private final Broadcast<float[]> theta;
  private final boolean fp16;
  private final SavedStates load;
  private final String saveDir;
  private final HadoopConf hadoop;

  /**
   * @param load    states ready for this round to use when the registry has none, or null
   * @param saveDir where to save the moments after this round (a checkpoint round), or null
   */
  RoundTask(String runId, int round, InnerTraining inner, SliceSource data, Broadcast<float[]> theta, boolean fp16,
            SavedStates load, String saveDir, HadoopConf hadoop) {
    this.runId = runId;
    this.round = round;
    this.inner = inner;
    this.data = data;
    this.theta = theta;
    this.fp16 = fp16;
    this.load = load;
    this.saveDir = saveDir;
    this.hadoop = hadoop;
  }

  static String momentFile(int worker, String name) {
    return String.format("worker-%05d.%s", worker, name);
  }

  @Override
  public Iterator<WorkerResult> call(Iterator<Integer> workers) throws IOException {
    WorkerResult out = null;
    while (workers.hasNext()) {
      WorkerResult r = runWorker(workers.next());
      out = out == null ? r : WorkerResult.merge(out, r);
    }
    return out == null ? List.<WorkerResult>of().iterator() : List.of(out).iterator();
  }

  private WorkerResult runWorker(int worker) throws IOException {
    long start = System.nanoTime();
    int device = TaskResources.bind();
    WorkerResult result = new WorkerResult();
    result.workers = 1;
    try (BatchSource batches = data.open(round, worker)) {
      long fetchStart = System.nanoTime();
      float[] global = theta.value();
      result.maxFetchNanos = System.nanoTime() - fetchStart;
      Trainer trainer = WorkerRegistry.take(runId, worker, round, device).orElse(null);
      if (trainer == null) {
        MemoryEstimate.requireFits(inner.model(), inner.train().batchSize(), inner.train().blockSize());
        trainer = inner.newTrainer();
        if (load != null && load.sha256().containsKey(worker)) {
          loadMoments(trainer, worker);
          result.restoredStates = 1;
        } else if (round > 0) {
          // Fresh moments (lost executor, retry after a failure mid-round); the step count below keeps
          // the learning-rate schedule where the run is.
          result.freshStates = 1;
        }
        trainer.restore((long) round * inner.innerSteps(), (long) round * inner.tokensPerWorkerRound(), Cursor.START);
      }
      FloatArrays.copy(global, trainer.parameters());
      long computeStart = System.nanoTime();
      List<Trainer.StepResult> steps = trainer.run(inner.innerSteps(), batches);
      result.maxComputeNanos = System.nanoTime() - computeStart;
      float[] local = FloatArrays.toArray(trainer.parameters());
      if (fp16) {
        short[] half = new short[local.length];
        for (int i = 0; i < local.length; i++) {
          half[i] = Half.fromFloat(global[i] - local[i]);
        }
        result.half = half;
      } else {
        for (int i = 0; i < local.length; i++) {
          local[i] = global[i] - local[i];
        }
        result.deltaSum = local;
      }
      for (Trainer.StepResult s : steps) {
        result.lossSum += s.loss();
      }
      Trainer.StepResult last = steps.get(steps.size() - 1);
      result.steps = steps.size();
      result.lastLossSum = last.loss();
      result.lastLr = last.learningRate();
      result.tokens = inner.tokensPerWorkerRound();
      if (saveDir != null) {
        result.stateFiles.put(worker, saveMoments(trainer, worker));
      }
      WorkerRegistry.put(runId, worker, trainer, round + 1, device);
    }
    result.maxTaskNanos = System.nanoTime() - start;
    return result;
  }

  private String[] saveMoments(Trainer trainer, int worker) throws IOException {
    Map<String, INDArray> arrays = trainer.arrays();
    Path dir = new Path(saveDir);
    FileSystem fs = RunDirectory.fileSystem(dir, hadoop.get());
    String[] names = {Trainer.FIRST_MOMENT_FILE, Trainer.SECOND_MOMENT_FILE};
    String[] sha256 = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      sha256[i] = FloatArrays.write(fs, new Path(dir, momentFile(worker, names[i])),
          FloatArrays.Elements.of(arrays.get(names[i]))).sha256();
    }
    return sha256;
  }

  private void loadMoments(Trainer trainer, int worker) {
    Map<String, INDArray> arrays = trainer.arrays();
    Path dir = new Path(load.dir());
    String[] sha = load.sha256().get(worker);
    try {
      FileSystem fs = RunDirectory.fileSystem(dir, hadoop.get());
      String[] names = {Trainer.FIRST_MOMENT_FILE, Trainer.SECOND_MOMENT_FILE};
      for (int i = 0; i < names.length; i++) {
        INDArray into = arrays.get(names[i]);
        FloatArrays.read(fs, new Path(dir, momentFile(worker, names[i])),
            new CheckpointState.ArrayFile(sha[i], into.length()), FloatArrays.Elements.of(into));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load worker " + worker + "'s optimizer state from " + dir, e);
    }
  }
}
