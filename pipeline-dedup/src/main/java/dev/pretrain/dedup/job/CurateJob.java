package dev.pretrain.dedup.job;

import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.classify.ClassifierStep;
import dev.pretrain.dedup.corpus.CorpusStage;
import dev.pretrain.dedup.corpus.CorpusStages;
import dev.pretrain.dedup.decontaminate.Decontaminate;
import dev.pretrain.dedup.filter.LanguageFilter;
import dev.pretrain.dedup.report.CurateReportPage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.pretrain.common.document.DocumentSchema;
import dev.pretrain.common.io.HadoopConf;
import dev.pretrain.common.io.InputFingerprint;
import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.output.OutputLayout;
import dev.pretrain.common.read.BadRecordGate;
import dev.pretrain.common.read.DocumentReader;
import dev.pretrain.common.read.InputFile;
import dev.pretrain.common.read.InputFilesReport;
import dev.pretrain.common.read.InputListing;
import dev.pretrain.common.read.ReadRecords;
import dev.pretrain.common.spark.PhaseClock;
import dev.pretrain.common.spark.ShufflePartitions;
import dev.pretrain.dedup.index.IndexMetadata;
import dev.pretrain.dedup.index.PreviousOutput;
import dev.pretrain.dedup.minhash.MinHashSettings;
import dev.pretrain.dedup.minhash.SqlMinHash;
import dev.pretrain.dedup.report.ReportDetails;
import dev.pretrain.dedup.url.UrlFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The curate job: read → clean and filter → exact and near dedup → write, each step a function
 * of the previous one's table. Outputs appear atomically: {@code documents/}, {@code rejected/},
 * {@code dedup/clusters/}, {@code dedup/index/}, {@code report.json}, {@code report.html}, then {@code _SUCCESS}.
 */
public final class CurateJob {
  private static final Logger LOG = LoggerFactory.getLogger(CurateJob.class);
  private static final String CACHE_COMPRESSION = "spark.sql.inMemoryColumnarStorage.compressed";
  /** What a curate output holds besides its marker and {@code _SUCCESS}. */
  private static final List<String> BASE_PARTS = List.of("documents", "rejected", "dedup", "report.json",
      CurateReportPage.FILE_NAME);
  /**
   * What a curate output holds besides its marker and {@code _SUCCESS}: every run writes the base
   * parts; a corpus stage may add its own ({@link CorpusStage.Outcome#parts}).
   */
  public static final OutputLayout LAYOUT = OutputLayout.atomic("curate", concat(BASE_PARTS, List.of(Decontaminate.PART)));

  private final SparkSession spark;
  private final CurateSettings settings;
  private final String resolvedConfig;

  /**
   * @param settings read once in the driver; the executors get this object as it is
   * @param resolvedConfig the configuration they were read from, as the user would write it (HOCON),
   *     recorded in the report
   */
  public CurateJob(SparkSession spark, CurateSettings settings, String resolvedConfig) {
    this.spark = spark;
    this.settings = settings;
    this.resolvedConfig = resolvedConfig;
  }

  /** A job whose report records the typed settings themselves as its configuration. */
  public CurateJob(SparkSession spark, CurateSettings settings) {
    this(spark, settings, settings.toString());
  }

  public CurateReport run(List<String> inputs, String output, boolean overwrite) throws IOException {
    return run(inputs, output, overwrite, Optional.empty());
  }

