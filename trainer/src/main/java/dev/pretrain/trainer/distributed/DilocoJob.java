package dev.pretrain.trainer.distributed;

import dev.pretrain.trainer.RunConfig;
import dev.pretrain.trainer.RunDirectory;
import dev.pretrain.trainer.sample.CheckpointSamples;
import dev.pretrain.trainer.trained.RunDataset;
import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.data.ShardDataset;
import dev.pretrain.trainer.gpu.DeviceCheck;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code pipeline train --workers N}: DiLoCo rounds over N Spark tasks ({@link DilocoRun}), the data and
 * the run directory on any Hadoop file system (local, HDFS, S3A).
 */
public final class DilocoJob {
  private DilocoJob() {}

  /**
   * Trains all rounds, or the remaining ones of the run in {@code runDir} with {@code resume}.
   *
   * @param settingsConf the {@code train} section (with {@code train.diloco}) both settings were read from, as
   *                     HOCON: the run's {@code config.conf} ({@link RunConfig})
   */
  public static Optional<Path> run(SparkSession session, TrainSettings train, DilocoSettings diloco,
                                   String settingsConf, int workers, String dataDir, String runDir, boolean resume,
                                   boolean allowOtherData, PrintStream console) {
    requireStaticAllocation(session.sparkContext().getConf());
    DeviceCheck.logAndCheck(console);
    Configuration hadoop = session.sparkContext().hadoopConfiguration();
    RunDirectory run = RunDirectory.open(runDir, dataDir, hadoop);
    ShardDataset data = ShardDataset.open(dataDir, hadoop, train.model().vocabSize(), train.blockSize(),
        train.verifyShards());
    int[] valRows = data.validationRows(train.evalRows(), train.blockSize());
    InnerTraining inner = InnerTraining.of(train, diloco);
    HadoopConf shipped = new HadoopConf(hadoop);
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
    int slots = spark.defaultParallelism();
    console.println(String.format(Locale.ROOT,
        "DiLoCo: %d workers × %d inner steps per round, %d rounds, outer %s (lr %.2f, momentum %.2f)%s;"
            + " model %,d parameters, B=%d T=%d, %d micro-batch(es) per step; data %s",
        workers, diloco.innerSteps(), diloco.rounds(train.maxSteps()), diloco.outer().name().toLowerCase(Locale.ROOT),
        diloco.outerLr(), diloco.outerMomentum(), diloco.fp16Deltas() ? ", fp16 deltas" : "",
        train.model().parameterCount(), train.batchSize(), train.blockSize(), train.accumulation(), dataDir));
    if (slots < workers) {
      console.println("note: the cluster offers " + slots + " task slots for " + workers + " workers; rounds run"
          + " some workers one after another");
    }
    DilocoRun rounds = new DilocoRun(spark, inner, diloco, workers, new ShardSlices(dataDir, shipped, inner, workers),
        shipped, new DilocoRun.Persistence(runDir, data.manifestSha256(), train.keepCheckpoints()), valRows, console);
    if (train.samples().enabled()) {
      rounds.sampling(CheckpointSamples.of(train.samples(), train.model(), new RunDataset(dataDir, data.manifest()),
          hadoop));
    }
    // Written once a resume is known to be possible: a refused one leaves the run's settings as they were.
    return rounds.run(rounds.totalRounds(), resume, allowOtherData,
        () -> run.writeConfig(new RunConfig(dataDir, workers), settingsConf)).lastCheckpoint();
  }

  /**
   * Each worker keeps its optimizer state in its executor between rounds and each round needs all N
   * tasks at once; executors that come and go under dynamic allocation would throw both away.
   */
  static void requireStaticAllocation(SparkConf conf) {
    if (conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
      throw new IllegalArgumentException("train --workers needs spark.dynamicAllocation.enabled=false: workers keep"
          + " their optimizer state in their executors between rounds and every round needs all workers at once."
          + " Set it to false (conf/trainer-gpu.conf does) and size the executors for N workers");
    }
  }
}
