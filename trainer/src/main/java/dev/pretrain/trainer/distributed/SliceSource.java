package dev.pretrain.trainer.distributed;

import dev.pretrain.trainer.data.BatchSource;
import java.io.Serializable;

/**
 * Where worker {@code worker} reads its batches in round {@code round}. Implementations must be a pure
 * function of (data, seed, round, worker): a retried task has to read the same rows.
 */
public interface SliceSource extends Serializable {

  BatchSource open(int round, int worker);
}