  /**
   * @param against a finished earlier curate output to deduplicate against (incremental refresh):
   *     documents that duplicate one of its indexed documents, exactly or nearly, are removed and
   *     counted apart, and this output's {@code dedup/index/} covers its index and the documents
   *     kept now, so the next refresh can run against this output alone
   */
  public CurateReport run(List<String> inputs, String output, boolean overwrite, Optional<String> against)
      throws IOException {
    // A blocklist path that is wrong stops the job here, naming it, before any output or task.
    UrlFilter.check(settings.urlFilter(), spark.sparkContext().hadoopConfiguration());
    // So does a classifier's model that is missing, damaged or lacks the configured label.
    if (settings.filter().enabled()) {
      LanguageFilter.check(settings.filter().language(), spark.sparkContext().hadoopConfiguration());
      ClassifierStep.check(settings.filter().classifiers(), spark.sparkContext().hadoopConfiguration());
    }
    Decontaminate.check(settings.decontaminate(), spark); // so do evaluation sets that are missing or lack a field
    List<String> read = new ArrayList<>(inputs);
    against.ifPresent(read::add);
    Optional<PreviousOutput> previous = against.isPresent()
        ? Optional.of(PreviousOutput.open(spark, against.get(), settings.minhash()))
        : Optional.empty();
    AtomicOutput out = AtomicOutput.begin(output, LAYOUT, read, overwrite, spark.sparkContext().hadoopConfiguration());
    List<Dataset<?>> cached = new ArrayList<>();
    // The cached tables are mostly document text, which the cache's column compression cannot
    // shrink; trying it (a dictionary of every distinct text) cost ~7% of the job's CPU.
    String compressCache = spark.conf().get(CACHE_COMPRESSION, "true");
    spark.conf().set(CACHE_COMPRESSION, "false");
    String shufflePartitions = spark.conf().get(ShufflePartitions.KEY); // raised for a large input
    try {
      List<String> parts = new ArrayList<>(BASE_PARTS);
      CurateReport report = curate(inputs, read, previous, out, cached, parts);
      String json = report.toJson();
      out.writeStagedText("report.json", json);
      out.writeStagedText(CurateReportPage.FILE_NAME, CurateReportPage.html(json, output));
      out.commit(parts);
      return report;
    } catch (Exception e) { // Spark rethrows a failed write as SparkException, a checked exception Java cannot see
      out.abort();
      throw e;
    } finally {
      cached.forEach(Dataset::unpersist);
      spark.conf().set(CACHE_COMPRESSION, compressCache);
      spark.conf().set(ShufflePartitions.KEY, shufflePartitions);
    }
  }

  /** @param read the inputs and, with {@code --against}, the previous output: what the fingerprint covers */
  private CurateReport curate(List<String> inputs, List<String> read, Optional<PreviousOutput> previous,
      AtomicOutput out, List<Dataset<?>> cached, List<String> parts) throws IOException {
    try (PhaseClock phase = new PhaseClock(spark.sparkContext(), "curate")) {
      return curate(inputs, read, previous, out, cached, parts, phase);
    }
  }

