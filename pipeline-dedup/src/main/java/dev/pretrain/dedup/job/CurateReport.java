package dev.pretrain.dedup.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pretrain.common.read.InputFilesReport;
import dev.pretrain.dedup.report.ReportDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a curate run did, written as {@code report.json} and printed as a summary. The counts add
 * up: {@code records_in = kept + rejected + duplicates_removed} (exact and near within the run, and
 * of the previous output with {@code --against}); the job refuses to commit if not.
 *
 * @param rejectedByStage rejected records per stage ({@code read}, {@code clean}, {@code filter})
 * @param rejectedByReason per stage, per reason (a stable label such as {@code malformed-json} or
 *     {@code gopher-repetition/dup-line-frac}), largest first
 * @param previousDuplicatesRemoved documents removed because they duplicate (directly, or through
 *     other documents of this run) a document of the output given with {@code --against}
 * @param corpusStages what each corpus-level stage did, in order (graph nodes, exact, near,
 *     clusters, then the corpus stages after dedup; a stage turned off is not listed), shown as
 *     {@code corpus_stages}
 * @param corpusStageDetails per corpus stage after dedup, its small report data beyond counts
 *     (such as the most repeated paragraphs), shown as {@code corpus_stage_details}
 * @param cleanCounts what each cleaning step did (e.g. e-mails replaced), summed over documents
 * @param largestClusters kept id → cluster size, the largest clusters first
 * @param largestBuckets the largest LSH buckets (every member of each is linked, none is cut),
 *     largest first: the most repeated content of the input
 * @param secondsByPhase wall-clock time of each phase
 * @param cpuSecondsByPhase CPU time of each phase: its Spark tasks' and the driver thread's
 *     ({@link dev.pretrain.common.spark.PhaseClock})
 * @param shuffleBytesByPhase bytes each phase's tasks wrote to the shuffle (after compression)
 * @param spilledBytesByPhase bytes each phase's tasks spilled to disk
 * @param inputFiles the files read, skipped (and why) and broken (and where)
 * @param provenance what the run read and how it was configured
 * @param details the data behind the report's charts ({@link ReportDetails}), written as
 *     {@code details} when there are some
 */
