package dev.pretrain.classify.train;

import dev.pretrain.classify.fasttext.FastTextModel;
import dev.pretrain.classify.fasttext.FastTextWriter;
import dev.pretrain.classify.fasttext.TextPreparation;
import dev.pretrain.common.error.JobStopped;
import dev.pretrain.common.io.Sha256;
import dev.pretrain.common.output.InputOverlap;
import dev.pretrain.common.read.ReadSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.commons.io.output.CountingOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * {@code pipeline train-classifier}: positive and negative documents → a fastText classifier
 * ({@code .bin}) and its report ({@code .bin.json}). DCLM built its quality filter this way:
 * reference text against random web text.
 *
 * <p>Spark reads the inputs and draws a seeded sample of each class ({@link ClassSample}); the
 * sample is collected to the driver (refused above {@code max-sample-bytes}), where a
 * {@code held-out-fraction} of each class is set aside, the rest labelled, prepared
 * ({@link TextPreparation}), shuffled with the seed and trained on by {@link SupervisedTrainer} on
 * one thread. The held-out documents give precision, recall and F1 per label. The same inputs,
 * settings and seed give the same model bytes.
 */
public final class TrainClassifierJob {
  private TrainClassifierJob() {}

  /**
   * @param console receives progress lines while the driver trains
   */
  public static TrainClassifierReport run(SparkSession spark, ReadSettings read, TrainClassifierSettings settings,
      List<String> positive, List<String> negative, String output, boolean overwrite, Consumer<String> console)
      throws IOException {
    long started = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<String> inputs = new ArrayList<>(positive);
    inputs.addAll(negative);
    InputOverlap.refuse(inputs, output, hadoop);
    InputOverlap.refuse(inputs, ModelOutput.reportPath(output), hadoop);
    ModelOutput out = ModelOutput.claim(output, overwrite, hadoop);

    long seed = settings.seed();
    int max = settings.maxDocumentsPerClass();
    ClassSample.Plan positivePlan = ClassSample.plan(spark, "--positive", positive, read, max, seed);
    ClassSample.Plan negativePlan = ClassSample.plan(spark, "--negative", negative, read, max, seed);
    long sampleBytes = positivePlan.bytes() + negativePlan.bytes();
    if (sampleBytes > settings.maxSampleBytes()) {
      throw new JobStopped(String.format(java.util.Locale.ROOT, "the sample (%,d + %,d documents, %,d bytes of text)"
          + " exceeds train-classifier.max-sample-bytes (%,d): the driver collects and trains on it. Lower"
          + " train-classifier.max-documents-per-class, or raise max-sample-bytes with the driver's memory"
          + " (spark.driver-memory).", positivePlan.documents(), negativePlan.documents(), sampleBytes,
          settings.maxSampleBytes()));
    }

    TextPreparation prepare = settings.preparation();
    List<String> lines = new ArrayList<>();
    List<HeldOutEvaluation.Example> heldOut = new ArrayList<>();
    TrainClassifierReport.ClassCounts positiveCounts = split(positivePlan, settings.positiveLabel(),
        settings.heldOutFraction(), prepare, lines, heldOut);
    TrainClassifierReport.ClassCounts negativeCounts = split(negativePlan, settings.negativeLabel(),
        settings.heldOutFraction(), prepare, lines, heldOut);
    // fastText reads its file in order; the classes must be interleaved or the last one read wins.
    Collections.shuffle(lines, new Random(seed));
    List<byte[]> training = new ArrayList<>(lines.size());
    for (String line : lines) {
      training.add(line.getBytes(StandardCharsets.UTF_8));
    }
    lines.clear();

    int epochs = settings.training().epoch();
    long trainStart = System.nanoTime();
    FastTextModel model = new SupervisedTrainer(settings.training(), p -> console.accept(p.describe(epochs)))
        .train(training);
    double trainingSeconds = (System.nanoTime() - trainStart) / 1e9;
    List<LabelMetrics> metrics = HeldOutEvaluation.evaluate(model, heldOut);

    MessageDigest sha = Sha256.digest();
    long[] size = new long[1];
    out.writeModel(stream -> {
      CountingOutputStream counting = new CountingOutputStream(new DigestOutputStream(stream, sha));
      FastTextWriter.write(model, counting);
      size[0] = counting.getByteCount();
    });
    TrainClassifierReport report = new TrainClassifierReport(out.modelPath(), Sha256.hex(sha.digest()), size[0],
        model.args(), settings, positiveCounts, negativeCounts, model.dictionary().wordCount(),
        model.dictionary().tokenCount(), trainingSeconds,
        (double) training.size() * epochs / trainingSeconds, metrics, (System.nanoTime() - started) / 1e9);
    out.writeReport(report.toJson());
    return report;
  }

  /**
   * Collects one class, holds out its first {@code fraction} (the sample is in key order, itself a
   * seeded random order; at least one document when the fraction is not 0), and adds the rest as
   * labelled training lines.
   */
  private static TrainClassifierReport.ClassCounts split(ClassSample.Plan plan, String label, double fraction,
      TextPreparation prepare, List<String> lines, List<HeldOutEvaluation.Example> heldOut) {
    List<String> texts = ClassSample.collect(plan);
    int held = (int) Math.round(texts.size() * fraction);
    if (fraction > 0 && held == 0) {
      held = 1;
    }
    if (texts.size() - held < 1) {
      throw new JobStopped(plan.option() + " " + String.join(" ", plan.inputs()) + " gives " + texts.size()
          + " document(s): too few to train on and hold out " + held + " (train-classifier.held-out-fraction "
          + fraction + ")");
    }
    for (int i = 0; i < texts.size(); i++) {
      String text = prepare.prepare(texts.get(i));
      if (i < held) {
        heldOut.add(new HeldOutEvaluation.Example(text, label));
      } else {
        lines.add(label + " " + text);
      }
    }
    return new TrainClassifierReport.ClassCounts(label, plan.inputs(), plan.documents(), plan.bytes(),
        texts.size() - held, held);
  }
}
