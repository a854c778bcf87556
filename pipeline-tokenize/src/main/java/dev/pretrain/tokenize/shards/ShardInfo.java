package dev.pretrain.tokenize.shards;

import java.io.Serializable;

/** A written shard as the manifest lists it; {@code path} is relative to the dataset directory. */
record ShardInfo(String path, long rows, long firstSeqIdx, String sha256) implements Serializable {}
