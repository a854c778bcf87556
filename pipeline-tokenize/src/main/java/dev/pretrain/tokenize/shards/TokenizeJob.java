package dev.pretrain.tokenize.shards;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.pretrain.common.document.CuratedDocuments;
import dev.pretrain.common.error.JobStopped;
import dev.pretrain.common.document.DocumentSchema;
import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.common.io.InputFingerprint;
import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.output.InputOverlap;
import dev.pretrain.common.output.OutputLayout;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.tokenize.Tokenizer;
import dev.pretrain.tokenize.mix.MixPlan;
import dev.pretrain.tokenize.mix.MixSettings;
import dev.pretrain.tokenize.mix.MixSource;
import dev.pretrain.tokenize.report.TokenStatistics;
import dev.pretrain.tokenize.report.TokenizeReportPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code pipeline tokenize}: curated documents → packed, shuffled token shards + manifest.json.
 *
 * <ol>
 *   <li>Executors encode each document (ordinary text) and append the end-of-text id; a hash of
 *       the id puts it in {@code train} or {@code val} and in one of {@code pack-partitions}
 *       groups. The encoded documents are cached, and one pass counts ids per (split, group) and
 *       the rejects. A document that fails to encode goes to {@code rejects/} with its reason
 *       ({@code id-is-null}, {@code text-is-null}, {@code cannot-encode}) and the encoder's error;
 *       over {@code max-reject-fraction} of them stop the job before anything is written.
 *   <li>The counts fix every group's row count, so the {@link PackLayout} knows each row's
 *       {@code seq_idx} in advance: the seeded global shuffle is a {@link SeededPermutation} of a
 *       split's packed order, which depends on nothing but the input and the seed.
 *   <li>One shuffle brings each group's documents to one task in id order; the task concatenates
 *       them, cuts rows of {@code seq-len + 1} ids (the partial last row is dropped or padded)
 *       and keys each row by its {@code seq_idx}. A second shuffle brings each shard's rows, in
 *       order, to one writer task: shards of {@code rows-per-shard} rows are written with
 *       parquet-hadoop and hashed, and {@code manifest.json} is committed last through
 *       {@link AtomicOutput}.
 * </ol>
 *
 * <p>A weighted mix of several inputs ({@code tokenize.mix}) adds a step between the first two:
 * the sources are encoded and their tokens counted, a {@link MixPlan} turns the weights into whole
 * and partial epochs per source, {@link PartialEpochs} chooses each partial epoch's documents, and
 * {@link MixCopies} makes the copies that then go through the steps above as documents of their own.
 */
public final class TokenizeJob {
  public static final String TRAIN = "train";
  public static final String VAL = "val";
  public static final String REJECTS = "rejects";
  /** The dataset's own copy of its tokenizer.json (none for tiktoken vocabularies), so sample and export find it. */
  public static final String TOKENIZER = "tokenizer.json";
  /** What a token dataset holds besides its marker and {@code _SUCCESS}. */
  public static final OutputLayout LAYOUT =
      OutputLayout.atomic("tokenize", List.of(TRAIN, VAL, REJECTS, Manifest.FILE_NAME, TOKENIZER,
          TokenStatistics.FILE_NAME, TokenizeReportPage.FILE_NAME));
  /** The splits in index order (the index is what shuffle keys carry). */
  public static final List<String> SPLITS = List.of(TRAIN, VAL);
  /** How many rejected documents a too-many-rejects message names. */
  static final int REJECTS_IN_MESSAGE = 5;

  private static final StructType REJECTS_SCHEMA = new StructType()
      .add("id", DataTypes.StringType, true)
      .add("text", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, false)
      .add("error", DataTypes.StringType, true);

  /** Thrown when more than {@code tokenize.max-reject-fraction} of the documents cannot be encoded. */
  public static final class TooManyRejects extends JobStopped {
    private static final long serialVersionUID = 1L;

    TooManyRejects(String message) {
      super(message);
    }
  }

  private TokenizeJob() {}