public record CurateReport(
    long recordsIn,
    long bytesIn,
    long kept,
    long bytesOut,
    Map<String, Long> rejectedByStage,
    Map<String, Map<String, Long>> rejectedByReason,
    long exactDuplicatesRemoved,
    long nearDuplicatesRemoved,
    long previousDuplicatesRemoved,
    List<StageCounters> corpusStages,
    Map<String, Object> corpusStageDetails,
    Map<String, Long> cleanCounts,
    Map<String, Integer> largestClusters,
    List<LshBucket> largestBuckets,
    Map<String, Double> secondsByPhase,
    Map<String, Double> cpuSecondsByPhase,
    Map<String, Long> shuffleBytesByPhase,
    Map<String, Long> spilledBytesByPhase,
    InputFilesReport inputFiles,
    Provenance provenance,
    ReportDetails details) {

  /**
   * @param inputFingerprint SHA-256 of the inputs' paths, sizes and modification times and of the
   *     settings ({@link dev.pretrain.common.io.InputFingerprint}), as the tokenize manifest has it
   * @param config the resolved configuration as the job read it: HOCON when the command line had it,
   *     otherwise the typed settings written out
   */
  public record Provenance(String inputFingerprint, String config) {}

  /**
   * One LSH bucket: documents sharing {@code key} in {@code band}.
   *
   * @param smallestId the id every other member was linked to
   */
  public record LshBucket(int band, long key, long size, String smallestId) {
    Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("band", band);
      out.put("key", key);
      out.put("size", size);
      out.put("smallest_id", smallestId);
      return out;
    }
  }

  /** This report with {@code details}. */
  public CurateReport withDetails(ReportDetails details) {
    return new CurateReport(recordsIn, bytesIn, kept, bytesOut, rejectedByStage, rejectedByReason,
        exactDuplicatesRemoved, nearDuplicatesRemoved, previousDuplicatesRemoved, corpusStages, corpusStageDetails,
        cleanCounts, largestClusters, largestBuckets, secondsByPhase, cpuSecondsByPhase, shuffleBytesByPhase,
        spilledBytesByPhase, inputFiles, provenance, details);
  }

  /** This report with the time each phase took, and the bytes its tasks shuffled and spilled. */
  public CurateReport withPhases(Map<String, Double> wallSeconds, Map<String, Double> cpuSeconds,
      Map<String, Long> shuffleBytes, Map<String, Long> spilledBytes) {
    return new CurateReport(recordsIn, bytesIn, kept, bytesOut, rejectedByStage, rejectedByReason,
        exactDuplicatesRemoved, nearDuplicatesRemoved, previousDuplicatesRemoved, corpusStages, corpusStageDetails,
        cleanCounts, largestClusters, largestBuckets, wallSeconds, cpuSeconds, shuffleBytes, spilledBytes, inputFiles,
        provenance, details);
  }

  /** Connected-components rounds of near dedup: 0 when it is off, or solved in the driver. */
  public int componentRounds() {
    return corpusStages.stream().filter(s -> s.stage().equals(Deduplication.NEAR)).findFirst()
        .map(s -> Math.toIntExact(s.get("rounds"))).orElse(0);
  }

  public long rejected() {
    return rejectedByStage.values().stream().mapToLong(Long::longValue).sum();
  }

  public long duplicatesRemoved() {
    return exactDuplicatesRemoved + nearDuplicatesRemoved + previousDuplicatesRemoved;
  }

  /** True when every record is accounted for. */
  public boolean balances() {
    return recordsIn == kept + rejected() + duplicatesRemoved();
  }

  public String toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("records_in", recordsIn);
    out.put("bytes_in", bytesIn);
    out.put("kept", kept);
    out.put("bytes_out", bytesOut);
    out.put("rejected", rejected());
    out.put("rejected_by_stage", rejectedByStage);
    out.put("rejected_by_reason", rejectedByReason);
    Map<String, Long> duplicates = new LinkedHashMap<>();
    duplicates.put("exact", exactDuplicatesRemoved);
    duplicates.put("near", nearDuplicatesRemoved);
    duplicates.put("of_previous", previousDuplicatesRemoved);
    out.put("duplicates_removed", duplicates);
    Map<String, Map<String, Long>> stages = new LinkedHashMap<>();
    corpusStages.forEach(s -> stages.put(s.stage(), s.counts()));
    out.put("corpus_stages", stages);
    out.put("corpus_stage_details", corpusStageDetails);
    out.put("clean_counts", cleanCounts);
    out.put("largest_clusters", largestClusters);
    out.put("largest_buckets", largestBuckets.stream().map(LshBucket::toMap).toList());
    out.put("seconds_by_phase", secondsByPhase);
    out.put("cpu_seconds_by_phase", cpuSecondsByPhase);
    out.put("shuffle_bytes_by_phase", shuffleBytesByPhase);
    out.put("spilled_bytes_by_phase", spilledBytesByPhase);
    out.put("input_files", inputFiles.toJson());
    out.put("input_fingerprint", provenance.inputFingerprint());
    out.put("config", provenance.config());
    if (!details.isEmpty()) {
      out.put("details", details.json());
    }
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the curate report", e);
    }
  }

  /** A few lines for the console. */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.addAll(inputFiles.summary());
    lines.add(String.format(Locale.ROOT, "records in: %,d (%s of text)", recordsIn, bytes(bytesIn)));
    lines.add(String.format(Locale.ROOT, "kept: %,d documents (%s), %.1f%% of records",
        kept, bytes(bytesOut), recordsIn == 0 ? 0.0 : 100.0 * kept / recordsIn));
    lines.add(String.format(Locale.ROOT, "rejected: %,d %s", rejected(), rejectedByStage));
    for (Map.Entry<String, Map<String, Long>> stage : rejectedByReason.entrySet()) {
      lines.add("  " + stage.getKey() + ": " + top(stage.getValue(), 6));
    }
    lines.add(String.format(Locale.ROOT, "duplicates removed: %,d exact, %,d near, %,d of the previous output",
        exactDuplicatesRemoved, nearDuplicatesRemoved, previousDuplicatesRemoved));
    corpusStages.forEach(s -> lines.add("  " + s.summary()));
    if (!largestClusters.isEmpty()) {
      lines.add("largest clusters: " + top(largestClusters, 5));
    }
    if (!largestBuckets.isEmpty()) {
      lines.add("largest LSH buckets: " + largestBuckets.stream().limit(5)
          .map(b -> String.format(Locale.ROOT, "%,d", b.size())).reduce((a, b) -> a + ", " + b).orElse("")
          + " documents");
    }
    lines.add("time: " + secondsByPhase.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.1f s (CPU %.1f s)", e.getKey(), e.getValue(),
            cpuSecondsByPhase.getOrDefault(e.getKey(), 0.0)))
        .reduce((a, b) -> a + ", " + b).orElse(""));
    return lines;
  }

  private static String top(Map<String, ? extends Number> counts, int n) {
    StringBuilder out = new StringBuilder();
    counts.entrySet().stream().limit(n).forEach(e ->
        out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
    return counts.size() > n ? out + ", ..." : out.toString();
  }

  private static String bytes(long n) {
    return n < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0)
        : String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
  }
}
