package dev.pretrain.tokenize.shards;

import dev.pretrain.common.io.HadoopConf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.pretrain.common.document.DocumentSchema;
import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.tokenize.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code pipeline tokenize}: curated documents → packed, shuffled token shards + manifest.json.
 *
 * <ol>
 *   <li>Executors encode each document (ordinary text) and append the end-of-text id; a document
 *       that fails to encode goes to {@code rejects/} with its reason.
 *   <li>A hash of the id puts each document in {@code train} or {@code val} and in one of
 *       {@code pack-partitions} groups; a group's documents are concatenated in id order and cut
 *       into rows of {@code seq-len + 1} ids; each group's partial last row is dropped or padded.
 *   <li>Rows are ordered by a seeded hash of (group, row in group): the global shuffle depends on
 *       nothing but the input and the seed. {@code seq_idx} is the position in that order.
 *   <li>Shards of {@code rows-per-shard} rows are written with parquet-hadoop, hashed, and
 *       {@code manifest.json} is committed last through {@link AtomicOutput}.
 * </ol>
 */
public final class TokenizeJob {
  public static final String TRAIN = "train";
  public static final String VAL = "val";
  public static final String REJECTS = "rejects";

  private TokenizeJob() {}

  /** As {@link #run(SparkSession, TokenizeSettings, String, String, boolean)}, refusing to replace a complete output. */
  public static TokenizeReport run(SparkSession spark, TokenizeSettings settings, String documentsDir, String outputDir)
      throws IOException {
    return run(spark, settings, documentsDir, outputDir, false);
  }

  public static TokenizeReport run(
      SparkSession spark, TokenizeSettings settings, String documentsDir, String outputDir, boolean overwrite)
      throws IOException {
    long started = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    TokenizerSource source = TokenizerSource.of(settings.tokenizer(), hadoop);
    Tokenizer tokenizer = source.get();
    Integer eot = tokenizer.specialTokens().get(settings.eotToken());
    if (eot == null) {
      throw new IllegalArgumentException("tokenizer " + settings.tokenizer() + " has no special token "
          + settings.eotToken() + " (tokenize.eot-token); its special tokens: " + new TreeMap<>(tokenizer.specialTokens()).keySet());
    }
    Dataset<Row> docs = spark.read().parquet(documentsDir);
    DocumentSchema.require(docs.schema(), documentsDir, "id", "text");
    String fingerprint = InputFingerprint.of(documentsDir, hadoop, settings + "\t" + tokenizer.sha256());

    AtomicOutput out = AtomicOutput.begin(outputDir, overwrite, hadoop);
    Dataset<Row> encoded = null;
    try {
      encoded = spark.createDataFrame(
              docs.select("id", "text").javaRDD().mapPartitions(
                  new EncodeDocuments(source, eot, settings.valFraction(), settings.packPartitions())),
              EncodeDocuments.SCHEMA)
          .persist(StorageLevel.MEMORY_AND_DISK());

      // The first action encodes in parallel and fills the cache; the rejects (few) are written
      // after it, as one file, from the cache (coalesce(1) first would encode in one task).
      Map<String, long[]> stats = splitStats(encoded); // split -> documents, tokens, text bytes
      long rejected = encoded.filter(col("reason").isNotNull()).count();
      encoded.filter(col("reason").isNotNull()).select("id", "text", "reason")
          .coalesce(1).write().parquet(out.staged(REJECTS));
      Map<String, Manifest.Split> splits = new TreeMap<>();
      Map<String, Long> rowsBySplit = new TreeMap<>();
      Map<String, Integer> shardsBySplit = new TreeMap<>();
      long documents = rejected;
      long tokens = 0;
      long textBytes = 0;
      long rows = 0;
      for (String split : List.of(TRAIN, VAL)) {
        long[] s = stats.getOrDefault(split, new long[3]);
        List<ShardInfo> shards = packAndWrite(spark, encoded, split, settings, eot, out, hadoop);
        long splitRows = shards.stream().mapToLong(ShardInfo::rows).sum();
        List<Manifest.Shard> listed = new ArrayList<>();
        for (ShardInfo info : shards) {
          listed.add(new Manifest.Shard(info.path(), info.rows(), info.firstSeqIdx(), info.sha256()));
        }
        splits.put(split, new Manifest.Split(s[0], splitRows, listed));
        rowsBySplit.put(split, splitRows);
        shardsBySplit.put(split, shards.size());
        documents += s[0];
        tokens += s[1];
        textBytes += s[2];
        rows += splitRows;
      }
      long rowTokens = rows * settings.rowLength();
      long dropped = settings.remainder() == TokenizeSettings.Remainder.DROP ? tokens - rowTokens : 0;
      long padded = settings.remainder() == TokenizeSettings.Remainder.PAD ? rowTokens - tokens : 0;

      Manifest manifest = new Manifest(
          Manifest.FORMAT,
          Manifest.VERSION,
          new Manifest.Tokenizer(tokenizerName(settings.tokenizer()), tokenizer.sha256(), tokenizer.vocabSize(),
              new TreeMap<>(tokenizer.specialTokens()), eot),
          settings.seqLen(),
          settings.seed(),
          fingerprint,
          new Manifest.Totals(documents, tokens, rows, dropped, rejected),
          splits);
      byte[] json = ManifestFile.toJson(manifest);
      out.writeStagedText(Manifest.FILE_NAME, new String(json, StandardCharsets.UTF_8));
      out.commit(List.of(TRAIN, VAL, REJECTS, Manifest.FILE_NAME));
      return new TokenizeReport((System.nanoTime() - started) / 1e9, documents, rejected, textBytes, tokens, rows,
          dropped, padded, rowsBySplit, shardsBySplit, ManifestFile.sha256(json));
    } catch (IOException | RuntimeException e) {
      out.abort();
      throw e;
    } finally {
      if (encoded != null) {
        encoded.unpersist();
      }
    }
  }

