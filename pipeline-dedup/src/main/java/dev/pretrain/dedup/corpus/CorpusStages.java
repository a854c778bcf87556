package dev.pretrain.dedup.corpus;

import static org.apache.spark.sql.functions.col;

import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.decontaminate.Decontaminate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The corpus-level stages after deduplication, listed in order in one place ({@link #of}), and the
 * loop that runs them: each stage sees the documents every stage before it kept; what it removes
 * leaves the chain and becomes a row of {@code rejected/}.
 */
public final class CorpusStages {
  private CorpusStages() {}

  /** The stages the settings turn on, in the order they run. */
  public static List<CorpusStage> of(CurateSettings settings) {
    List<CorpusStage> stages = new ArrayList<>();
    if (settings.paragraphDedup().enabled()) stages.add(new dev.pretrain.dedup.paragraphs.ParagraphDedup(settings));
    Decontaminate.of(settings.decontaminate()).ifPresent(stages::add);
    return List.copyOf(stages);
  }

  /**
   * @param kept documents still kept after every stage, in the input's columns
   * @param removed the rows the stages removed, in the input's columns (empty when no stage ran)
   * @param counters each stage's counters, in order
   * @param details each stage's report details (only stages that have some)
   * @param parts the output parts the stages wrote
   */
  public record Result(Dataset<Row> kept, Dataset<Row> removed, List<Map.Entry<String, Map<String, Long>>> counters,
      Map<String, Object> details, List<String> parts) {

    /** True when at least one stage ran (without any, {@code kept} is the input as it came). */
    public boolean ran() {
      return !counters.isEmpty();
    }
  }

  public static Result run(List<CorpusStage> stages, Dataset<Row> documents, CorpusStage.Context context)
      throws IOException {
    Dataset<Row> kept = documents;
    Dataset<Row> removed = documents.limit(0);
    List<Map.Entry<String, Map<String, Long>>> counters = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    for (CorpusStage stage : stages) {
      CorpusStage.Outcome outcome = stage.apply(kept, context);
      // Read twice (what stays, what goes): computed once.
      Dataset<Row> decided = outcome.documents().persist(StorageLevel.MEMORY_AND_DISK());
      context.cached().add(decided);
      kept = decided.filter(col("stage").isNull());
      removed = removed.unionByName(decided.filter(col("stage").isNotNull()));
      counters.add(Map.entry(stage.name(), outcome.counters()));
      if (!outcome.details().isEmpty()) {
        details.put(stage.name(), outcome.details());
      }
      parts.addAll(outcome.parts());
    }
    return new Result(kept, removed, List.copyOf(counters), details, List.copyOf(parts));
  }
}
