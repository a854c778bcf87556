package dev.pretrain.tokenize.shards;

import dev.pretrain.common.io.Sha256;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.common.shards.ShardSchema;
import dev.pretrain.common.shards.TokenCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * {@code pipeline tokenize --verify DIR}: checks a token dataset against its manifest without
 * Spark. Every shard must exist, hash to its recorded SHA-256, hold its recorded rows with
 * consecutive {@code seq_idx} from its first, and every row must have {@code seq_len + 1} ids below
 * the vocabulary size and increasing document starts inside the row. At most ten row problems are
 * listed per shard.
 */
public final class TokenizeVerifier {
  private TokenizeVerifier() {}

  /** What verification found; the dataset is sound if {@code problems} is empty. */
  public record Result(List<String> problems, int shardsChecked, long rowsChecked) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** As {@link #verify(Configuration, String)} with the session's Hadoop settings (S3A and the like). */
  public static Result verify(org.apache.spark.sql.SparkSession spark, String datasetDir) throws IOException {
    return verify(spark.sparkContext().hadoopConfiguration(), datasetDir);
  }

  public static Result verify(Configuration hadoop, String datasetDir) throws IOException {
    List<String> problems = new ArrayList<>();
    Path manifestPath = new Path(datasetDir, Manifest.FILE_NAME);
    FileSystem fs = manifestPath.getFileSystem(hadoop);
    if (!fs.exists(manifestPath)) {
      return new Result(List.of(manifestPath + " is missing: the dataset is incomplete or not a token dataset"), 0, 0);
    }
    Manifest manifest;
    try (InputStream in = fs.open(manifestPath)) {
      manifest = ManifestFile.parse(in.readAllBytes(), manifestPath.toString());
    } catch (IllegalArgumentException e) {
      return new Result(List.of(e.getMessage()), 0, 0);
    }
    int rowBytes = (manifest.seqLen() + 1) * Integer.BYTES;
    int vocab = manifest.tokenizer().vocabSize();
    int shards = 0;
    long rows = 0;
    Set<Path> listed = new HashSet<>();
    for (Map.Entry<String, Manifest.Split> split : manifest.splits().entrySet()) {
      long expectedFirst = 0;
      for (Manifest.Shard shard : split.getValue().shards()) {
        String where = split.getKey() + " shard " + shard.path();
        if (shard.firstSeqIdx() != expectedFirst) {
          problems.add(where + ": first_seq_idx is " + shard.firstSeqIdx() + ", expected " + expectedFirst);
        }
        expectedFirst = shard.firstSeqIdx() + shard.rows();
        String file = ManifestFile.resolve(datasetDir, shard.path());
        Path path = new Path(file);
        FileSystem shardFs = path.getFileSystem(hadoop);
        listed.add(shardFs.makeQualified(path));
        if (!shardFs.exists(path)) {
          problems.add(where + ": file is missing");
          continue;
        }
        shards++;
        try {
          String sha = ShardWriter.sha256(file, hadoop);
          if (!sha.equals(shard.sha256())) {
            problems.add(where + ": sha256 is " + sha + ", the manifest says " + shard.sha256());
            continue; // a corrupt file may not even parse
          }
          rows += checkRows(path, hadoop, shard, rowBytes, vocab, where, problems);
        } catch (ChecksumException e) {
          problems.add(where + ": its bytes no longer match Hadoop's checksum file (." + path.getName()
              + ".crc): the shard was changed or corrupted after it was written (" + firstLine(e) + ")");
        } catch (IOException | RuntimeException e) {
          problems.add(where + ": cannot be read: " + firstLine(e));
        }
      }
    }
    problems.addAll(unlisted(fs, new Path(datasetDir), manifest, listed));
    checkTokenizerCopy(fs, datasetDir, manifest, problems);
    return new Result(List.copyOf(problems), shards, rows);
  }

  /** Files in the dataset's split directories that the manifest does not list (checksum side files aside). */
  private static List<String> unlisted(FileSystem fs, Path dataset, Manifest manifest, Set<Path> listed)
      throws IOException {
    List<String> extra = new ArrayList<>();
    for (String split : manifest.splits().keySet()) {
      Path dir = new Path(dataset, split);
      if (!fs.isDirectory(dir)) {
        continue;
      }
      for (FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        if (!name.startsWith(".") && !name.startsWith("_") && !listed.contains(fs.makeQualified(status.getPath()))) {
          extra.add(split + "/" + name + ": an extra file the manifest does not list");
        }
      }
    }
    return extra;
  }

  /** The dataset's copy of its tokenizer.json, when the manifest names one, must be the tokenizer it records. */
  private static void checkTokenizerCopy(FileSystem fs, String datasetDir, Manifest manifest, List<String> problems)
      throws IOException {
    String file = manifest.tokenizer().file();
    if (file == null) {
      return;
    }
    Path path = new Path(ManifestFile.resolve(datasetDir, file));
    if (!fs.exists(path)) {
      problems.add("tokenizer " + file + ": file is missing");
      return;
    }
    try (InputStream in = fs.open(path)) {
      String sha = Sha256.hex(in.readAllBytes());
      if (!sha.equals(manifest.tokenizer().sha256())) {
        problems.add("tokenizer " + file + ": sha256 is " + sha + ", the manifest says " + manifest.tokenizer().sha256());
      }
    } catch (IOException e) {
      problems.add("tokenizer " + file + ": cannot be read: " + firstLine(e));
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static long checkRows(Path path, Configuration hadoop, Manifest.Shard shard, int rowBytes, int vocab,
      String where, List<String> problems) throws IOException {
    try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(path, hadoop))) {
      long footerRows = footer.getFooter().getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
      if (footerRows != shard.rows()) {
        problems.add(where + ": holds " + footerRows + " rows, the manifest says " + shard.rows());
      }
    }
    long n = 0;
    int reported = 0;
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(hadoop).build()) {
      Group row;
      while ((row = reader.read()) != null && reported < 10) {
        byte[] tokens = row.getBinary(ShardSchema.TOKENS, 0).getBytes();
        long seqIdx = row.getLong(ShardSchema.SEQ_IDX, 0);
        String at = where + " row " + n;
        if (seqIdx != shard.firstSeqIdx() + n) {
          problems.add(at + ": seq_idx is " + seqIdx + ", expected " + (shard.firstSeqIdx() + n));
          reported++;
        }
        if (tokens.length != rowBytes) {
          problems.add(at + ": tokens has " + tokens.length + " bytes, expected " + rowBytes);
          reported++;
        } else {
          for (int id : TokenCodec.decode(tokens)) {
            if (id < 0 || id >= vocab) {
              problems.add(at + ": id " + id + " is outside [0, " + vocab + ")");
              reported++;
              break;
            }
          }
        }
        Group starts = row.getGroup(ShardSchema.DOC_STARTS, 0);
        int previous = -1;
        for (int i = 0; i < starts.getFieldRepetitionCount("list"); i++) {
          int s = starts.getGroup("list", i).getInteger("element", 0);
          if (s <= previous || s >= rowBytes / Integer.BYTES) {
            problems.add(at + ": doc_starts holds " + s + ", not increasing inside the row");
            reported++;
          }
          previous = s;
        }
        n++;
      }
    }
    return n;
  }
}
