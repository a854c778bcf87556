package dev.pretrain.trainer;

import dev.pretrain.trainer.checkpoint.CheckpointState;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.data.PrefetchingBatches;
import dev.pretrain.trainer.data.ShardDataset;
import dev.pretrain.trainer.gpu.DeviceCheck;
import dev.pretrain.trainer.model.Gpt;
import dev.pretrain.trainer.sample.CheckpointSamples;
import dev.pretrain.trainer.trained.RunDataset;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code pipeline train}: trains the configured model on a token dataset into a run directory
 * ({@link RunDirectory}) one optimizer step at a time in this JVM ({@link TrainSteps} in a {@link RunLoop}),
 * or resumes the newest step checkpoint there, continuing the same batch sequence.
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
    RunLoop.requireStop(stopAtStep, settings.maxSteps(), "step", "max-steps ");
    // Before anything touches ND4J: JavaCPP reads its limit once, when it initialises.
    NativeMemoryLimit.apply(settings.maxPhysicalBytes());
    RunDirectory run = RunDirectory.open(runDir, dataDir, hadoop);
    DeviceCheck.logAndCheck(console);
    MemoryEstimate.requireFits(settings.model(), settings.batchSize(), settings.blockSize())
        .ifPresent(console::println);
    ShardDataset data = ShardDataset.open(dataDir, hadoop, settings.model().vocabSize(),
        settings.blockSize(), settings.verifyShards());
    int[] valRows = data.validationRows(settings.evalRows(), settings.blockSize());
    Gpt model = new Gpt(settings.model(), settings.batchSize(), settings.blockSize(), DataType.FLOAT, settings.seed());
    RunLoop.Cadence cadence = new RunLoop.Cadence(settings.logInterval(), settings.evalInterval(),
        settings.checkpointInterval());
    Function<Cursor, BatchSource> batches = from -> new PrefetchingBatches(
        data.trainBatches(settings.batchSize(), settings.blockSize(), settings.seed(), from), PREFETCH_BATCHES);
    Optional<CheckpointSamples> samples = settings.samples().enabled()
        ? Optional.of(CheckpointSamples.of(settings.samples(), settings.model(),
            new RunDataset(dataDir, data.manifest()), hadoop))
        : Optional.empty();
    try (TrainSteps steps = new TrainSteps(new Trainer(model, settings.trainerSettings()), settings, batches, valRows,
             data.manifestSha256());
         RunLoop<CheckpointState> loop = new RunLoop<>(run, settings.keepCheckpoints(), steps, cadence,
             data.manifestSha256(), console)) {
      samples.ifPresent(loop::sampling);
      return loop.open(resume, allowOtherData, () -> {
        run.writeConfig(new RunConfig(dataDir, 1), settingsConf);
        console.println(String.format(Locale.ROOT,
            "ND4J backend %s; model %,d parameters, B=%d T=%d, %d micro-batch(es) per step, ~%.2f GiB native"
                + " memory; data %s: %,d train rows in %d shards",
            Nd4j.getBackend().getClass().getSimpleName(), settings.model().parameterCount(),
            settings.batchSize(), settings.blockSize(), settings.accumulation(),
            MemoryEstimate.offHeapBytes(settings.model(), settings.batchSize(), settings.blockSize()) / GIB,
            dataDir, data.manifest().splits().get(ShardDataset.TRAIN).rows(),
            data.manifest().splits().get(ShardDataset.TRAIN).shards().size()));
      }).runUntil(stopAtStep).orElseThrow();
    }
  }
}
