package dev.pretrain.dedup.corpus;

import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.dedup.index.PreviousOutput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A corpus-level stage of curate that runs on the documents deduplication kept, as a function of
 * that table: paragraph dedup across documents, benchmark decontamination. Unlike a per-document
 * step it may look at the whole corpus (count what documents share), but it keeps the per-document
 * contract for what it decides: each input row comes out once, either kept (its text possibly
 * shortened) or removed.
 *
 * <p>The table has the columns of curate's processed table ({@code id, original_text, text,
 * in_bytes, text_bytes, source, url, lang, meta, file, offset, stage, reason, rule, value,
 * clean_counts, exact_key, band_keys}, one {@code <name>_score} per classifier) and
 * {@code cluster_size}; on input {@code stage} is null in every row.
 */
public interface CorpusStage {

  /** The stage's name: its key in {@code report.json}'s {@code corpus_stages} and the {@code stage} of its rejects. */
  String name();

  /**
   * @return every input row, with the same columns: a kept row's {@code text} and {@code text_bytes}
   *     (UTF-8 bytes of the text) may change; a removed row has {@code stage = name()}, a stable
   *     {@code reason}, the {@code rule} and {@code value} that decided, and its text as it came in
   *     under {@code original_text} (that is what {@code rejected/} holds)
   */
  Outcome apply(Dataset<Row> documents, Context context) throws java.io.IOException;

  /**
   * What a stage may use besides its input.
   *
   * @param previous the output given with {@code --against}, whose index a stage may extend
   * @param output the run's staged output: a stage writes its own parts there ({@link AtomicOutput#staged})
   *     and names them in {@link Outcome#parts}
   * @param cached tables the stage persisted; the job unpersists them when it ends
   */
  record Context(SparkSession spark, Optional<PreviousOutput> previous, AtomicOutput output, List<Dataset<?>> cached) {}

  /**
   * @param documents every input row, kept or removed (see {@link #apply})
   * @param counters what the stage did, in its order, shown under {@code corpus_stages.<name>}
   * @param details small, bounded report data beyond counts (e.g. the most repeated paragraphs),
   *     shown under {@code corpus_stage_details.<name>}; empty when there is none
   * @param parts the output parts the stage wrote into the staged output (top-level names of the
   *     curate layout, such as {@code decontamination}), committed with the others
   */
  record Outcome(Dataset<Row> documents, Map<String, Long> counters, Map<String, Object> details, List<String> parts) {}
}
