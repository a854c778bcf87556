package dev.pretrain.classify.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pretrain.classify.fasttext.FastTextArgs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code train-classifier} run did, printed as its summary and written beside the model as
 * {@code model.bin.json} (docs/formats.md).
 *
 * @param model the model file written
 * @param sha256 SHA-256 of the model file
 * @param modelBytes size of the model file
 * @param args the fastText arguments the model stores
 * @param settings the settings the run used (labels, sample, preparation, seed)
 * @param positive the positive class's sample
 * @param negative the negative class's sample
 * @param words dictionary words (</s> included)
 * @param tokens tokens in the training lines (fastText's ntokens)
 * @param trainingSeconds time spent in the trainer
 * @param linesPerSecond training lines (examples) per second, all epochs
 * @param metrics held-out precision, recall and F1 per label
 * @param seconds the whole run
 */
public record TrainClassifierReport(String model, String sha256, long modelBytes, FastTextArgs args,
    TrainClassifierSettings settings, ClassCounts positive, ClassCounts negative, int words, long tokens,
    double trainingSeconds, double linesPerSecond, List<LabelMetrics> metrics, double seconds) {

  /**
   * One class's sample.
   *
   * @param label its label
   * @param inputs the paths it was read from
   * @param sampled documents drawn
   * @param sampledBytes UTF-8 bytes of their texts
   * @param trained documents trained on
   * @param heldOut documents held out for the metrics
   */
  public record ClassCounts(String label, List<String> inputs, long sampled, long sampledBytes, long trained,
      long heldOut) {}

  /** The report as JSON, in a fixed field order. */
  public byte[] toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", ModelOutput.REPORT_FORMAT);
    json.put("version", 1);
    json.put("model", model);
    json.put("sha256", sha256);
    json.put("model_bytes", modelBytes);
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("dim", args.dim());
    a.put("epoch", args.epoch());
    a.put("lr", settings.training().lr());
    a.put("word_ngrams", args.wordNgrams());
    a.put("min_count", args.minCount());
    a.put("bucket", args.bucket());
    a.put("minn", args.minn());
    a.put("maxn", args.maxn());
    a.put("loss", args.loss().flag());
    a.put("lr_update_rate", args.lrUpdateRate());
    json.put("fasttext", a);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("seed", settings.seed());
    s.put("max_documents_per_class", settings.maxDocumentsPerClass());
    s.put("held_out_fraction", settings.heldOutFraction());
    s.put("lowercase", settings.lowercase());
    json.put("settings", s);
    json.put("classes", List.of(counts(positive, "positive"), counts(negative, "negative")));
    json.put("dictionary", Map.of("words", words, "tokens", tokens));
    json.put("training", Map.of("seconds", trainingSeconds, "lines_per_second", linesPerSecond));
    json.put("held_out", metrics.stream().map(m -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("label", m.label());
      row.put("examples", m.examples());
      row.put("predicted", m.predicted());
      row.put("correct", m.correct());
      row.put("precision", m.precision());
      row.put("recall", m.recall());
      row.put("f1", m.f1());
      return row;
    }).toList());
    json.put("seconds", seconds);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> counts(ClassCounts c, String role) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", role);
    m.put("label", c.label());
    m.put("inputs", c.inputs());
    m.put("sampled", c.sampled());
    m.put("sampled_bytes", c.sampledBytes());
    m.put("trained", c.trained());
    m.put("held_out", c.heldOut());
    return m;
  }
}