  private CurateReport curate(List<String> inputs, List<String> readInputs, Optional<PreviousOutput> previous,
      AtomicOutput out, List<Dataset<?>> cached, List<String> parts, PhaseClock phase) throws IOException {

    // One pass reads, cleans and filters: the reader's rows go straight into the per-document step,
    // its rejects and counts rows through it (PerDocument), so the read is never held apart.
    phase.start("read+clean+filter");
    DocumentReader.Result read = DocumentReader.read(spark, inputs, settings.read());
    ShufflePartitions.raiseFor(spark, read.listing().files().stream().mapToLong(InputFile::bytes).sum(), "curate");
    // After the reader, which names an input that matches nothing as a bad command line.
    CurateReport.Provenance provenance = new CurateReport.Provenance(
        InputFingerprint.of(readInputs, spark.sparkContext().hadoopConfiguration(), settings.toString()), resolvedConfig);
    Dataset<Row> passing = persisted(read.rows()
        .mapPartitions(new PerDocument(settings, new HadoopConf(spark.sparkContext().hadoopConfiguration())),
            Encoders.row(CurateSchemas.passing(CurateSteps.scoreColumns(settings)))), cached);
    Column readRow = col(CurateSchemas.READ);
    // Everything but the texts, cached apart, the reader's own rows included: the report's many
    // aggregations and dedup's keys read only these small columns, while the texts outgrow the
    // cache's memory and are spilled to disk, from where each reader of them read every column back
    // (40 GB read for 4 GB of input).
    Dataset<Row> small = persisted(passing.drop("original_text", "text"), cached);
    // The gate's count is the pass's first action: computing the small table computes and caches
    // the pass too, in one job, and a junk input still stops the job before anything is written
    // (its rejects skip the steps).
    long recordsIn = BadRecordGate.check(small.filter(readRow.getField("read_counts").isNull())
        .select(col("file"), col("offset"), readRow.getField("reject_reason").as("reject_reason"),
            readRow.getField("meta").as("meta")), settings.read());
    LOG.info("curate: read {} records from {} input(s)", recordsIn, inputs.size());
    // The reader's rejects and counts rows, as the reader made them; and the documents.
    Dataset<Row> readRest = readRows(small.filter(readRow.isNotNull()));
    Dataset<Row> processed = passing.filter(readRow.isNull()).drop(CurateSchemas.READ);
    Dataset<Row> passed = processed.filter(col("stage").isNull());
    Dataset<Row> facts = small.filter(readRow.isNull()).drop(CurateSchemas.READ);
    Dataset<Row> passedFacts = facts.filter(col("stage").isNull());
    long passedCount = passedFacts.count();
    LOG.info("curate: {} documents passed cleaning and filters", passedCount);

    phase.start("dedup");
    if (settings.dedup().reliableCheckpoints() && spark.sparkContext().getCheckpointDir().isEmpty()) {
      spark.sparkContext().setCheckpointDir(out.staged("_checkpoints"));
    }
    // The SQL implementation computes band keys here, with Spark built-ins a GPU can run; the JVM
    // one computed them with the other per-document work. Cached: dedup and the index both read them.
    // Dedup and the index read the keys from the small cached columns (the SQL path's are in its own
    // table); the texts, which past the cache's memory are read back from disk, only where pairs are verified.
    Dataset<Row> signed = passed;
    Dataset<Row> keys = passedFacts;
    if (settings.minhash().implementation() == MinHashSettings.Implementation.SQL) {
      signed = persisted(new SqlMinHash(settings.minhash()).withBandKeys(passed, "text", "band_keys"), cached);
      keys = signed;
    }
    Deduplication.Clusters clusters = Deduplication.find(
        keys.select(col("id"), col("exact_key"), col("band_keys"), col("url"),
            col("meta").getItem("warc_date").as("warc_date")),
        signed.select("id", "text"), previous, settings.dedup(), settings.minhash());
    Dataset<Row> clusterOf = persisted(clusters.clusters(), cached);
    Deduplication.Counted counted = Deduplication.countClusters(clusterOf);
    List<StageCounters> stages = new ArrayList<>(clusters.stages());
    stages.add(counted.counters());
    Dataset<Row> kept = clusterOf.filter(col("kept"));

    // Partitioned by id before the join: the text crosses one shuffle, which the join and the
    // sorted output share (repartitioning the joined rows would shuffle it a second time).
    Dataset<Row> deduplicated = passed.repartition(col("id"))
        .join(kept.select(col("id"), col("cluster_size")), "id");
    List<CorpusStage> corpusStages = CorpusStages.of(settings);
    if (!corpusStages.isEmpty()) {
      phase.start("corpus-stages");
    }
    CorpusStages.Result corpus = CorpusStages.run(corpusStages, deduplicated,
        new CorpusStage.Context(spark, previous, out, cached));
    corpus.counters().forEach(c -> stages.add(new StageCounters(c.getKey(), c.getValue())));

    phase.start("write");
    List<Column> columns = new ArrayList<>(List.of(col("id"), col("text"), col("source"), col("url"), col("lang"),
        col("meta"), col("cluster_size").as("dup_cluster_size")));
    CurateSteps.scoreColumns(settings).forEach(score -> columns.add(col(score)));
    Dataset<Row> documents = corpus.kept().select(columns.toArray(new Column[0]));
    DocumentSchema.require(documents.schema(), "the curated documents", "id", "text", "source", "url", "lang", "meta",
        "dup_cluster_size");
    documents.sortWithinPartitions("id").write().parquet(out.staged("documents"));
    sorted(rejected(ReadRecords.records(readRest), processed, corpus)).write().parquet(out.staged("rejected"));
    sorted(clusterOf.filter(col("cluster_size").gt(1)).select(col("id"), col("cluster_id"), col("cluster_size"),
        col("kept"), col("removed_as"))).write().parquet(out.staged("dedup/clusters"));
    // The index holds the documents of the corpus: those a corpus stage removed are not in it.
    Dataset<Row> index = keys.select("id", "exact_key", "band_keys").repartition(col("id"))
        .join((corpus.ran() ? corpus.kept() : kept).select("id"), "id");
    if (previous.isPresent()) {
      index = index.union(previous.get().index());
    }
    // A union with the previous index is partitioned anew; this run's rows alone already are.
    (previous.isPresent() ? sorted(index) : index.sortWithinPartitions("id")).write().parquet(out.staged("dedup/index"));
    out.writeStagedText("dedup/index.json", IndexMetadata.of(settings.minhash()).toJson());
    parts.addAll(corpus.parts());

    phase.start("report");
    // Without corpus stages the kept ids come from the small cluster table, not the joined text.
    Dataset<Row> keptIds = corpus.ran() ? corpus.kept().select("id", "cluster_size") : kept;
    // The kept documents' sizes, source and language, joined once: the counts and the charts read them
    // several times, and each read was the join again.
    Dataset<Row> keptSizes = persisted((corpus.ran() ? corpus.kept()
        : passedFacts.join(keptIds.select("id"), "id"))
        .select("source", "lang", "in_bytes", "text_bytes"), cached);
    CurateReport report = report(readRest, read.listing(), facts, keptIds, keptSizes, corpus, clusters, recordsIn,
        counted, List.copyOf(stages), provenance, out);
    // Its own phase: the charts' aggregations are a cost the counts alone do not have.
    phase.start("report-details");
    report = report.withDetails(details(report, facts, passed.select("id", "text"), clusterOf, keptSizes, corpus,
        counted, previous, out));
    phase.stop();
    PhaseClock.Usage usage = phase.usage();
    report = report.withPhases(phase.wallSeconds(), usage.cpuSeconds(), usage.shuffleBytes(), usage.spilledBytes());
    if (!report.balances()) {
      throw new IllegalStateException("curate: counts do not add up (a bug): " + report.toJson());
    }
    return report;
  }

