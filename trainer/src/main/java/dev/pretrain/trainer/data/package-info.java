/**
 * Train and validation data from the tokenize job's token shards, read with parquet-hadoop (no Spark
 * session): {@link dev.pretrain.trainer.data.ShardDataset} checks the manifest against the model,
 * {@link dev.pretrain.trainer.data.TrainBatches} yields batches in a seeded, resumable order
 * ({@link dev.pretrain.trainer.data.Cursor}), {@link dev.pretrain.trainer.data.PrefetchingBatches}
 * reads them ahead on a background thread.
 */
package dev.pretrain.trainer.data;
