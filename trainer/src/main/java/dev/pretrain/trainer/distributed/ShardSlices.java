package dev.pretrain.trainer.distributed;

import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.trainer.TrainSettings;
import dev.pretrain.trainer.data.BatchSource;
import dev.pretrain.trainer.data.Cursor;
import dev.pretrain.trainer.data.PrefetchingBatches;
import dev.pretrain.trainer.data.ShardDataset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Worker slices of the token shards. The run reads the same endless row sequence a single-process run
 * reads (seeded shard order per epoch); round r consumes the next N·H·K·B rows and worker w takes the
 * w-th contiguous block of H·K·B of them. With H = 1 worker w's micro-batches are exactly micro-batches
 * w·K … w·K+K−1 of a single process stepping with N·K micro-batches, which is what makes H = 1 with
 * averaging comparable to synchronous training.
 */
public final class ShardSlices implements SliceSource {
  private static final long serialVersionUID = 1L;

  /** Batches read ahead by the loader thread. */
  private static final int PREFETCH_BATCHES = 4;

  /** Opened datasets per executor JVM: opening checks every shard exists, too slow to repeat per task. */
  private static final Map<String, ShardDataset> OPENED = new ConcurrentHashMap<>();

  private final String dataDir;
  private final HadoopConf hadoop;
  private final InnerTraining inner;
  private final int workers;

  public ShardSlices(String dataDir, HadoopConf hadoop, InnerTraining inner, int workers) {
    this.dataDir = dataDir;
    this.hadoop = hadoop;
    this.inner = inner;
    this.workers = workers;
  }

  /** Position of the first row worker {@code worker} reads in round {@code round}. */
  public long firstRow(int round, int worker) {
    return ((long) round * workers + worker) * inner.rowsPerWorkerRound();
  }

  @Override
  public BatchSource open(int round, int worker) {
    TrainSettings train = inner.train();
    ShardDataset data = OPENED.computeIfAbsent(dataDir, d -> ShardDataset.open(d, hadoop.get(),
        train.model().vocabSize(), train.blockSize(), false));
    Cursor start = data.cursorAtRow(firstRow(round, worker), train.seed());
    return new PrefetchingBatches(data.trainBatches(train.batchSize(), train.blockSize(), train.seed(), start),
        PREFETCH_BATCHES);
  }
}