  /**
   * @param readRest the reader's rejects and counts rows
   * @param facts the processed table without its texts
   */
  private CurateReport report(Dataset<Row> readRest, InputListing listing, Dataset<Row> facts, Dataset<Row> keptIds,
      Dataset<Row> keptSizes, CorpusStages.Result corpus, Deduplication.Clusters clusters, long recordsIn, Deduplication.Counted duplicates, List<StageCounters> stages,
      CurateReport.Provenance provenance, AtomicOutput out) {
    Map<String, Long> byStage = new LinkedHashMap<>();
    Map<String, Map<String, Long>> byReason = new LinkedHashMap<>();
    Dataset<Row> records = ReadRecords.records(readRest);
    // Reasons are stable labels (measured values live in rule and value), so they group as they are.
    Dataset<Row> readRejects = records.filter(col("reject_reason").isNotNull())
        .select(lit("read").as("stage"), col("reject_reason").as("kind"));
    Dataset<Row> laterRejects = facts.filter(col("stage").isNotNull())
        .select(col("stage"), col("reason").as("kind"))
        .union(corpus.removed().select(col("stage"), col("reason").as("kind")));
    // A corpus stage's removals are rejects of their stage, so records_in = kept + rejected + duplicates holds.
    for (Row row : readRejects.union(laterRejects).groupBy("stage", "kind").agg(count(lit(1)).as("n"))
        .orderBy(col("stage"), col("n").desc(), col("kind")).collectAsList()) {
      byStage.merge(row.getString(0), row.getLong(2), Long::sum);
      byReason.computeIfAbsent(row.getString(0), s -> new LinkedHashMap<>()).put(row.getString(1), row.getLong(2));
    }
    Map<String, Long> cleanCounts = new LinkedHashMap<>();
    for (Row row : facts.select(explode(col("clean_counts")).as(new String[] {"k", "v"}))
        .groupBy("k").agg(sum("v")).orderBy("k").collectAsList()) {
      cleanCounts.put(row.getString(0), row.getLong(1));
    }
    Map<String, Integer> largest = new LinkedHashMap<>();
    for (Row row : keptIds.select("id", "cluster_size").filter(col("cluster_size").gt(1))
        .orderBy(col("cluster_size").desc(), col("id")).limit(10).collectAsList()) {
      largest.put(row.getString(0), row.getInt(1));
    }
    List<CurateReport.LshBucket> largestBuckets = new ArrayList<>();
    for (Row row : clusters.largestBuckets().collectAsList()) {
      largestBuckets.add(new CurateReport.LshBucket(row.getInt(0), row.getLong(1), row.getLong(2), row.getString(3)));
    }
    // Byte counts come from the per-document pass and the corpus stages (no second scan of any
    // text); the kept count is checked against what was written.
    Row keptRow = keptSizes.agg(count(lit(1)), sum(col("text_bytes"))).first();
    long kept = keptRow.getLong(0);
    long bytesOut = keptRow.isNullAt(1) ? 0 : keptRow.getLong(1);
    long written = spark.read().parquet(out.staged("documents")).count();
    if (written != kept) {
      throw new IllegalStateException("curate: wrote " + written + " documents but kept " + kept + " (a bug)");
    }
    Row in = facts.agg(sum(col("in_bytes"))).first();
    long bytesIn = in.isNullAt(0) ? 0 : in.getLong(0);
    return new CurateReport(recordsIn, bytesIn, kept, bytesOut, byStage, byReason,
        duplicates.exact(), duplicates.near(), duplicates.ofPrevious(), stages, corpus.details(), cleanCounts, largest,
        largestBuckets, Map.of(), Map.of(), Map.of(), Map.of(), InputFilesReport.of(listing, readRest), provenance, ReportDetails.none());
  }

