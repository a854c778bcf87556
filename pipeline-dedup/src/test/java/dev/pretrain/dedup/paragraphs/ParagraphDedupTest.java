package dev.pretrain.dedup.paragraphs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pretrain.common.document.Utf8Bytes;
import dev.pretrain.common.output.AtomicOutput;
import dev.pretrain.common.testing.LocalSpark;
import dev.pretrain.dedup.CurateSettings;
import dev.pretrain.dedup.corpus.CorpusStage;
import dev.pretrain.dedup.filter.GopherRepetitionFilter;
import dev.pretrain.dedup.job.CurateJob;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import dev.pretrain.dedup.testing.ReferenceConf;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage on a small table of the columns it reads and writes (the others pass through). */
class ParagraphDedupTest {
  private static final StructType COLUMNS = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("original_text", DataTypes.StringType, true)
      .add("text", DataTypes.StringType, true)
      .add("text_bytes", DataTypes.LongType, true)
      .add("url", DataTypes.StringType, true)
      .add("lang", DataTypes.StringType, true)
      .add("stage", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true)
      .add("rule", DataTypes.StringType, true)
      .add("value", DataTypes.DoubleType, true)
      .add("cluster_size", DataTypes.IntegerType, false);
  private static final String BOILERPLATE = "Posted by the editors of this site. All rights reserved.";
  private static final String BOILERPLATE_SHOUTED = "POSTED BY THE EDITORS OF THIS SITE -- all rights reserved";
  private static final String MENU = "Menu: Home | About | Contact | Archive";
  private static final String PROSE_1 = "The committee met on a cold morning in the old town hall to discuss the"
      + " budget for the coming year. Several members argued that the roads should be repaired before the winter,"
      + " while others wanted the money to go to the library and the school. After a long debate they agreed to"
      + " split the funds and to meet again in the spring to see how the work had gone.";
  private static final String PROSE_2 = "My grandmother kept a small garden behind her house where she grew beans,"
      + " tomatoes and a few rows of potatoes. Every summer we would help her pick the vegetables and carry them"
      + " into the kitchen, where she cooked them for the whole family. She said that food tastes better when you"
      + " have grown it yourself, and I think she was right about that.";

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(ParagraphDedupTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Row document(String id, String text) {
    return RowFactory.create(id, null, text, Utf8Bytes.of(text), null, "en", null, null, null, null, 1);
  }

  /** The four documents of the filterless tests: one paragraph in all four, one in two, a short one in three. */
  private static List<Row> corpus() {
    return List.of(
        document("d1", "Alpha unique text one.\n\n" + BOILERPLATE + "\n\nThanks!"),
        document("d2", "Beta unique text two.\n\n" + BOILERPLATE + "\n\nThanks!"),
        document("d3", MENU + "\n\nGamma unique.\n\n" + BOILERPLATE_SHOUTED),
        document("d4", BOILERPLATE + "\n\n" + BOILERPLATE + "\n"),
        document("d5", MENU + "\n\nThanks!"));
  }

  private record Run(Map<String, Row> rows, CorpusStage.Outcome outcome) {}

  private static Run run(Path dir, List<Row> documents, String... sets) throws IOException {
    CurateSettings settings = ReferenceConf.curate(sets);
    AtomicOutput output = AtomicOutput.begin(dir.resolve("out").toString(), CurateJob.LAYOUT, List.of(),
        false, spark.sparkContext().hadoopConfiguration());
    List<Dataset<?>> cached = new ArrayList<>();
    CorpusStage.Outcome outcome = new ParagraphDedup(settings).apply(spark.createDataFrame(documents, COLUMNS),
        new CorpusStage.Context(spark, Optional.empty(), output, cached));
    Map<String, Row> rows = new TreeMap<>();
    outcome.documents().collectAsList().forEach(r -> rows.put(r.getString(0), r));
    assertEquals(List.of(COLUMNS.fieldNames()), List.of(outcome.documents().columns()));
    return new Run(rows, outcome);
  }

  private static String text(Run run, String id) {
    return run.rows().get(id).getAs("text");
  }

  @Test
  void removesParagraphsSharedByMinDocumentsKeepingTheOneInTheSmallestId(@TempDir Path dir) throws IOException {
    Run run = run(dir, corpus(), "curate.filter.enabled=false", "curate.paragraph-dedup.enabled=true");

    // The boilerplate (in d1-d4; in d3 in capitals and other punctuation) stays in d1 alone; the menu
    // is in two documents (under min-documents = 3); "Thanks!" is under min-length.
    assertEquals("Alpha unique text one.\n\n" + BOILERPLATE + "\n\nThanks!", text(run, "d1"));
    assertEquals("Beta unique text two.\n\nThanks!", text(run, "d2"));
    assertEquals(MENU + "\n\nGamma unique.", text(run, "d3"));
    assertEquals(MENU + "\n\nThanks!", text(run, "d5"));
    assertEquals(Utf8Bytes.of("Beta unique text two.\n\nThanks!"), run.rows().get("d2").<Long>getAs("text_bytes"));
    // d4 held only the boilerplate: nothing left.
    Row d4 = run.rows().get("d4");
    assertEquals(ParagraphDedup.NAME, d4.getAs("stage"));
    assertEquals("empty-after-paragraph-dedup", d4.getAs("reason"));
    assertEquals(BOILERPLATE + "\n\n" + BOILERPLATE + "\n", d4.getAs("original_text"));
    assertNull(run.rows().get("d2").getAs("stage"));

    long bytesRemoved = Utf8Bytes.of(BOILERPLATE + "\n\n") + Utf8Bytes.of("\n\n" + BOILERPLATE_SHOUTED)
        + Utf8Bytes.of(BOILERPLATE + "\n\n" + BOILERPLATE);
    assertEquals(Map.of("units_seen", 13L, "units_repeated", 1L, "units_removed", 4L, "bytes_removed", bytesRemoved,
        "documents_changed", 3L, "documents_removed", 1L), run.outcome().counters());
    assertEquals(List.of("units_seen", "units_repeated", "units_removed", "bytes_removed", "documents_changed",
        "documents_removed"), List.copyOf(run.outcome().counters().keySet()));
    assertEquals(List.of(Map.of("text", BOILERPLATE, "documents", 4L, "removed_from", 3L)),
        run.outcome().details().get("most_repeated"));
    assertEquals(List.of(), run.outcome().parts()); // its counts are inside the dedup part
  }

  @Test
  void withoutKeepFirstEveryOccurrenceGoes(@TempDir Path dir) throws IOException {
    Run run = run(dir, corpus(), "curate.filter.enabled=false", "curate.paragraph-dedup.enabled=true",
        "curate.paragraph-dedup.keep-first=false");
    assertEquals("Alpha unique text one.\n\nThanks!", text(run, "d1"));
    assertEquals(5L, run.outcome().counters().get("units_removed"));
    assertEquals(List.of(Map.of("text", BOILERPLATE, "documents", 4L, "removed_from", 4L)),
        run.outcome().details().get("most_repeated"));
  }

  @Test
  void minLengthAndMinDocumentsDecideWhatCounts(@TempDir Path dir) throws IOException {
    // Without a minimum length "Thanks!" (in three documents) goes too; at two documents, the menu.
    Run run = run(dir, corpus(), "curate.filter.enabled=false", "curate.paragraph-dedup.enabled=true",
        "curate.paragraph-dedup.min-length=0", "curate.paragraph-dedup.min-documents=2");
    assertEquals("Alpha unique text one.\n\n" + BOILERPLATE + "\n\nThanks!", text(run, "d1"));
    assertEquals("Beta unique text two.", text(run, "d2"));
    assertEquals(MENU + "\n\nGamma unique.", text(run, "d3"));
    // d5 had the menu (first in d3) and "Thanks!" (first in d1): nothing left.
    assertEquals("empty-after-paragraph-dedup", run.rows().get("d5").getAs("reason"));
    assertEquals(3L, run.outcome().counters().get("units_repeated"));
  }

  @Test
  void shortenedDocumentsAreCheckedAgainByTheQualityFilters(@TempDir Path dir) throws IOException {
    List<Row> documents = List.of(
        document("p1", PROSE_1 + "\n\n" + BOILERPLATE),
        document("p2", PROSE_2 + "\n\n" + BOILERPLATE),
        document("p3", "Only a few words of its own.\n\n" + BOILERPLATE));
    Run run = run(dir, documents, "curate.paragraph-dedup.enabled=true");
    assertEquals(PROSE_1 + "\n\n" + BOILERPLATE, text(run, "p1"));
    assertEquals(PROSE_2, text(run, "p2"));
    Row p3 = run.rows().get("p3");
    assertEquals(ParagraphDedup.NAME, p3.getAs("stage"));
    // The first of the job's filters that drops what is left (Gopher's repetition rules run first).
    StepDocument left = new StepDocument("Only a few words of its own.");
    left.setLang("en");
    Rejection expected = new GopherRepetitionFilter(ReferenceConf.curate().filter().byLanguage()).run(left).get();
    assertEquals("gopher-repetition/top-2-gram-char-frac", expected.reason());
    assertEquals(expected.reason(), p3.getAs("reason"));
    assertEquals(expected.rule(), p3.getAs("rule"));
    assertEquals(expected.value(), p3.<Double>getAs("value"));
    assertEquals("Only a few words of its own.\n\n" + BOILERPLATE, p3.getAs("original_text"));
    assertNull(p3.getAs("text"));
    assertEquals(2L, run.outcome().counters().get("documents_changed"));
    assertEquals(1L, run.outcome().counters().get("documents_removed"));
  }
}