  /** As {@link #run(SparkSession, TokenizeSettings, String, String, boolean)}, refusing to replace a complete output. */
  public static TokenizeReport run(SparkSession spark, TokenizeSettings settings, String input, String outputDir)
      throws IOException {
    return run(spark, settings, input, outputDir, false);
  }

  public static TokenizeReport run(
      SparkSession spark, TokenizeSettings settings, String input, String outputDir, boolean overwrite)
      throws IOException {
    return run(spark, settings, input, outputDir, overwrite, Map.of());
  }

  /**
   * @param input a curate output, or its {@code documents/} directory
   * @param firstSeqIdx per split, the {@code seq_idx} of this run's first row (absent = 0): the rows
   *     of the dataset these shards extend, so that a refreshed corpus numbers its rows consecutively
   */
  public static TokenizeReport run(SparkSession spark, TokenizeSettings settings, String input,
      String outputDir, boolean overwrite, Map<String, Long> firstSeqIdx) throws IOException {
    return tokenize(spark, settings, List.of(input), null, outputDir, overwrite, firstSeqIdx);
  }

  /**
   * A weighted mix of curate outputs: each source's share of the shards' tokens follows its weight
   * (see {@link MixPlan} for the plan and {@link PartialEpochs} for the seeded subsets). A mix of one
   * source without a budget writes the same shards as {@link #run(SparkSession, TokenizeSettings, String, String)}.
   */
  public static TokenizeReport run(SparkSession spark, TokenizeSettings settings, MixSettings mix, String outputDir,
      boolean overwrite) throws IOException {
    if (mix.sources().isEmpty()) {
      throw new IllegalArgumentException("a mix needs at least one source (tokenize.mix or --input NAME=PATH:WEIGHT)");
    }
    return tokenize(spark, settings, mix.sources().stream().map(MixSource::input).toList(), mix, outputDir, overwrite,
        Map.of());
  }