  /** The file name of a tokenizer.json (the manifest must not depend on where it lay), or tiktoken:NAME. */
  private static String tokenizerName(String spec) {
    return spec.startsWith(dev.pretrain.tokenize.Tokenizers.TIKTOKEN_PREFIX) ? spec : new Path(spec).getName();
  }

  private static Map<String, long[]> splitStats(Dataset<Row> encoded) {
    Map<String, long[]> stats = new LinkedHashMap<>();
    for (Row r : encoded.filter(col("reason").isNull()).groupBy("split")
        .agg(count(lit(1)), sum(col("n_tokens").cast("long")), sum(col("n_bytes"))).collectAsList()) {
      stats.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
    }
    return stats;
  }

  private static List<ShardInfo> packAndWrite(SparkSession spark, Dataset<Row> encoded, String split,
      TokenizeSettings settings, int eot, AtomicOutput out, Configuration hadoop) throws IOException {
    new Path(out.staged(split)).getFileSystem(hadoop).mkdirs(new Path(out.staged(split)));
    Dataset<Row> groups = encoded
        .filter(col("reason").isNull().and(col("split").equalTo(split)))
        .select("grp", "id", "tokens")
        .repartition(settings.packPartitions(), col("grp"))
        .sortWithinPartitions("grp", "id", "tokens");
    Dataset<Row> packed = spark.createDataFrame(
            groups.javaRDD().mapPartitions(new PackGroups(settings.rowLength(),
                settings.remainder() == TokenizeSettings.Remainder.PAD, eot, settings.seed())),
            PackGroups.SCHEMA)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long rows = packed.count();
      if (rows == 0) {
        return List.of();
      }
      long shards = (rows + settings.rowsPerShard() - 1) / settings.rowsPerShard();
      int writers = (int) Math.max(1, Math.min(shards, spark.sparkContext().defaultParallelism()));
      JavaPairRDD<Long, PackedRowValue> bySeqIdx = packed.orderBy("key", "grp", "row").select("tokens", "doc_starts")
          .javaRDD().zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), new PackedRowValue((byte[]) t._1().get(0),
              t._1().<Integer>getList(1).stream().mapToInt(Integer::intValue).toArray())));
      List<ShardInfo> written = new ArrayList<>(bySeqIdx
          .repartitionAndSortWithinPartitions(new ShardPartitioner(settings.rowsPerShard(), writers))
          .mapPartitions(new WriteShards(new Path(out.staged(split)).getParent().toString(), split, settings.rowsPerShard(), settings.rowsPerRowGroup(),
              new HadoopConf(hadoop)))
          .collect());
      written.sort(Comparator.comparingLong(ShardInfo::firstSeqIdx));
      if (written.size() != shards) {
        throw new IllegalStateException(split + ": wrote " + written.size() + " shards, expected " + shards);
      }
      return written;
    } finally {
      packed.unpersist();
    }
  }
}
