package dev.pretrain.dedup.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pretrain.classify.fasttext.FastTextModel;
import dev.pretrain.classify.fasttext.FastTextModels;
import dev.pretrain.classify.fasttext.Prediction;
import dev.pretrain.common.config.ConfigError;
import dev.pretrain.dedup.step.Rejection;
import dev.pretrain.dedup.step.StepDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classifier step against the fastText fixture made by Debian's fastText from the sample
 * (pipeline-classify's quality-softmax-bigram.bin: Brown prose against SpamAssassin's ham and spam).
 */
class ClassifierStepTest {
  static final String FIXTURES = "../pipeline-classify/src/test/resources/fasttext/";
  static final String MODEL = FIXTURES + "quality-softmax-bigram.bin";
  private static final Configuration HADOOP = new Configuration();
  private static String prose;
  private static String spam;

  @BeforeAll
  static void texts() throws IOException {
    prose = firstText("brown.jsonl.gz", id -> true);
    spam = firstText("spamassassin.jsonl.gz", id -> id.startsWith("spamassassin/spam"));
  }

  private static String firstText(String file, Predicate<String> id) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(Path.of("../jobs/sample/corpus", file))), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode record = json.readTree(line);
        if (id.test(record.get("id").asText())) {
          return record.get("text").asText();
        }
      }
    }
    throw new IllegalStateException("no such record in " + file);
  }

  private static ClassifierSettings prose(ClassifierSettings.Bound bound, double threshold, boolean lowercase,
      ClassifierSettings.Newlines newlines) {
    return new ClassifierSettings("quality", MODEL, "__label__prose", bound, threshold, lowercase, newlines);
  }

  /** What fastText gives the label for one line: the figure a score must equal. */
  private static double fastText(String line, String label) throws IOException {
    FastTextModel model = FastTextModels.load(MODEL, HADOOP);
    return model.predict(line, -1, 0f).stream().filter(p -> p.label().equals(label))
        .mapToDouble(Prediction::probability).findFirst().orElseThrow();
  }

  @Test
  void proseIsKeptWithItsScoreAndSpamIsDroppedWithIt() throws IOException {
    double proseScore = fastText(prose.replace('\n', ' '), "__label__prose");
    double spamScore = fastText(spam.replace('\n', ' '), "__label__prose");
    assertTrue(proseScore > spamScore + 0.1, "the fixture tells prose from spam: " + proseScore + " " + spamScore);
    ClassifierStep step = new ClassifierStep(prose(ClassifierSettings.Bound.MIN_SCORE, (proseScore + spamScore) / 2,
        false, ClassifierSettings.Newlines.SPACE), HADOOP);
    assertEquals("classifier:quality", step.name());
    assertEquals(List.of("quality_score"), step.columns());

    StepDocument kept = new StepDocument(prose);
    assertEquals(Optional.empty(), step.run(kept));
    assertEquals(proseScore, kept.score("quality_score"));

    StepDocument dropped = new StepDocument(spam);
    assertEquals(Optional.of(new Rejection("filter", "classifier/quality", "classifier:quality", spamScore)),
        step.run(dropped));
    assertEquals(spamScore, dropped.score("quality_score"));
  }

  @Test
  void aMaxScoreKeepsWhatScoresAtMostTheThreshold() throws IOException {
    double threshold = (fastText(prose.replace('\n', ' '), "__label__spam")
        + fastText(spam.replace('\n', ' '), "__label__spam")) / 2;
    ClassifierStep spamFilter = new ClassifierStep(new ClassifierSettings("spam", MODEL, "__label__spam",
        ClassifierSettings.Bound.MAX_SCORE, threshold, false, ClassifierSettings.Newlines.SPACE), HADOOP);
    assertEquals(Optional.empty(), spamFilter.run(new StepDocument(prose)));
    Optional<Rejection> dropped = spamFilter.run(new StepDocument(spam));
    assertEquals("classifier:spam", dropped.orElseThrow().rule());
    assertEquals(fastText(spam.replace('\n', ' '), "__label__spam"), dropped.get().value());
  }

  @Test
  void lowercaseScoresTheLowerCasedText() throws IOException {
    ClassifierStep step = new ClassifierStep(
        prose(ClassifierSettings.Bound.MIN_SCORE, 0, true, ClassifierSettings.Newlines.SPACE), HADOOP);
    StepDocument document = new StepDocument(prose);
    step.run(document);
    assertEquals(fastText(prose.replace('\n', ' ').toLowerCase(Locale.ROOT), "__label__prose"),
        document.score("quality_score"));
  }

  @Test
  void linesAreScoredOneByOneAndAveragedByLength() throws IOException {
    String text = "The jury said it did find that the election was conducted.\n\n   \nCLICK HERE to get FREE money now!!!\nok";
    ClassifierStep step = new ClassifierStep(
        prose(ClassifierSettings.Bound.MIN_SCORE, 0, false, ClassifierSettings.Newlines.LINES), HADOOP);
    StepDocument document = new StepDocument(text);
    step.run(document);
    String[] lines = {"The jury said it did find that the election was conducted.", "CLICK HERE to get FREE money now!!!",
        "ok"};
    double weighted = 0;
    int chars = 0;
    for (String line : lines) {
      weighted += fastText(line, "__label__prose") * line.length();
      chars += line.length();
    }
    assertEquals(weighted / chars, document.score("quality_score"), 1e-12);
  }

  @Test
  void aTextWithoutAnyWordGetsWhatFastTextGivesItsEndOfLineAlone() throws IOException {
    ClassifierStep step = new ClassifierStep(
        prose(ClassifierSettings.Bound.MIN_SCORE, 0.99, false, ClassifierSettings.Newlines.SPACE), HADOOP);
    StepDocument blank = new StepDocument(" \n\t ");
    assertEquals("classifier:quality", step.run(blank).orElseThrow().rule());
    assertEquals(fastText("", "__label__prose"), blank.score("quality_score"));
  }

  @Test
  void theJobsStartCheckNamesAMissingModelADamagedOneAndALabelTheModelLacks() {
    List<ClassifierSettings> classifiers = List.of(
        new ClassifierSettings("a", FIXTURES + "no-such.bin", "__label__prose", ClassifierSettings.Bound.MIN_SCORE, 0.5,
            false, ClassifierSettings.Newlines.SPACE),
        new ClassifierSettings("b", FIXTURES + "test.txt", "__label__prose", ClassifierSettings.Bound.MIN_SCORE, 0.5,
            false, ClassifierSettings.Newlines.SPACE),
        new ClassifierSettings("c", MODEL, "__label__hq", ClassifierSettings.Bound.MIN_SCORE, 0.5, false,
            ClassifierSettings.Newlines.SPACE),
        prose(ClassifierSettings.Bound.MIN_SCORE, 0.5, false, ClassifierSettings.Newlines.SPACE));
    List<String> problems = assertThrows(ConfigError.class, () -> ClassifierStep.check(classifiers, HADOOP)).problems();
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("'curate.filter.classifiers[0].model' cannot be used: no fastText model at "
        + FIXTURES + "no-such.bin"), problems.get(0));
    assertTrue(problems.get(1).startsWith("'curate.filter.classifiers[1].model' cannot be used: " + FIXTURES
        + "test.txt: "), problems.get(1));
    assertEquals("'curate.filter.classifiers[2].label' __label__hq is not a label of " + MODEL
        + "; its labels: __label__prose, __label__ham, __label__spam", problems.get(2).replaceAll(
            "__label__(ham|spam|prose), __label__(ham|spam|prose), __label__(ham|spam|prose)",
            "__label__prose, __label__ham, __label__spam"));
  }
}
