package dev.pretrain.trainer;

import dev.pretrain.common.output.OutputRefused;
import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.checkpoint.Checkpoints;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.data.PrefetchingBatches;
import dev.pretrain.trainer.data.ShardDataset;
import dev.pretrain.trainer.gpu.DeviceCheck;
import dev.pretrain.trainer.model.Gpt;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code pipeline train}: trains the configured model on a token dataset into a run directory
 * ({@link RunConfig}'s {@code config.conf} and {@code config.json}, {@code metrics.jsonl},
 * {@code checkpoints/}), or resumes the newest checkpoint there, continuing the same batch sequence.
 */
public final class TrainJob {
  private TrainJob() {}

  /** Batches read ahead of the step by the loader thread. */
  private static final int PREFETCH_BATCHES = 4;

  private static final double GIB = 1024.0 * 1024 * 1024;

  /**
   * @param settingsConf   the {@code train} section {@code settings} were read from, as HOCON: the run's
   *                       {@code config.conf} ({@link RunConfig})
   * @param hadoop         the job's Hadoop configuration (S3A settings, credentials providers): the dataset and
   *                       the run directory may be on any Hadoop file system it reaches
   * @param allowOtherData resume even though the dataset's manifest differs from the checkpoint's
   * @param stopAtStep     stop (with a checkpoint) after this many steps, at most {@code max-steps}; the
   *                       schedule still runs over {@code max-steps}
   * @return the last checkpoint written
   */
  public static Path run(TrainSettings settings, String settingsConf, Configuration hadoop, String dataDir,
                         String runDir, boolean resume, boolean allowOtherData, long stopAtStep, PrintStream console) {
    if (stopAtStep < 1 || stopAtStep > settings.maxSteps()) {
      throw new IllegalArgumentException("stop step must be in [1, max-steps " + settings.maxSteps() + "], got "
          + stopAtStep);
    }
    // Before anything touches ND4J: JavaCPP reads its limit once, when it initialises.
    NativeMemoryLimit.apply(settings.maxPhysicalBytes());
    RunDirectory.open(runDir, dataDir, hadoop);
    Path run = Path.of(runDir);
    Checkpoints checkpoints = new Checkpoints(run, settings.keepCheckpoints());
    Optional<Path> latest = checkpoints.latest();
    if (resume && latest.isEmpty()) {
      throw new OutputRefused("nothing to resume: no checkpoint in " + run.resolve(Checkpoints.DIR));
    }
    if (!resume && latest.isPresent()) {
      throw new OutputRefused(runDir + " already holds checkpoints (newest " + latest.get()
          + "); resume it with --resume or choose a new run directory");
    }
    DeviceCheck.logAndCheck(console);
    MemoryEstimate.requireFits(settings.model(), settings.batchSize(), settings.blockSize())
        .ifPresent(console::println);
    ShardDataset data = ShardDataset.open(dataDir, hadoop, settings.model().vocabSize(),
        settings.blockSize(), settings.verifyShards());
    int[] valRows = data.validationRows(settings.evalRows(), settings.blockSize());
    Gpt model = new Gpt(settings.model(), settings.batchSize(), settings.blockSize(), DataType.FLOAT, settings.seed());
    Trainer trainer = new Trainer(model, settings.trainerSettings());
    Optional<Path> resumedFrom = Optional.empty();
    if (resume) {
      Path from = latest.get();
      CheckpointState peek = Checkpoints.readState(from);
      if (!peek.model().equals(settings.model())) {
        throw new IllegalArgumentException("checkpoint " + from + " is of model " + peek.model()
            + " but the settings ask for " + settings.model() + "; a run keeps the settings it was started with in"
            + " its " + RunConfig.SETTINGS_FILE + " (runs started before it existed need their --conf again)");
      }
      CheckpointState state = Checkpoints.load(from, trainer.arrays(), data.manifestSha256(), allowOtherData);
      trainer.restore(state.step(), state.tokensSeen(), state.cursor());
      resumedFrom = Optional.of(from);
      MetricsLog.dropAfter(run, state.step());
      console.println("resuming " + from + " at step " + state.step() + ", data cursor " + state.cursor());
    }
    if (trainer.step() >= stopAtStep) {
      return resumedFrom.orElseThrow();
    }
    new RunConfig(dataDir, 1).write(runDir, hadoop, settingsConf);
    console.println(String.format(Locale.ROOT,
        "ND4J backend %s; model %,d parameters, B=%d T=%d, %d micro-batch(es) per step, ~%.2f GiB native memory;"
            + " data %s: %,d train rows in %d shards",
        Nd4j.getBackend().getClass().getSimpleName(), settings.model().parameterCount(), settings.batchSize(),
        settings.blockSize(), settings.accumulation(),
        MemoryEstimate.offHeapBytes(settings.model(), settings.batchSize(), settings.blockSize()) / GIB, dataDir,
        data.manifest().splits().get(ShardDataset.TRAIN).rows(),
        data.manifest().splits().get(ShardDataset.TRAIN).shards().size()));
    Cursor start = trainer.cursor();
    try (MetricsLog metrics = new MetricsLog(run);
         PrefetchingBatches batches = new PrefetchingBatches(
             data.trainBatches(settings.batchSize(), settings.blockSize(), settings.seed(), start), PREFETCH_BATCHES)) {
      TrainRun loop = new TrainRun(trainer, settings, valRows, data.manifestSha256(), checkpoints, metrics, console,
          resumedFrom);
      return loop.runUntil(stopAtStep, batches);
    }
  }
}
