package dev.pretrain.jobs.classify;

import dev.pretrain.classify.train.LabelMetrics;
import dev.pretrain.classify.train.TrainClassifierJob;
import dev.pretrain.classify.train.TrainClassifierReport;
import dev.pretrain.classify.train.TrainClassifierSettings;
import dev.pretrain.common.config.ConfigSchema;
import dev.pretrain.common.config.LoadedConfig;
import dev.pretrain.common.read.ReadSettings;
import dev.pretrain.common.spark.SparkSettings;
import dev.pretrain.jobs.cli.JobCommand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "train-classifier",
    mixinStandardHelpOptions = true,
    description = "Train a fastText classifier (positive against negative documents, as DCLM's quality filter);"
        + " writes fastText's .bin format and a report beside it.")
public final class TrainClassifierCommand extends JobCommand {
  @Option(names = "--positive", paramLabel = "PATH", arity = "1..*",
      description = "Required. Documents of the positive class: files, directories or globs in any format curate"
          + " reads, or a curate output (its documents/).")
  List<String> positive = new ArrayList<>();

  @Option(names = "--negative", paramLabel = "PATH", arity = "1..*",
      description = "Required. Documents of the negative class, as --positive.")
  List<String> negative = new ArrayList<>();

  @Option(names = "--output", paramLabel = "FILE",
      description = "Required. Where to write the model (e.g. model.bin); its report goes to FILE.json.")
  String output;

  @Option(names = "--overwrite",
      description = "Replace an existing model and report at --output (never another kind of file).")
  boolean overwrite;

  /** Settings the job reads: the reader's and its own. */
  record JobSettings(ReadSettings read, TrainClassifierSettings train) {}

  @Override
  protected ConfigSchema schema() {
    return SparkSettings.SCHEMA.plus(ReadSettings.SCHEMA).plus(TrainClassifierSettings.SCHEMA);
  }

  @Override
  protected List<Required> requiredToRun() {
    return List.of(new Required("--positive", positive), new Required("--negative", negative),
        new Required("--output", output));
  }

  @Override
  protected int run(LoadedConfig config) throws Exception {
    Set<String> both = new HashSet<>(positive);
    both.retainAll(new HashSet<>(negative));
    if (!both.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--positive and --negative both name " + String.join(", ", both)
          + ": a classifier needs two different sets of documents");
    }
    Settings<JobSettings> settings = readSettings(config,
        r -> new JobSettings(ReadSettings.read(r), TrainClassifierSettings.read(r)));
    TrainClassifierReport report = inSpark(settings.spark(), "train-classifier",
        spark -> TrainClassifierJob.run(spark, settings.job().read(), settings.job().train(), positive, negative,
            output, overwrite, line -> {
              out().println(line);
              out().flush();
            }));
    return done(new Summary("train-classifier: wrote " + output + " and " + output + ".json", summary(report)));
  }

  static List<String> summary(TrainClassifierReport r) {
    List<String> lines = new ArrayList<>();
    for (TrainClassifierReport.ClassCounts c : List.of(r.positive(), r.negative())) {
      lines.add(String.format(Locale.ROOT, "%s: %,d documents sampled (%,d bytes), %,d trained, %,d held out",
          c.label(), c.sampled(), c.sampledBytes(), c.trained(), c.heldOut()));
    }
    lines.add(String.format(Locale.ROOT, "model: %,d words, %,d buckets, dim %d, %s, %d epochs; %,d bytes, sha256 %s",
        r.words(), r.args().bucket(), r.args().dim(), r.args().loss().flag(), r.args().epoch(), r.modelBytes(),
        r.sha256()));
    lines.add("held out:  label  precision  recall  f1  (examples)");
    for (LabelMetrics m : r.metrics()) {
      lines.add(String.format(Locale.ROOT, "  %s  %.4f  %.4f  %.4f  (%,d)", m.label(), m.precision(), m.recall(),
          m.f1(), m.examples()));
    }
    lines.add(String.format(Locale.ROOT, "time: %.1f s (training %.1f s, %,.0f lines/s)", r.seconds(),
        r.trainingSeconds(), r.linesPerSecond()));
    return lines;
  }
}