  /** The data behind the report's charts ({@link ReportDetails}), from the tables the job has. */
  private ReportDetails details(CurateReport report, Dataset<Row> facts, Dataset<Row> texts, Dataset<Row> clusterOf,
      Dataset<Row> keptSizes, CorpusStages.Result corpus, Deduplication.Counted counted,
      Optional<PreviousOutput> previous, AtomicOutput out) {
    return ReportDetails.of(new ReportDetails.Inputs(report.recordsIn(), report.bytesIn(), facts, texts,
        spark.read().parquet(out.staged("rejected")), clusterOf, corpus.removed(), keptSizes,
        corpus.counters().stream().map(Map.Entry::getKey).toList(), CurateSteps.measures(settings),
        CurateSteps.names(settings), settings.dedup().exact() || settings.dedup().url(), settings.dedup().near(),
        previous.isPresent(), counted.counters().get("singletons")));
  }

  /**
   * Rejected records of every stage ({@link CurateSchemas#REJECTED}), with the original text; a
   * read reject's meta holds the reader's message (e.g. the JSON parser's) under "error".
   */
  private static Dataset<Row> rejected(Dataset<Row> records, Dataset<Row> processed, CorpusStages.Result corpus) {
    Dataset<Row> atRead = records.filter(col("reject_reason").isNotNull()).select(
        col("id"), col("raw").as("text"), col("source"), col("url"), col("meta"), col("file"), col("offset"),
        lit("read").as("stage"), col("reject_reason").as("reason"), col("reject_rule").as("rule"),
        col("reject_value").as("value"));
    Dataset<Row> later = asRejected(processed.filter(col("stage").isNotNull()));
    return corpus.ran() ? atRead.unionByName(later).unionByName(asRejected(corpus.removed()))
        : atRead.unionByName(later);
  }

  /** Rows of the processed table's columns that a step or stage dropped, as {@link CurateSchemas#REJECTED}. */
  private static Dataset<Row> asRejected(Dataset<Row> dropped) {
    return dropped.select(
        col("id"), col("original_text").as("text"), col("source"), col("url"), col("meta"), col("file"), col("offset"),
        col("stage"), col("reason"), col("rule"), col("value"));
  }

  /**
   * The reader's rows carried in {@link CurateSchemas#READ}, in {@link ReadRecords#SCHEMA}'s
   * columns. A field of a struct that may be null may be null itself, so {@code file} and
   * {@code offset} come from the pass's own not-null columns, where {@link PerDocument} copies them:
   * rejected/ writes them as before (required, not optional).
   */
  private static Dataset<Row> readRows(Dataset<Row> small) {
    List<Column> columns = new ArrayList<>();
    for (String name : ReadRecords.SCHEMA.fieldNames()) {
      columns.add(name.equals("file") || name.equals("offset") ? col(name)
          : col(CurateSchemas.READ).getField(name).as(name));
    }
    return small.select(columns.toArray(new Column[0]));
  }

  /** Output rows in a fixed order, so two runs with the same settings write the same content. */
  private static Dataset<Row> sorted(Dataset<Row> table) {
    String first = table.columns()[0];
    return table.repartition(col(first)).sortWithinPartitions(first);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static <T> Dataset<T> persisted(Dataset<T> table, List<Dataset<?>> cached) {
    cached.add(table);
    return table.persist(StorageLevel.MEMORY_AND_DISK());
  }
}
