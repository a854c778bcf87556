package dev.pretrain.jobs.refresh;

import dev.pretrain.common.io.InputFingerprint;
import dev.pretrain.common.output.InputOverlap;
import dev.pretrain.common.shards.Manifest;
import dev.pretrain.common.shards.ManifestFile;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.job.CurateJob;
import dev.pretrain.dedup.job.CurateReport;
import dev.pretrain.tokenize.Tokenizers;
import dev.pretrain.tokenize.job.TrainTokenizerJob;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import dev.pretrain.tokenize.shards.TokenizeJob;
import dev.pretrain.tokenize.shards.TokenizeReport;
import dev.pretrain.tokenize.shards.TokenizeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refresh of a versioned corpus: curate the snapshot against the current version's dedup index,
 * tokenize only the documents it adds, and publish a new version whose manifest lists the earlier
 * shards in place plus the new ones. {@code CURRENT} moves last, so a refresh that fails anywhere
 * leaves the corpus as it was; a snapshot already in the corpus is recognised and skipped.
 *
 * <p>A version {@code vNNNN/} holds {@code curated/} (the curate output: only the documents this
 * version added, and a dedup index covering the whole corpus), {@code tokenizer.json} (unless the
 * corpus uses a tiktoken vocabulary), {@code shards/} (the new shards and the whole corpus's
 * manifest.json) and {@code refresh.json}.
 */
