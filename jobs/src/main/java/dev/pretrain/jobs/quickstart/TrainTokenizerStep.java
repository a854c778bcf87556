package dev.pretrain.jobs.quickstart;

import dev.pretrain.tokenize.job.TrainTokenizerJob;
import dev.pretrain.tokenize.job.TrainTokenizerReport;
import dev.pretrain.tokenize.job.TrainTokenizerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Trains the BPE tokenizer on the curated documents into {@code <output>/tokenizer.json}. */
final class TrainTokenizerStep implements QuickstartStep {
  static final String OUTPUT = "tokenizer.json";

  private final TrainTokenizerSettings settings;

  TrainTokenizerStep(TrainTokenizerSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "train-tokenizer";
  }

  @Override
  public List<String> run(QuickstartRun run) throws Exception {
    String curated = run.output().resolve(CurateStep.OUTPUT).toString();
    String output = run.output().resolve(OUTPUT).toString();
    TrainTokenizerReport r = TrainTokenizerJob.run(run.spark(), settings, curated, output, true);
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "vocabulary: %,d ids, %,d merges, %.2f bytes per token on held-out documents",
        r.vocabSize(), r.merges(), r.heldOutBytesPerToken()));
    lines.add("output: " + output);
    return lines;
  }
}
