package dev.pretrain.bench.tokenize;

import static org.apache.spark.sql.functions.col;

import dev.pretrain.common.document.DocumentSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Curated-documents Parquet of any size for the benchmarks, built from a small real corpus (the
 * repo's {@code jobs/sample/corpus}, JSONL with {@code text}) so its words and scripts are real
 * but the documents are not a handful of repeats: each document splices runs of consecutive lines
 * from random source documents, and swaps a share of its words for words drawn from random lines
 * (so word frequencies stay Zipf-like), with a seeded random stream per document index. The same
 * corpus, size and seed give the same documents.
 *
 * <pre>
 * java $SPARK_JVM_FLAGS -cp ... dev.pretrain.bench.tokenize.SyntheticDocuments 'CORPUS/*.jsonl.gz' OUT_DIR MB [SEED=1]
 * </pre>
 */
public final class SyntheticDocuments {
  private static final int MIN_DOC_BYTES = 400;
  private static final int MAX_DOC_BYTES = 8000;
  private static final double WORD_SWAP = 0.15;

  private SyntheticDocuments() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: SyntheticDocuments CORPUS_GLOB OUT_DIR MB [SEED=1]");
      System.exit(2);
    }
    SparkSession spark = BenchSpark.start("SyntheticDocuments");
    try {
      long docs = generate(spark, args[0], args[1], Long.parseLong(args[2]), args.length > 3 ? Long.parseLong(args[3]) : 1);
      System.out.printf("wrote %d documents to %s%n", docs, args[1]);
    } finally {
      spark.stop();
    }
  }

  /**
   * Writes about {@code megabytes} MB of UTF-8 text as documents Parquet into {@code outDir},
   * unless a complete one ({@code _SUCCESS}) is already there; returns the number of documents.
   */
  public static long generate(SparkSession spark, String corpusGlob, String outDir, long megabytes, long seed) {
    try {
      Path success = new Path(outDir, "_SUCCESS");
      if (success.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(success)) {
        return spark.read().parquet(outDir).count();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> lines = new ArrayList<>();
    List<Integer> docStarts = new ArrayList<>();
    for (Row r : spark.read().json(corpusGlob).select("text").filter(col("text").isNotNull()).orderBy("id").collectAsList()) {
      docStarts.add(lines.size());
      for (String line : r.getString(0).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("no text in " + corpusGlob);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Pool> pool = jsc.broadcast(new Pool(lines.toArray(new String[0]),
        docStarts.stream().mapToInt(Integer::intValue).toArray()));
    long documents = megabytes * 1_000_000L / ((MIN_DOC_BYTES + MAX_DOC_BYTES) / 2);
    int partitions = (int) Math.max(2, megabytes / 64);
    JavaRDD<Row> rows = jsc.parallelize(rangeStarts(documents, partitions), partitions)
        .flatMap(range -> new DocumentIterator(pool.value(), seed, range[0], range[1]));
    spark.createDataFrame(rows, DocumentSchema.SCHEMA).write().mode(SaveMode.Overwrite).parquet(outDir);
    pool.destroy();
    return documents;
  }

  private static List<long[]> rangeStarts(long documents, int partitions) {
    List<long[]> ranges = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      ranges.add(new long[] {documents * p / partitions, documents * (p + 1) / partitions});
    }
    return ranges;
  }

  /** The source lines, and where each source document's lines begin. */
  private record Pool(String[] lines, int[] docStarts) implements java.io.Serializable {}

  private static final class DocumentIterator implements Iterator<Row> {
    private final Pool pool;
    private final long seed;
    private long next;
    private final long end;

    DocumentIterator(Pool pool, long seed, long from, long end) {
      this.pool = pool;
      this.seed = seed;
      this.next = from;
      this.end = end;
    }

    @Override
    public boolean hasNext() {
      return next < end;
    }

    @Override
    public Row next() {
      long index = next++;
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
      int target = MIN_DOC_BYTES + random.nextInt(MAX_DOC_BYTES - MIN_DOC_BYTES);
      StringBuilder text = new StringBuilder(target + 200);
      while (text.length() < target) {
        int doc = random.nextInt(pool.docStarts().length);
        int from = pool.docStarts()[doc];
        int to = doc + 1 < pool.docStarts().length ? pool.docStarts()[doc + 1] : pool.lines().length;
        if (to == from) {
          continue;
        }
        int line = from + random.nextInt(to - from);
        for (int run = 1 + random.nextInt(8); run > 0 && line < to && text.length() < target; run--, line++) {
          appendVaried(text, pool.lines()[line], random);
          text.append('\n');
        }
      }
      String source = "synthetic-" + (index % 3);
      return RowFactory.create(String.format("synth/%012d", index), text.toString(), source, null, null,
          new scala.collection.immutable.HashMap<String, String>(), 1); // a Java Map is not a valid external type here
    }

    private void appendVaried(StringBuilder text, String line, SplittableRandom random) {
      int start = 0;
      for (int i = 0; i <= line.length(); i++) {
        if (i == line.length() || line.charAt(i) == ' ') {
          if (i > start && random.nextDouble() < WORD_SWAP) {
            text.append(randomWord(random));
          } else {
            text.append(line, start, i);
          }
          if (i < line.length()) {
            text.append(' ');
          }
          start = i + 1;
        }
      }
    }

    private String randomWord(SplittableRandom random) {
      String line = pool.lines()[random.nextInt(pool.lines().length)];
      int at = random.nextInt(line.length());
      int from = line.lastIndexOf(' ', at) + 1;
      int to = line.indexOf(' ', from);
      String word = line.substring(from, to < 0 ? line.length() : to);
      return word.isEmpty() ? "the" : word;
    }
  }
}