public final class RefreshJob {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshJob.class);
  static final String CURATED = "curated";
  static final String SHARDS = "shards";
  static final String TOKENIZER = "tokenizer.json";

  /** What a refresh did. */
  public enum Result {
    /** A new version was published. */
    PUBLISHED,
    /** An earlier version already holds this snapshot (same files, sizes and times); nothing was done. */
    ALREADY_PRESENT,
    /** Every document of the snapshot was rejected or a duplicate of the corpus; no version was published. */
    NOTHING_NEW
  }

  /**
   * @param version the published version, the one already holding the snapshot, or the current one
   *     (empty if the corpus has none yet) when nothing was new
   * @param record the version's record (null when nothing was new)
   * @param snapshotDocuments records read from the snapshot
   */
  public record Outcome(Result result, Optional<String> version, VersionRecord record, long snapshotDocuments) {}

  private final SparkSession spark;
  private final Configuration hadoop;
  private final CurateSettings curate;
  private final TrainTokenizerSettings trainTokenizer;
  private final TokenizeSettings tokenize;
  private final RefreshSettings refresh;

  public RefreshJob(SparkSession spark, CurateSettings curate, TrainTokenizerSettings trainTokenizer,
      TokenizeSettings tokenize, RefreshSettings refresh) {
    this.spark = spark;
    this.hadoop = spark.sparkContext().hadoopConfiguration();
    this.curate = curate;
    this.trainTokenizer = trainTokenizer;
    this.tokenize = tokenize;
    this.refresh = refresh;
  }

  public Outcome run(String corpusRoot, List<String> snapshot) throws IOException {
    InputOverlap.refuse(snapshot, corpusRoot, hadoop);
    CorpusRoot root = new CorpusRoot(corpusRoot, hadoop);
    String fingerprint = InputFingerprint.of(snapshot, hadoop, "refresh snapshot");
    for (String version : root.published()) {
      VersionRecord record = VersionRecord.read(root.file(version, VersionRecord.FILE_NAME), hadoop);
      if (record.snapshotFingerprint().equals(fingerprint)) {
        LOG.info("refresh: the snapshot is already in {} (same files, sizes and times); nothing to do", version);
        return new Outcome(Result.ALREADY_PRESENT, Optional.of(version), record, record.snapshotDocuments());
      }
    }
    Optional<String> previous = root.current();
    String version = root.prepareNext(previous);
    LOG.info("refresh: building {} from {} input(s){}", version, snapshot.size(),
        previous.map(p -> " against " + p).orElse(" (the first version)"));

    String curated = root.file(version, CURATED);
    Optional<String> against = previous.map(p -> root.file(p, CURATED));
    CurateReport curateReport = new CurateJob(spark, curate).run(snapshot, curated, true, against);
    if (curateReport.kept() == 0) {
      // A version without a new document would only repeat the previous one (and a first version
      // without documents has nothing to train a tokenizer on or to tokenize).
      root.discard(version);
      LOG.info("refresh: the snapshot adds no new document; no version published");
      return new Outcome(Result.NOTHING_NEW, previous, null, curateReport.recordsIn());
    }

    String tokenizerSpec = previous.isPresent()
        ? tokenizerOf(root, previous.get(), version)
        : firstTokenizer(root, version, curated);
    Optional<Manifest> previousManifest = previous.map(p -> readManifest(root.file(p, SHARDS)));
    Map<String, Long> offsets = previousManifest.map(ManifestAppend::rowsBySplit).orElse(Map.of());
    String shards = root.file(version, SHARDS);
    TokenizeReport tokenized = TokenizeJob.run(spark, tokenize.withTokenizer(tokenizerSpec), curated, shards, true,
        offsets);
    Manifest manifest = readManifest(shards);
    if (previousManifest.isPresent()) {
      manifest = ManifestAppend.append(previousManifest.get(), root.file(previous.get(), SHARDS), manifest);
      writeManifest(shards, manifest);
    }

    VersionRecord record = new VersionRecord(version, previous.orElse(null), fingerprint, List.copyOf(snapshot),
        tokenizerSpec.startsWith(Tokenizers.TIKTOKEN_PREFIX) ? tokenizerSpec : TOKENIZER,
        curateReport.recordsIn(), curateReport.kept(), curateReport.previousDuplicatesRemoved(),
        tokenized.tokens(), manifest.totals().documents(), manifest.totals().tokens(), manifest.totals().rows());
    record.write(root.file(version, VersionRecord.FILE_NAME), hadoop);
    root.publish(version);
    LOG.info("refresh: published {}", version);
    return new Outcome(Result.PUBLISHED, Optional.of(version), record, record.snapshotDocuments());
  }

  /** The tokenizer of the corpus, carried into the new version (a tokenizer.json is copied). */
  private String tokenizerOf(CorpusRoot root, String previous, String version) throws IOException {
    VersionRecord record = VersionRecord.read(root.file(previous, VersionRecord.FILE_NAME), hadoop);
    if (record.tokenizer().startsWith(Tokenizers.TIKTOKEN_PREFIX)) {
      return record.tokenizer();
    }
    return copy(root.file(previous, TOKENIZER), root.file(version, TOKENIZER));
  }

  private String firstTokenizer(CorpusRoot root, String version, String curated) throws IOException {
    String target = root.file(version, TOKENIZER);
    if (refresh.trainTokenizer()) {
      TrainTokenizerJob.run(spark, trainTokenizer, curated, target, false);
      return target;
    }
    String configured = tokenize.tokenizer();
    return configured.startsWith(Tokenizers.TIKTOKEN_PREFIX) ? configured : copy(configured, target);
  }

  private String copy(String from, String to) throws IOException {
    Path source = new Path(from);
    Path target = new Path(to);
    try (InputStream in = source.getFileSystem(hadoop).open(source);
         OutputStream out = target.getFileSystem(hadoop).create(target, true)) {
      in.transferTo(out);
    }
    return to;
  }

  private Manifest readManifest(String dir) {
    Path path = new Path(dir, Manifest.FILE_NAME);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return ManifestFile.parse(in.readAllBytes(), path.toString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + path, e);
    }
  }

  private void writeManifest(String dir, Manifest manifest) throws IOException {
    Path path = new Path(dir, Manifest.FILE_NAME);
    FileSystem fs = path.getFileSystem(hadoop);
    try (OutputStream out = fs.create(path, true)) {
      out.write(ManifestFile.toJson(manifest));
    }
  }

  static String describe(Outcome outcome) {
    VersionRecord r = outcome.record();
    if (outcome.result() == Result.ALREADY_PRESENT) {
      return "the snapshot is already in " + outcome.version().orElseThrow() + "; nothing to do";
    }
    if (outcome.result() == Result.NOTHING_NEW) {
      return String.format(java.util.Locale.ROOT, "the snapshot's %,d documents add nothing new (each was rejected"
          + " or is a duplicate of the corpus); no version published", outcome.snapshotDocuments());
    }
    return String.format(java.util.Locale.ROOT,
        "%s: %,d snapshot documents, %,d new (%,d were copies of the corpus), %,d new tokens; "
            + "corpus now %,d documents, %,d tokens, %,d rows",
        r.version(), r.snapshotDocuments(), r.newDocuments(), r.duplicatesOfPrevious(), r.newTokens(),
        r.corpusDocuments(), r.corpusTokens(), r.corpusRows());
  }
}