  /** @param mix null: the single input's documents, each once, as before mixing existed */
  private static TokenizeReport tokenize(SparkSession spark, TokenizeSettings settings, List<String> sourceInputs,
      MixSettings mix, String outputDir, boolean overwrite, Map<String, Long> firstSeqIdx) throws IOException {
    long started = System.nanoTime();
    SparkContext sc = spark.sparkContext();
    Configuration hadoop = sc.hadoopConfiguration();
    List<String> documentsDirs = new ArrayList<>();
    for (String input : sourceInputs) {
      documentsDirs.add(CuratedDocuments.in(input, hadoop));
    }
    List<String> inputs = new ArrayList<>(sourceInputs);
    if (!settings.tokenizer().startsWith(dev.pretrain.tokenize.Tokenizers.TIKTOKEN_PREFIX)) {
      inputs.add(settings.tokenizer());
    }
    InputOverlap.refuse(inputs, outputDir, hadoop);
    TokenizerSource source = TokenizerSource.of(settings.tokenizer(), hadoop);
    Tokenizer tokenizer = source.get();
    Integer eot = tokenizer.specialTokens().get(settings.eotToken());
    if (eot == null) {
      throw new IllegalArgumentException("tokenizer " + settings.tokenizer() + " has no special token "
          + settings.eotToken() + " (tokenize.eot-token); its special tokens: " + new TreeMap<>(tokenizer.specialTokens()).keySet());
    }
    List<Dataset<Row>> docs = new ArrayList<>();
    for (String documentsDir : documentsDirs) {
      Dataset<Row> d = spark.read().parquet(documentsDir);
      DocumentSchema.require(d.schema(), documentsDir, "id", "text");
      docs.add(d);
    }
    String fingerprint = InputFingerprint.of(documentsDirs, hadoop,
        settings + "\t" + tokenizer.sha256() + (mix == null ? "" : "\t" + mix));
    boolean pad = settings.remainder() == TokenizeSettings.Remainder.PAD;

    AtomicOutput out = AtomicOutput.begin(outputDir, LAYOUT, inputs, overwrite, hadoop);
    JavaRDD<EncodedDocument> encoded = null;
    for (int i = 0; i < docs.size(); i++) {
      JavaRDD<EncodedDocument> one = docs.get(i).select(col("id"), col("text"),
              reportedSource(docs.get(i), mix == null ? null : mix.sources().get(i).name()), stringOrNull(docs.get(i), "lang"))
          .javaRDD()
          .mapPartitions(new EncodeDocuments(source, eot, settings.valFraction(), settings.packPartitions(), i));
      encoded = encoded == null ? one : encoded.union(one);
    }
    encoded = encoded.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // A mix is planned in tokens, and a source's tokens are only known once it is encoded: so the
      // sources are encoded (and cached) first, their tokens counted, the epochs planned from those
      // counts, and only then the copies chosen from the cache. A single input skips all of it.
      JavaRDD<EncodedDocument> selected = encoded;
      List<Manifest.Source> sources = null;
      if (mix != null) {
        sc.setJobDescription("tokenize: encode, count tokens per source");
        int n = mix.sources().size();
        SourceTotals measured = encoded.mapPartitions(it -> {
          SourceTotals t = new SourceTotals(n);
          it.forEachRemaining(t::add);
          return List.of(t).iterator();
        }).reduce(SourceTotals::merge);
        checkRejects(encoded, measured.rejected(), measured.all(), settings.maxRejectFraction());
        MixPlan plan = MixPlan.of(mix.sources(), measured.tokens(), mix.maxTokens());
        sc.setJobDescription("tokenize: choose each source's partial epoch");
        PartialEpochs epochs = PartialEpochs.find(encoded, plan, settings.seed());
        selected = encoded.flatMap(new MixCopies(epochs, settings.packPartitions()));
        sources = sources(plan, measured, epochs);
      }

      sc.setJobDescription(mix == null ? "tokenize: encode, count ids per pack group" : "tokenize: count ids per pack group");
      int groups = settings.packPartitions();
      GroupTotals totals = selected.mapPartitions(it -> {
        GroupTotals t = new GroupTotals(groups);
        it.forEachRemaining(t::add);
        return List.of(t).iterator();
      }).reduce(GroupTotals::merge);
      if (mix == null) {
        checkRejects(encoded, totals.rejected(), totals.rejected() + totals.documents(0) + totals.documents(1),
            settings.maxRejectFraction());
      }

      sc.setJobDescription("tokenize: tokens and bytes per source and language");
      TokenStatistics statistics = encoded.mapPartitions(it -> {
        TokenStatistics t = new TokenStatistics();
        it.forEachRemaining(d -> {
          if (!d.isReject()) {
            t.add(d.origin, d.lang, d.tokenCount(), d.textBytes);
          }
        });
        return List.of(t).iterator();
      }).reduce(TokenStatistics::merge);

      sc.setJobDescription("tokenize: write rejects");
      writeRejects(spark, encoded, totals.rejected(), out.staged(REJECTS));

      sc.setJobDescription("tokenize: pack and write shards");
      PackLayout layout = new PackLayout(totals, settings.rowLength(), pad, settings.seed());
      Map<String, List<ShardInfo>> shards = packAndWrite(sc, selected, layout, settings, eot, out, hadoop, firstSeqIdx);

      Optional<byte[]> tokenizerCopy = source.json();
      Map<String, Manifest.Split> splits = new TreeMap<>();
      Map<String, Long> rowsBySplit = new TreeMap<>();
      Map<String, Integer> shardsBySplit = new TreeMap<>();
      long documents = totals.rejected();
      long tokens = 0;
      long textBytes = 0;
      long rows = 0;
      for (int s = 0; s < SPLITS.size(); s++) {
        String split = SPLITS.get(s);
        List<Manifest.Shard> listed = new ArrayList<>();
        for (ShardInfo info : shards.get(split)) {
          listed.add(new Manifest.Shard(info.path(), info.rows(), info.firstSeqIdx(), info.sha256()));
        }
        splits.put(split, new Manifest.Split(totals.documents(s), layout.rows(s), listed));
        rowsBySplit.put(split, layout.rows(s));
        shardsBySplit.put(split, listed.size());
        documents += totals.documents(s);
        tokens += totals.tokens(s);
        textBytes += totals.textBytes(s);
        rows += layout.rows(s);
      }
      long rowTokens = rows * settings.rowLength();
      long dropped = pad ? 0 : tokens - rowTokens;
      long padded = pad ? rowTokens - tokens : 0;

      Manifest manifest = new Manifest(
          Manifest.FORMAT,
          Manifest.VERSION,
          new Manifest.Tokenizer(tokenizerName(settings.tokenizer()), tokenizer.sha256(), tokenizer.vocabSize(),
              new TreeMap<>(tokenizer.specialTokens()), eot, tokenizerCopy.isPresent() ? TOKENIZER : null),
          settings.seqLen(),
          settings.seed(),
          fingerprint,
          new Manifest.Totals(documents, tokens, rows, dropped, totals.rejected()),
          splits,
          sources);
      byte[] json = ManifestFile.toJson(manifest);
      out.writeStagedText(Manifest.FILE_NAME, new String(json, StandardCharsets.UTF_8));
      String statisticsJson = statistics.toJson();
      out.writeStagedText(TokenStatistics.FILE_NAME, statisticsJson);
      out.writeStagedText(TokenizeReportPage.FILE_NAME,
          TokenizeReportPage.html(new String(json, StandardCharsets.UTF_8), Optional.of(statisticsJson), outputDir));
      List<String> parts = new ArrayList<>(List.of(TRAIN, VAL, REJECTS, Manifest.FILE_NAME, TokenStatistics.FILE_NAME,
          TokenizeReportPage.FILE_NAME));
      if (tokenizerCopy.isPresent()) {
        out.writeStaged(TOKENIZER, tokenizerCopy.get());
        parts.add(TOKENIZER);
      }
      out.commit(parts);
      return new TokenizeReport((System.nanoTime() - started) / 1e9, documents, totals.rejected(), textBytes, tokens,
          rows, dropped, padded, rowsBySplit, shardsBySplit, ManifestFile.sha256(json),
          sources == null ? List.of() : sources);
    } catch (Exception e) { // Spark rethrows a failed write as SparkException, a checked exception Java cannot see
      out.abort();
      throw e;
    } finally {
      sc.setJobDescription(null);
      encoded.unpersist(false);
    }
  }

  /** For the report: a mix's source name, or else the documents' own {@code source} column when they have one. */
  private static Column reportedSource(Dataset<Row> documents, String mixSource) {
    return mixSource != null ? lit(mixSource) : stringOrNull(documents, "source");
  }

  private static Column stringOrNull(Dataset<Row> documents, String column) {
    return List.of(documents.columns()).contains(column) ? col(column).cast(DataTypes.StringType)
        : lit(null).cast(DataTypes.StringType);
  }

  /** The file name of a tokenizer.json (the manifest must not depend on where it lay), or tiktoken:NAME. */
  private static String tokenizerName(String spec) {
    return spec.startsWith(dev.pretrain.tokenize.Tokenizers.TIKTOKEN_PREFIX) ? spec : new Path(spec).getName();
  }

  /** What each source of a mix put into the shards: its whole epochs and its partial one. */
  private static List<Manifest.Source> sources(MixPlan plan, SourceTotals measured, PartialEpochs epochs) {
    List<Manifest.Source> sources = new ArrayList<>();
    for (int s = 0; s < plan.shares().size(); s++) {
      MixPlan.Share share = plan.shares().get(s);
      long whole = epochs.wholeEpochs(s);
      long documents = whole * measured.documents(s) + epochs.documents(s);
      long tokens = whole * share.heldTokens() + epochs.tokens(s);
      sources.add(new Manifest.Source(share.source().name(), share.source().input(), share.source().weight(),
          documents, tokens, (double) tokens / share.heldTokens(), measured.documents(s), share.heldTokens()));
    }
    return sources;
  }

  /** Stops the job, naming the first rejects by id, when their share is over the maximum. */
  private static void checkRejects(JavaRDD<EncodedDocument> encoded, long rejected, long all, double maxFraction) {
    if (rejected == 0 || rejected <= maxFraction * all) {
      return;
    }
    List<String> examples = encoded.filter(EncodedDocument::isReject)
        .map(d -> String.valueOf(d.id) + ": " + d.reason + (d.error == null ? "" : " (" + d.error + ")"))
        .takeOrdered(REJECTS_IN_MESSAGE);
    throw new TooManyRejects(String.format(Locale.ROOT,
        "tokenize: %,d of %,d documents (%.2f%%) cannot be encoded, over tokenize.max-reject-fraction %s; "
            + "nothing was written. The first by id:%n  %s%nCheck the input and the tokenizer, or raise "
            + "tokenize.max-reject-fraction.",
        rejected, all, 100.0 * rejected / all, maxFraction, String.join("\n  ", examples)));
  }

  /** The rejects (few) as one file; with none, an empty table, without another pass over the cache. */
  private static void writeRejects(SparkSession spark, JavaRDD<EncodedDocument> encoded, long rejected, String dir) {
    JavaRDD<Row> rows = rejected == 0
        ? JavaSparkContext.fromSparkContext(spark.sparkContext()).emptyRDD()
        : encoded.filter(EncodedDocument::isReject).map(d -> RowFactory.create(d.id, d.text, d.reason, d.error));
    spark.createDataFrame(rows, REJECTS_SCHEMA).coalesce(1).write().parquet(dir);
  }

  private static Map<String, List<ShardInfo>> packAndWrite(SparkContext sc, JavaRDD<EncodedDocument> encoded,
      PackLayout layout, TokenizeSettings settings, int eot, AtomicOutput out, Configuration hadoop,
      Map<String, Long> firstSeqIdx) throws IOException {
    String staging = new Path(out.staged(TRAIN)).getParent().toString();
    long[] rowsPerSplit = new long[SPLITS.size()];
    long[] offsets = SPLITS.stream().mapToLong(split -> firstSeqIdx.getOrDefault(split, 0L)).toArray();
    long shards = 0;
    for (int s = 0; s < SPLITS.size(); s++) {
      Path dir = new Path(out.staged(SPLITS.get(s)));
      dir.getFileSystem(hadoop).mkdirs(dir);
      rowsPerSplit[s] = layout.rows(s);
      shards += ShardPartitioner.shards(rowsPerSplit[s], settings.rowsPerShard());
    }
    int writers = (int) Math.max(1, Math.min(shards, sc.defaultParallelism()));
    List<ShardInfo> written = encoded
        .filter(d -> !d.isReject())
        .mapToPair(d -> new Tuple2<>(new PackKey(d.split, d.group, d.id, StableHash.ofIds(d.tokens)), d.tokens))
        .repartitionAndSortWithinPartitions(new PackGroupPartitioner(settings.packPartitions()))
        .mapPartitionsToPair(new PackGroups(layout, settings.rowLength(),
            settings.remainder() == TokenizeSettings.Remainder.PAD, eot))
        .repartitionAndSortWithinPartitions(new ShardPartitioner(settings.rowsPerShard(), rowsPerSplit, writers))
        .mapPartitions(new WriteShards(staging, settings.rowsPerShard(), settings.rowsPerRowGroup(), new HadoopConf(hadoop),
            offsets))
        .collect();
    Map<String, List<ShardInfo>> bySplit = new TreeMap<>();
    for (int s = 0; s < SPLITS.size(); s++) {
      String split = SPLITS.get(s);
      List<ShardInfo> listed = new ArrayList<>(written.stream().filter(i -> i.split().equals(split)).toList());
      listed.sort(Comparator.comparingLong(ShardInfo::firstSeqIdx));
      long expected = ShardPartitioner.shards(rowsPerSplit[s], settings.rowsPerShard());
      long rows = listed.stream().mapToLong(ShardInfo::rows).sum();
      if (listed.size() != expected || rows != rowsPerSplit[s]) {
        throw new IllegalStateException(split + ": wrote " + listed.size() + " shards of " + rows + " rows, expected "
            + expected + " of " + rowsPerSplit[s]);
      }
      bySplit.put(split, listed);
    }
    return bySplit;
  }
}
