package dev.pretrain.trainer.distributed;

import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.data.ShardDataset;
import dev.pretrain.trainer.data.TokenShardFixture;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.model.GptConfig;
import dev.pretrain.trainer.optim.AdamW;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A tiny distributed setup: a {@code local[2,2]} session (two task slots, a failed task retried once)
 * with Kryo as on the cluster, a token dataset of 18 train rows in 4 shards, and a 2-layer width-32 model
 * with T = 8, B = 2.
 */
final class DilocoFixture {
  private DilocoFixture() {}

  static final PrintStream QUIET = System.getenv("DILOCO_VERBOSE") != null ? System.out
      : new PrintStream(new ByteArrayOutputStream());
  static final long SEED = 1337;

  static SparkSession spark(Class<?> testClass) {
    return SparkSession.builder()
        .master("local[2,2]")
        .appName(testClass.getSimpleName())
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .getOrCreate();
  }

  /** Stops the class's session and gives later test classes in this JVM their threads back. */
  static void stop(SparkSession spark) {
    spark.stop();
    // The tasks limited this JVM's ND4J and BLAS threads to one; later test classes share the JVM.
    TaskResources.limitThreads(Runtime.getRuntime().availableProcessors());
  }

  static void writeData(Path dir) {
    TokenShardFixture.write(dir, 500, 12, new int[] {5, 3, 4, 6}, new int[] {4, 4});
  }

  /** AdamW with the tiny model; {@code h} inner steps, {@code rounds} rounds, one micro-batch per step. */
  static InnerTraining inner(int h, int rounds) {
    return new InnerTraining(train(h * rounds, 1e-2, 1e-3, 2, 1.0), h, AdamW.Settings.GPT);
  }

  /** The tiny model's settings (B=2, T=8, one micro-batch per step) with the given schedule and clipping. */
  static TrainSettings train(int maxSteps, double maxLr, double minLr, int warmup, double gradClip) {
    return new TrainSettings(GptConfig.of(512, 16, 2, 2, 32, true), 8, 2, 16, maxLr, minLr, warmup, maxSteps, 0.1,
        gradClip, 1, 4, 1, 3, SEED, 1, 1e12, false, 0, TrainSettings.Samples.NONE);
  }

  /** The first {@code rows} train rows: a fixed set the tiny model's loss can fall on in a few rounds. */
  static int[] trainRows(Path data, InnerTraining inner, int rows) {
    ShardDataset dataset = ShardDataset.open(data.toString(), new Configuration(), inner.model().vocabSize(),
        inner.train().blockSize(), false);
    try (BatchSource b = dataset.trainBatches(rows, inner.train().blockSize(), SEED, Cursor.START)) {
      return b.next().rows();
    }
  }

  static DilocoSettings diloco(int h, OuterRule outer, int checkpointInterval) {
    return new DilocoSettings(h, outer, 0.7, 0.9, false, 2, checkpointInterval, 1);
  }

  static ShardSlices slices(Path data, InnerTraining inner, int workers) {
    return new ShardSlices(data.toString(), new HadoopConf(new Configuration()), inner, workers);
  }

  static int[] valRows(Path data, InnerTraining inner) {
    return ShardDataset.open(data.toString(), new Configuration(), inner.model().vocabSize(), inner.train().blockSize(),
            false)
        .validationRows(4, inner.train().blockSize());
  }

  static DilocoRun run(SparkSession spark, InnerTraining inner, DilocoSettings diloco, SliceSource data, Path runDir,
                       int[] valRows) {
    return new DilocoRun(JavaSparkContext.fromSparkContext(spark.sparkContext()), inner, diloco, 2, data,
        new HadoopConf(new Configuration()), new DilocoRun.Persistence(runDir.toString(), "manifest-sha", 3), valRows,
        QUIET);
  }
}
