package dev.pretrain.trainer.data;

import dev.pretrain.common.io.Sha256;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A token dataset written by the tokenize job, opened for one model: the manifest is parsed and
 * checked against the model (tokenizer vocabulary within the model's, {@code seq_len} covering the
 * block), every shard must exist, and on request every shard's SHA-256 must match the manifest.
 */
public final class ShardDataset {

  public static final String TRAIN = "train";
  public static final String VAL = "val";

  private final String dir;
  private final Manifest manifest;
  private final String manifestSha256;
  private final Configuration hadoop;
  private final List<String> trainShards;
  private final List<String> valShards;

  private ShardDataset(String dir, Manifest manifest, String manifestSha256, Configuration hadoop) {
    this.dir = dir;
    this.manifest = manifest;
    this.manifestSha256 = manifestSha256;
    this.hadoop = hadoop;
    this.trainShards = locations(manifest, TRAIN);
    this.valShards = locations(manifest, VAL);
  }

  /**
   * @param modelVocab   the model's vocabulary; the tokenizer's must not be larger
   * @param blockSize    tokens per training sequence T; the manifest's seq_len must be at least T
   * @param verifyShards whether to hash every shard against the manifest (reads the whole dataset)
   */
  public static ShardDataset open(String dir, Configuration hadoop, int modelVocab, int blockSize,
                                  boolean verifyShards) {
    String manifestPath = ManifestFile.resolve(dir, Manifest.FILE_NAME);
    byte[] bytes;
    try {
      bytes = readAll(manifestPath, hadoop);
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException("not a token dataset: no " + Manifest.FILE_NAME + " in " + dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifestPath, e);
    }
    Manifest manifest = ManifestFile.parse(bytes, manifestPath);
    int vocab = manifest.tokenizer().vocabSize();
    if (vocab > modelVocab) {
      throw new IllegalArgumentException("the dataset's tokenizer has vocab_size " + vocab
          + " but the model's vocabulary is " + modelVocab + " (" + manifestPath + "); choose a model with"
          + " a vocabulary of at least " + vocab);
    }
    if (manifest.seqLen() < blockSize) {
      throw new IllegalArgumentException("the dataset's seq_len is " + manifest.seqLen() + " (" + manifestPath
          + "), shorter than the block size " + blockSize + "; lower the block size or re-tokenize");
    }
    Manifest.Split train = manifest.splits().get(TRAIN);
    if (train == null || train.shards().isEmpty()) {
      throw new IllegalArgumentException(manifestPath + " has no '" + TRAIN + "' shards to train on");
    }
    ShardDataset dataset = new ShardDataset(dir, manifest, ManifestFile.sha256(bytes), hadoop);
    dataset.checkShards(verifyShards);
    return dataset;
  }

  private void checkShards(boolean verify) {
    for (String split : manifest.splits().keySet()) {
      for (Manifest.Shard shard : manifest.splits().get(split).shards()) {
        String location = ManifestFile.resolve(dir, shard.path());
        try {
          Path path = new Path(location);
          FileSystem fs = path.getFileSystem(hadoop);
          if (!fs.exists(path)) {
            throw new IllegalArgumentException("shard " + location + " listed in " + Manifest.FILE_NAME
                + " does not exist");
          }
          if (verify) {
            String actual = sha256(location, hadoop);
            if (!actual.equals(shard.sha256())) {
              throw new IllegalArgumentException("shard " + location + " has SHA-256 " + actual
                  + " but the manifest records " + shard.sha256() + ": the shard is corrupted or was replaced");
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot check shard " + location, e);
        }
      }
    }
  }

  private static byte[] readAll(String location, Configuration hadoop) throws IOException {
    Path path = new Path(location);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return in.readAllBytes();
    }
  }

  private static String sha256(String location, Configuration hadoop) throws IOException {
    return Sha256.ofFile(location, hadoop);
  }

  private List<String> locations(Manifest m, String split) {
    Manifest.Split s = m.splits().get(split);
    return s == null ? List.of() : s.shards().stream().map(sh -> ManifestFile.resolve(dir, sh.path())).toList();
  }

  public Manifest manifest() {
    return manifest;
  }

  /** SHA-256 of manifest.json's bytes: checkpoints record it to tie a run to its data. */
  public String manifestSha256() {
    return manifestSha256;
  }

  /** Train batches of {@code batch} rows truncated to {@code blockSize + 1} ids, from {@code cursor}. */
  public TrainBatches trainBatches(int batch, int blockSize, long seed, Cursor cursor) {
    return new TrainBatches(trainShards, hadoop, manifest.seqLen(), manifest.tokenizer().vocabSize(), batch,
        blockSize, seed, cursor);
  }

  /**
   * Where the train loader stands before the row at {@code globalRow} of the endless train sequence
   * (epochs of the seeded shard permutation, each shard's rows in order): a loader started there
   * yields exactly what an uninterrupted loader yields after {@code globalRow} rows. Lets a data-parallel
   * worker read its own contiguous slice of that sequence.
   */
  public Cursor cursorAtRow(long globalRow, long seed) {
    if (globalRow < 0) {
      throw new IllegalArgumentException("a row position is non-negative, got " + globalRow);
    }
    List<Manifest.Shard> shards = manifest.splits().get(TRAIN).shards();
    long perEpoch = manifest.splits().get(TRAIN).rows();
    if (perEpoch < 1) {
      throw new IllegalArgumentException("the '" + TRAIN + "' split holds no rows");
    }
    long epoch = globalRow / perEpoch;
    long within = globalRow % perEpoch;
    int[] order = ShardOrder.of(shards.size(), seed, epoch);
    for (int position = 0; position < order.length; position++) {
      long rows = shards.get(order[position]).rows();
      if (within < rows) {
        return new Cursor(epoch, position, within);
      }
      within -= rows;
    }
    throw new IllegalStateException("the '" + TRAIN + "' shards' rows do not add up to the split's " + perEpoch);
  }

  /**
   * The fixed validation set: the first {@code rows} rows of {@code val/} in manifest order, truncated
   * to {@code blockSize + 1} ids, as {@code [rows, blockSize + 1]}.
   */
  public int[] validationRows(int rows, int blockSize) {
    long available = manifest.splits().containsKey(VAL) ? manifest.splits().get(VAL).rows() : 0;
    if (available < rows) {
      throw new IllegalArgumentException("evaluation wants " + rows + " validation rows but the dataset's '"
          + VAL + "' split holds " + available);
    }
    int width = blockSize + 1;
    int[] out = new int[Math.multiplyExact(rows, width)];
    int filled = 0;
    for (String location : valShards) {
      try (ShardRowReader reader = new ShardRowReader(location, hadoop, manifest.seqLen(),
          manifest.tokenizer().vocabSize())) {
        while (filled < rows && reader.next()) {
          System.arraycopy(reader.row(), 0, out, filled * width, width);
          filled++;
        }
      }
      if (filled == rows) {
        break;
      }
    }
    if (filled < rows) {
      throw new ShardReadException("the '" + VAL + "' shards hold " + filled + " rows, fewer than the "
          + available + " the manifest records");
    }
    return out;
  }
}
