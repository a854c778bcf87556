package dev.pretrain.classify.train;

import dev.pretrain.classify.fasttext.FastTextDictionary;
import dev.pretrain.classify.fasttext.LineFeatures;
import dev.pretrain.classify.fasttext.TextPreparation;
import dev.pretrain.classify.train.SupervisedOptions.ClassifierLoss;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.SettingsReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The {@code train-classifier} section (see reference.conf).
 *
 * @param positiveLabel label of the --positive documents
 * @param negativeLabel label of the --negative documents
 * @param maxDocumentsPerClass documents drawn per class, at most
 * @param heldOutFraction fraction of each class's sample kept out of training for the metrics
 * @param lowercase text preparation: whether to lower-case
 * @param maxSampleBytes the sample the driver collects, at most (UTF-8 bytes of the texts)
 * @param training the fastText hyperparameters (the seed among them)
 */
public record TrainClassifierSettings(String positiveLabel, String negativeLabel, int maxDocumentsPerClass,
    double heldOutFraction, boolean lowercase, long maxSampleBytes, SupervisedOptions training) {

  public static final ConfigSchema SCHEMA = new ConfigSchema(List.of("train-classifier"), Set.of());

  public static TrainClassifierSettings read(SettingsReader r) {
    String p = "train-classifier.";
    String f = p + "fasttext.";
    String positive = r.string(p + "positive-label", TrainClassifierSettings::isLabel, LABEL_RULE);
    String negative = r.string(p + "negative-label", TrainClassifierSettings::isLabel, LABEL_RULE);
    r.check(!positive.equals(negative), p + "negative-label", "a label other than positive-label (" + positive + ")");
    int maxDocuments = r.intIn(p + "max-documents-per-class", 2, Integer.MAX_VALUE / 2);
    double heldOut = r.doubleIn(p + "held-out-fraction", 0.0, 0.5);
    long seed = r.longIn(p + "seed", Long.MIN_VALUE, Long.MAX_VALUE);
    boolean lowercase = r.bool(p + "lowercase");
    long maxBytes = r.bytesIn(p + "max-sample-bytes", 1, Long.MAX_VALUE);
    int dim = r.intIn(f + "dim", 1, 4096);
    int epoch = r.intIn(f + "epoch", 1, 100_000);
    double lr = r.doubleIn(f + "lr", 0.0, 100.0);
    r.check(lr > 0, f + "lr", "greater than 0");
    int wordNgrams = r.intIn(f + "word-ngrams", 1, 100);
    int minCount = r.intIn(f + "min-count", 1, Integer.MAX_VALUE);
    int bucket = r.intIn(f + "bucket", 0, Integer.MAX_VALUE);
    int minn = r.intIn(f + "minn", 0, 100);
    int maxn = r.intIn(f + "maxn", 0, 100);
    r.check(maxn == 0 || (minn >= 1 && minn <= maxn), f + "minn", "between 1 and maxn (" + maxn + ") when maxn > 0");
    r.check(bucket > 0 || (wordNgrams == 1 && maxn == 0), f + "bucket",
        "greater than 0 when word-ngrams > 1 or maxn > 0 (n-grams are hashed into the buckets)");
    ClassifierLoss loss = r.oneOf(f + "loss", ClassifierLoss.class);
    int lrUpdateRate = r.intIn(f + "lr-update-rate", 1, Integer.MAX_VALUE);
    SupervisedOptions training;
    try {
      training = new SupervisedOptions(dim, epoch, lr, wordNgrams, minCount, bucket, minn, maxn, loss, lrUpdateRate, seed);
    } catch (IllegalArgumentException e) {
      training = null; // a problem the checks above recorded: the reader's finish() names it
    }
    return new TrainClassifierSettings(positive, negative, maxDocuments, heldOut, lowercase, maxBytes, training);
  }

  private static final String LABEL_RULE = "a single token starting with " + FastTextDictionary.LABEL_PREFIX
      + " and more (no space or other fastText separator)";

  private static boolean isLabel(String label) {
    if (!label.startsWith(FastTextDictionary.LABEL_PREFIX) || label.length() == FastTextDictionary.LABEL_PREFIX.length()) {
      return false;
    }
    for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
      if (LineFeatures.isSeparator(b)) {
        return false;
      }
    }
    return true;
  }

  /** How texts become training and held-out lines. */
  public TextPreparation preparation() {
    return new TextPreparation(lowercase);
  }

  public long seed() {
    return training.seed();
  }
}
